using System.ComponentModel;

namespace AiPolicyHub.Core.Compliance;

/// <summary>What the inventory shows for a control, whatever its implementation status says.</summary>
public enum CoverageState
{
    [Description("Not applicable")] NotApplicable = 0,
    [Description("Evidenced")] Evidenced = 1,
    [Description("Open findings")] FindingsOpen = 2,
    [Description("Evidence expired")] EvidenceExpired = 3,
    [Description("No evidence")] NoEvidence = 4,
}

/// <summary>A rule that cites the control, whether it is switched on, and how many open findings it raises now.</summary>
public sealed record LinkedRule(string RuleId, string Title, bool Enabled, int OpenFindings);

/// <summary>A piece of evidence attached to the control.</summary>
public sealed record ControlEvidence(int Id, string Description, DateOnly ProducedOn, DateOnly? ExpiresOn);

/// <summary>A record the control's rules find something wrong with (a workflow in use with an open finding).</summary>
public sealed record LinkedRecord(int WorkflowId, string Name, string RuleId);

/// <summary>The coverage of one control: the state, a sentence saying why, and the figures it comes from.</summary>
public sealed record ControlCoverage(CoverageState State, string Explanation, int CurrentEvidence, int ExpiredEvidence, int OpenFindings);

/// <summary>The statement's coverage in figures: evidenced controls out of the applicable ones.</summary>
public sealed record CoverageSummary(int Controls, int Applicable, int Excluded, int Evidenced, int FindingsOpen, int EvidenceExpired, int NoEvidence)
{
    /// <summary>Whole per cent of the applicable controls that are evidenced (0 when none applies).</summary>
    public int Percent => Applicable == 0 ? 0 : (int)Math.Floor(100.0 * Evidenced / Applicable);
}

/// <summary>
/// Coverage computed from what the inventory shows, never from what someone typed:
/// <list type="bullet">
/// <item>a control that is excluded is <see cref="CoverageState.NotApplicable"/>;</item>
/// <item>an applicable control whose rules (those switched on that cite it) raise open findings on workflows in use, after
///   exceptions in force, is <see cref="CoverageState.FindingsOpen"/>, whatever evidence it has;</item>
/// <item>otherwise it is <see cref="CoverageState.Evidenced"/> when it has current evidence — produced on or before today
///   and without an expiry date or expiring today or later;</item>
/// <item>otherwise <see cref="CoverageState.EvidenceExpired"/> when all its evidence has expired, and
///   <see cref="CoverageState.NoEvidence"/> when it has none.</item>
/// </list>
/// </summary>
public static class SoaCoverage
{
    public const string HowComputed =
        "A control is evidenced when it applies, has current evidence attached (produced by today, not expired) and the rules that cite it "
        + "(those switched on) raise no open findings on the workflows in use, after exceptions in force. Open findings win over evidence; "
        + "without current evidence a control shows “evidence expired” or “no evidence”. Coverage is the evidenced controls out of the applicable ones. "
        + "The implementation status is what the owner says; coverage is what the inventory shows.";

    public static ControlCoverage Of(bool applicable, IReadOnlyList<LinkedRule> rules, IReadOnlyList<ControlEvidence> evidence, DateOnly today)
    {
        var current = evidence.Count(e => e.ProducedOn <= today && (e.ExpiresOn is null || e.ExpiresOn >= today));
        var expired = evidence.Count(e => e.ExpiresOn is { } end && end < today);
        var open = rules.Where(r => r.Enabled).Sum(r => r.OpenFindings);
        if (!applicable)
        {
            return new(CoverageState.NotApplicable, "Excluded from the statement: not counted.", current, expired, open);
        }
        if (open > 0)
        {
            var breaking = rules.Where(r => r.Enabled && r.OpenFindings > 0).Select(r => $"“{r.Title}” ({r.OpenFindings})");
            return new(CoverageState.FindingsOpen, $"{Plural(open, "open finding")} under {string.Join(", ", breaking)}.", current, expired, open);
        }
        if (current > 0)
        {
            var checkedBy = rules.Count(r => r.Enabled);
            return new(CoverageState.Evidenced, $"{Plural(current, "piece")} of current evidence"
                + (checkedBy == 0 ? "; no rule checks it in the inventory." : $"; {Plural(checkedBy, "rule")} citing it find nothing."), current, expired, open);
        }
        return expired > 0
            ? new(CoverageState.EvidenceExpired, $"All its evidence has expired ({expired}): attach current evidence.", current, expired, open)
            : new(CoverageState.NoEvidence, "No evidence is attached.", current, expired, open);
    }

    public static CoverageSummary Summarise(IEnumerable<ControlCoverage> controls)
    {
        var list = controls.ToList();
        int Count(CoverageState s) => list.Count(c => c.State == s);
        return new(list.Count, list.Count - Count(CoverageState.NotApplicable), Count(CoverageState.NotApplicable), Count(CoverageState.Evidenced),
            Count(CoverageState.FindingsOpen), Count(CoverageState.EvidenceExpired), Count(CoverageState.NoEvidence));
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n:N0} {word}s";
}
