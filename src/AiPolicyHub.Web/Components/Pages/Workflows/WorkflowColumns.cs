namespace AiPolicyHub.Web.Components.Pages.Workflows;

/// <summary>
/// The workflow list's optional columns (the name is always shown), and how a person's choice is stored. The defaults fit
/// a 1280 px window without cutting a cell; the others are a tick away in Columns.
/// </summary>
public static class WorkflowColumns
{
    public sealed record Column(string Key, string Title, bool ShownByDefault);

    public static readonly IReadOnlyList<Column> All =
    [
        new("department", "Department", true),
        new("stage", "Stage", false),
        new("status", "Status", true),
        new("data", "Data", false),
        new("risk-score", "Residual risk", true),
        new("risk-tier", "Risk tier", true),
        new("autonomy", "Autonomy", false),
        new("audience", "Audience", false),
        new("oversight", "Oversight", false),
        new("next-review", "Next review", true),
        new("owner", "Owner", true),
    ];

    public static readonly IReadOnlySet<string> Defaults = All.Where(c => c.ShownByDefault).Select(c => c.Key).ToHashSet();

    /// <summary>The stored choice ("stage,status,owner"), or the defaults when none is stored; unknown keys are dropped.</summary>
    public static IReadOnlySet<string> Parse(string? stored) => stored is null
        ? Defaults
        : stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(key => All.Any(c => c.Key == key)).ToHashSet();

    public static string Format(IEnumerable<string> shown) => string.Join(",", All.Select(c => c.Key).Where(shown.Contains));
}
