namespace AiPolicyHub.Web.Components.Pages.Workflows;

/// <summary>
/// The workflow list's optional columns (the name is always shown), and how a person's choice is stored. The defaults fit
/// a 1280 px window without cutting a cell; the others are a tick away in Columns.
/// </summary>
public static class WorkflowColumns
{
    /// <param name="SortKey">The list's <c>sort</c> value for this column (the row's property), or null when it cannot be sorted.</param>
    public sealed record Column(string Key, string Title, bool ShownByDefault, string? SortKey);

    /// <summary>The name column, always shown, and the list's order when the address names none.</summary>
    public const string NameSortKey = "Name";

    public static readonly IReadOnlyList<Column> All =
    [
        new("department", "Department", true, "Department"),
        new("stage", "Stage", false, "Stage"),
        new("status", "Status", true, "Status"),
        new("data", "Data", false, "Classification"),
        new("risk-score", "Residual risk", true, "RiskScore"),
        new("risk-tier", "Risk tier", true, "RiskTier"),
        new("autonomy", "Autonomy", false, "Autonomy"),
        new("audience", "Audience", false, "Audience"),
        new("oversight", "Oversight", false, null),
        new("next-review", "Next review", true, "NextReviewDate"),
        new("owner", "Owner", true, null),
    ];

    public static readonly IReadOnlySet<string> Defaults = All.Where(c => c.ShownByDefault).Select(c => c.Key).ToHashSet();

    /// <summary>The stored choice ("stage,status,owner"), or the defaults when none is stored; unknown keys are dropped.</summary>
    public static IReadOnlySet<string> Parse(string? stored) => stored is null
        ? Defaults
        : stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(key => All.Any(c => c.Key == key)).ToHashSet();

    public static string Format(IEnumerable<string> shown) => string.Join(",", All.Select(c => c.Key).Where(shown.Contains));
}
