using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;

namespace AiPolicyHub.Core.Obligations;

/// <summary>What decides a workflow's obligations: the organisation's role and the scopes the workflow falls in.</summary>
public sealed record ObligationFacts(OperatorRole Role, IReadOnlySet<ObligationScope> Scopes)
{
    /// <summary>
    /// The scopes of a workflow: every AI system; a prohibited practice when its category (compliance's, or else the
    /// suggestion) says so; Annex III or Annex I by its recorded high-risk area unless compliance decided it is not
    /// high-risk; a FRIA when one is due; transparency when its output reaches people or its category is transparency.
    /// </summary>
    public static ObligationFacts Of(OperatorRole role, HighRiskArea area, EuAiActCategory? decided, EuAiActCategory suggested, Audience audience,
        bool friaRequired)
    {
        var category = decided ?? suggested;
        var highRisk = decided is null or EuAiActCategory.HighRisk;
        var scopes = new HashSet<ObligationScope> { ObligationScope.All };
        if (category == EuAiActCategory.Prohibited) scopes.Add(ObligationScope.Prohibited);
        if (highRisk && area.IsAnnexIII()) scopes.Add(ObligationScope.HighRiskAnnexIII);
        if (highRisk && area == HighRiskArea.AnnexIProduct) scopes.Add(ObligationScope.HighRiskAnnexI);
        if (friaRequired) scopes.Add(ObligationScope.Fria);
        if (ReachesPeople(audience) || category == EuAiActCategory.Transparency) scopes.Add(ObligationScope.Transparency);
        return new ObligationFacts(role, scopes);
    }

    /// <summary>
    /// The facts of a stored workflow for the organisation acting as <paramref name="role"/> (the workflow's own role, or an
    /// agent's when it relies on that agent), with the FRIA verdict they include.
    /// </summary>
    public static (ObligationFacts Facts, FriaVerdict Fria) Of(Workflow workflow, OperatorRole role, EuAiActCategory suggested, bool organisationIsPublicBody)
    {
        var fria = FriaRequirement.Of(role, workflow.HighRiskArea, workflow.EuAiActCategory, organisationIsPublicBody, workflow.ProvidesPublicService);
        return (Of(role, workflow.HighRiskArea, workflow.EuAiActCategory, suggested, workflow.Audience, fria.Required), fria);
    }

    /// <summary>Output that reaches people outside the organisation: customers or the public.</summary>
    public static bool ReachesPeople(Audience audience) => audience is Audience.CustomerFacing or Audience.Public;
}

/// <summary>One obligation as a workflow shows it, with its source.</summary>
public sealed record ApplicableObligation(Obligation Obligation, ObligationSource? Source);

/// <summary>What a workflow must do today, and what comes later with the date it starts.</summary>
public sealed record ObligationOutlook(IReadOnlyList<ApplicableObligation> InForce, IReadOnlyList<ApplicableObligation> Coming);

public static class WorkflowObligations
{
    /// <summary>
    /// The obligations of <paramref name="table"/> for the workflow's role and scopes, split on <paramref name="today"/>:
    /// an obligation is in force from the day it applies (that day included); the coming ones are listed soonest first.
    /// </summary>
    public static ObligationOutlook For(ObligationFacts facts, ObligationTable table, DateOnly today)
    {
        var mine = table.Obligations.Where(o => o.Roles.Contains(facts.Role) && facts.Scopes.Contains(o.Scope))
            .Select(o => new ApplicableObligation(o, table.Source(o.SourceId))).ToList();
        return new ObligationOutlook(
            [.. mine.Where(o => o.Obligation.AppliesFrom <= today)],
            [.. mine.Where(o => o.Obligation.AppliesFrom > today).OrderBy(o => o.Obligation.AppliesFrom)]);
    }
}
