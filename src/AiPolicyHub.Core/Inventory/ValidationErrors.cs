namespace AiPolicyHub.Core.Inventory;

/// <summary>Messages per field (the form property's name), shown next to that field.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> byField = [];

    public bool IsEmpty => byField.Count == 0;
    public IReadOnlyDictionary<string, List<string>> ByField => byField;
    public IEnumerable<string> All => byField.Values.SelectMany(m => m);

    public void Add(string field, string message)
    {
        if (!byField.TryGetValue(field, out var messages))
        {
            byField[field] = messages = [];
        }
        messages.Add(message);
    }

    public IReadOnlyList<string> For(string field) => byField.TryGetValue(field, out var m) ? m : [];

    internal void Required(string field, string value, string label, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"Enter {label}.");
        }
        else
        {
            MaxLength(field, value, label, maxLength);
        }
    }

    internal void MaxLength(string field, string? value, string label, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength)
        {
            Add(field, $"Keep {label} to {maxLength} characters or fewer (now {value.Trim().Length}).");
        }
    }
}
