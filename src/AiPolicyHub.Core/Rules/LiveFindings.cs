using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules;

/// <summary>
/// The rules applied to a workflow form while it is being edited, before it is saved: the engine is pure
/// and takes microseconds, so the page can show the findings on every change.
/// </summary>
public static class LiveFindings
{
    /// <summary>
    /// Findings for the form as it stands (none until a data classification is chosen), less those covered by an
    /// exception in force on <paramref name="today"/>.
    /// </summary>
    public static IReadOnlyList<RuleFinding> For(WorkflowForm form, FormLookups lookups, DateOnly today, RuleEngine? engine = null,
        IReadOnlyList<GrantedException>? exceptions = null, IReadOnlyList<RuleEvidence>? evidence = null)
    {
        return SubjectOf(form, lookups) is { } subject
            ? (engine ?? RuleEngine.Default).Evaluate(subject with { Evidence = evidence ?? [] }, exceptions ?? [], today)
            : [];
    }

    /// <summary>The form as the rules and the risk assessment see it; null until a data classification is chosen.</summary>
    public static RuleSubject? SubjectOf(WorkflowForm form, FormLookups lookups)
    {
        if (lookups.Levels.FirstOrDefault(l => l.Id == form.DataClassificationId) is not { } level)
        {
            return null;
        }
        var tools = lookups.Tools.Where(t => form.ToolIds.Contains(t.Id))
            .Select(t => new RuleTool(t.Name, t.ApprovalStatus, t.MaxClassificationRank, t.MaxClassification,
                t.TrainsOnOurData, t.HasDataProcessingAgreement, t.Capabilities, t.IsPaused, t.PausedReason))
            .ToList();
        return RuleSubject.From(form, level, tools);
    }
}
