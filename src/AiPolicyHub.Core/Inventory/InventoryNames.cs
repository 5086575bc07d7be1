using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Inventory;

/// <summary>Names for the ids a form holds, so history and conflicts read "Marketing", not "3".</summary>
public sealed class InventoryNames(
    IReadOnlyDictionary<int, string> departments, IReadOnlyDictionary<int, string> classifications,
    IReadOnlyDictionary<int, string> tools, IReadOnlyDictionary<string, string> people)
{
    public string Department(int? id) => Name(departments, id);
    public string Classification(int? id) => Name(classifications, id);
    public string Tool(int id) => Name(tools, id);
    public string Person(string? id) => id is null ? "" : people.GetValueOrDefault(id, "(removed user)");

    private static string Name(IReadOnlyDictionary<int, string> names, int? id) =>
        id is { } key ? names.GetValueOrDefault(key, $"#{key}") : "";

    /// <summary>
    /// Whether one of <paramref name="names"/> equals <paramref name="name"/> whatever the case, in any alphabet
    /// (SQLite folds A–Z only). For short lists — tools, departments, levels — compared in memory.
    /// </summary>
    public static async Task<bool> NameTakenAsync(IQueryable<string> names, string name, CancellationToken cancellationToken = default) =>
        name.Length > 0 && (await names.ToListAsync(cancellationToken)).Any(n => string.Equals(n.Trim(), name.Trim(), StringComparison.InvariantCultureIgnoreCase));

    public static async Task<InventoryNames> LoadAsync(AppDbContext db, CancellationToken cancellationToken = default) => new(
        await db.Departments.ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken),
        await db.ClassificationLevels.ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken),
        await db.Tools.ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken),
        await db.Users.ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken));
}
