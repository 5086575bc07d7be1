using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using static AiPolicyHub.Core.Risk.RiskCategory;

namespace AiPolicyHub.Core.Risk;

/// <summary>
/// Scores a workflow on a 5 × 5 likelihood × impact grid, pure and deterministic. Both scales start at 1; each risk
/// factor adds steps and each control takes steps away, and every step is listed with its reason:
/// <list type="bullet">
/// <item>Impact rises with the data's classification (one step per level above the lowest), special-category personal
/// data or credentials, an audience beyond the business (customers +1, the public or a regulator +2), and decisions
/// about people (+2).</item>
/// <item>Likelihood rises with autonomy (recommends +1, acts automatically +2), volume (1,000 a month +1, 10,000 +2),
/// a tool that is not approved, a vendor that trains on the data, personal data without a vendor agreement, and AI
/// writing source code.</item>
/// <item>Controls lower the residual point: oversight (spot-checks −1 likelihood, review or approval before use −2,
/// two-person approval also −1 impact), fact-checking, independent validation and code review (−1 likelihood each
/// where they apply), bias testing and provenance logging (−1 impact each where they apply).</item>
/// </list>
/// The tier comes from the residual score (see <see cref="RiskThresholds"/>).
/// </summary>
public static class RiskAssessor
{
    public const int HighVolume = 1_000;
    public const int VeryHighVolume = 10_000;

    public static RiskAssessment Assess(RuleSubject workflow, ClassificationScale scale, RiskThresholds? thresholds = null)
    {
        thresholds ??= RiskThresholds.Default;
        var (factors, controls, inherent, residual) = Score(workflow, scale);
        var categories = Enum.GetValues<RiskCategory>()
            .Select(c => new CategoryRisk(c,
                factors.Where(f => f.Categories.Contains(c)).Sum(f => f.Likelihood + f.Impact),
                controls.Where(f => f.Categories.Contains(c)).Sum(f => -(f.Likelihood + f.Impact))))
            .Where(c => c.Raised > 0 || c.Lowered > 0)
            .OrderByDescending(c => c.Net).ThenBy(c => c.Category)
            .ToList();
        return new RiskAssessment(inherent, residual, thresholds.TierOf(residual.Score), factors, controls, categories,
            WouldLower(workflow, scale, thresholds, residual.Score));
    }

    /// <summary>
    /// Only the residual placement and its tier, as the workflow row keeps them: what <see cref="Assess"/> gives without the
    /// categories and the changes that would lower it, for code that stores risk for many workflows at once.
    /// </summary>
    public static (RiskPoint Residual, RiskTier Tier) Residual(RuleSubject workflow, ClassificationScale scale, RiskThresholds? thresholds = null)
    {
        var residual = Score(workflow, scale).Residual;
        return (residual, (thresholds ?? RiskThresholds.Default).TierOf(residual.Score));
    }

    private static List<RiskFactor> Factors(RuleSubject w, ClassificationScale scale)
    {
        var factors = new List<RiskFactor>();
        var level = Math.Max(0, IndexOf(scale, w.ClassificationRank));
        if (level > 0)
        {
            factors.Add(new(0, level, $"{w.ClassificationName} data", [DataLeakage]));
        }
        if (w.DataCategories.HasFlag(DataCategories.SpecialCategoryData))
        {
            factors.Add(new(0, 1, "special-category personal data (health, beliefs, …)", [DataLeakage, Bias]));
        }
        if (w.DataCategories.HasFlag(DataCategories.Credentials))
        {
            factors.Add(new(0, 1, "credentials or secrets", [DataLeakage, Misuse]));
        }
        switch (w.Audience)
        {
            case Audience.CustomerFacing:
                factors.Add(new(0, 1, "output reaches customers", [InaccurateOutput]));
                break;
            case Audience.Public:
                factors.Add(new(0, 2, "output is published", [InaccurateOutput, Misuse]));
                break;
            case Audience.Regulator:
                factors.Add(new(0, 2, "output goes to a regulator", [InaccurateOutput, AuditGaps]));
                break;
        }
        if (w.AffectsPeople != PeopleImpact.None)
        {
            factors.Add(new(0, 2, $"it helps decide about people ({RuleText.PeopleAreas(w.AffectsPeople)})", [Bias, LossOfControl]));
        }

        if (w.Agent is { } agent)
        {
            AgentFactors(factors, agent);
        }
        else
        {
            switch (w.Autonomy)
            {
                case Autonomy.RecommendDecision:
                    factors.Add(new(1, 0, "it recommends decisions people may follow unchecked", [InaccurateOutput, LossOfControl]));
                    break;
                case Autonomy.ActAutomatically:
                    factors.Add(new(2, 0, "it acts automatically", [LossOfControl, InaccurateOutput]));
                    break;
            }
        }
        if (w.MonthlyVolume is { } volume && volume >= HighVolume)
        {
            factors.Add(new(volume >= VeryHighVolume ? 2 : 1, 0, $"used about {volume:N0} times a month, so rare errors still happen often", [InaccurateOutput, Drift]));
        }
        if (w.Tools.Any(t => t.ApprovalStatus is not (ToolApprovalStatus.Approved or ToolApprovalStatus.ApprovedWithRestrictions)))
        {
            factors.Add(new(1, 0, "it uses a tool that is not approved", [VendorDependence, Misuse]));
        }
        if (level > 0 && w.Tools.Any(t => t.TrainsOnOurData == VendorTraining.Yes))
        {
            factors.Add(new(1, 0, "a vendor trains its models on the data", [DataLeakage, VendorDependence]));
        }
        if ((w.DataCategories & (DataCategories.PersonalData | DataCategories.SpecialCategoryData)) != 0
            && w.Tools.Any(t => !t.HasDataProcessingAgreement))
        {
            factors.Add(new(1, 0, "personal data goes to a vendor without a data-processing agreement", [DataLeakage, VendorDependence]));
        }
        if (w.DataCategories.HasFlag(DataCategories.SourceCode) && w.Tools.Any(t => t.Capabilities.HasFlag(ToolCapabilities.Code)))
        {
            factors.Add(new(1, 0, "AI writes source code", [CodeSecurity]));
        }
        return factors;
    }

    /// <summary>The permissions with which an agent changes something (everything but reading).</summary>
    public const AgentPermissions ActingPermissions = AgentPermissions.WriteData | AgentPermissions.SendOutside | AgentPermissions.SpendMoney
        | AgentPermissions.ChangeCode | AgentPermissions.ActOnPeople;

    /// <summary>
    /// An agent's factors — autonomy × permissions × data (the data's impact is the common factor above): how far it acts
    /// alone (+1 or +2 likelihood), the worst it can do (+1 impact to write, send or change code; +2 to spend or act on
    /// people), broad permissions (three or more kinds of action, +1 impact), acting alone with actions no person approves
    /// (+1 likelihood), and connectors that are unapproved or paused (+1 likelihood). Each only adds: more permissions or
    /// autonomy never lower the score.
    /// </summary>
    private static void AgentFactors(List<RiskFactor> factors, RuleAgent agent)
    {
        switch (agent.Autonomy)
        {
            case AgentAutonomy.ActsWithApproval:
                factors.Add(new(1, 0, "the agent acts on its own once a person approves", [LossOfControl, InaccurateOutput]));
                break;
            case AgentAutonomy.ActsAlone:
                factors.Add(new(2, 0, "the agent acts alone, with no person approving", [LossOfControl, InaccurateOutput]));
                break;
        }
        var acting = agent.Permissions & ActingPermissions;
        if ((acting & (AgentPermissions.SpendMoney | AgentPermissions.ActOnPeople)) != 0)
        {
            var what = EnumText.Of(acting & (AgentPermissions.SpendMoney | AgentPermissions.ActOnPeople)).ToLowerInvariant();
            factors.Add(new(0, 2, $"it can {what}", [Misuse, LossOfControl, Bias]));
        }
        else if (acting != AgentPermissions.None)
        {
            factors.Add(new(0, 1, $"it can {EnumText.Of(acting).ToLowerInvariant()}", [Misuse, LossOfControl]));
        }
        if (System.Numerics.BitOperations.PopCount((uint)acting) >= 3)
        {
            factors.Add(new(0, 1, "it holds broad permissions (three kinds of action or more)", [Misuse]));
        }
        if (agent.Autonomy == AgentAutonomy.ActsAlone && (acting & ~agent.Checkpoints) is var unguarded and not AgentPermissions.None)
        {
            factors.Add(new(1, 0, $"no person approves when it acts alone to {EnumText.Of(unguarded).ToLowerInvariant()}", [LossOfControl, Misuse]));
        }
        var connectors = agent.Connectors;
        for (var i = 0; i < connectors.Count; i++)
        {
            if (connectors[i].IsPaused || !connectors[i].IsApproved)
            {
                factors.Add(new(1, 0, "it uses a connector that is not approved or is paused", [VendorDependence, Misuse, DataLeakage]));
                break;
            }
        }
    }

    private static List<RiskFactor> Controls(RuleSubject w)
    {
        var controls = new List<RiskFactor>();
        switch (w.Oversight)
        {
            case HumanOversight.SpotCheck:
                controls.Add(new(-1, 0, $"a person spot-checks {(w.SpotCheckPercent is { } p ? $"{p} %" : "a sample")} of the output", [InaccurateOutput]));
                break;
            case HumanOversight.ReviewBeforeUse:
                controls.Add(new(-2, 0, "a person reviews every output before it is used", [InaccurateOutput, LossOfControl]));
                break;
            case HumanOversight.ApprovalBeforeRelease:
                controls.Add(new(-2, 0, "a person approves the output before release", [InaccurateOutput, LossOfControl]));
                break;
            case HumanOversight.TwoPersonApproval:
                controls.Add(new(-2, -1, "two people approve each output", [InaccurateOutput, LossOfControl]));
                break;
        }
        if (w.Controls.HasFlag(VerificationControls.FactCheck))
        {
            controls.Add(new(-1, 0, "claims are fact-checked against sources", [InaccurateOutput]));
        }
        if (w.Controls.HasFlag(VerificationControls.IndependentValidation))
        {
            controls.Add(new(-1, 0, "a different system or person validates the output", [InaccurateOutput, Drift]));
        }
        if (w.Controls.HasFlag(VerificationControls.CodeReview) && w.DataCategories.HasFlag(DataCategories.SourceCode))
        {
            controls.Add(new(-1, 0, "AI-written code is reviewed", [CodeSecurity]));
        }
        if (w.Controls.HasFlag(VerificationControls.BiasTesting) && w.AffectsPeople != PeopleImpact.None)
        {
            controls.Add(new(0, -1, "it is tested for bias", [Bias]));
        }
        if (w.Controls.HasFlag(VerificationControls.ProvenanceLogging))
        {
            controls.Add(new(0, -1, "model, prompt and data are logged, so mistakes can be traced and put right", [AuditGaps, Drift]));
        }
        return controls;
    }

    /// <summary>
    /// Changes that would lower the residual score, each tried on a copy of the workflow so the figure is the
    /// assessor's own, largest reduction first.
    /// </summary>
    private static IReadOnlyList<string> WouldLower(RuleSubject w, ClassificationScale scale, RiskThresholds thresholds, int score)
    {
        var options = new List<(string What, RuleSubject Changed)>();
        if (w.Agent is { } agent)
        {
            AgentOptions(options, w, agent, scale);
        }
        else if (w.Oversight < HumanOversight.ReviewBeforeUse)
        {
            options.Add(("Have a person review every output before it is used", w with { Oversight = HumanOversight.ReviewBeforeUse }));
        }
        if (w.Oversight != HumanOversight.TwoPersonApproval && (w.AffectsPeople != PeopleImpact.None || w.Audience != Audience.Internal))
        {
            options.Add(("Require two people to approve each output", w with { Oversight = HumanOversight.TwoPersonApproval }));
        }
        foreach (var (control, text) in w.Agent is not null ? Array.Empty<(VerificationControls, string)>() : new[]
                 {
                     (VerificationControls.FactCheck, "Fact-check claims against sources"),
                     (VerificationControls.IndependentValidation, "Have a different system or person validate the output"),
                     (VerificationControls.CodeReview, "Review AI-written code"),
                     (VerificationControls.BiasTesting, "Test for bias"),
                     (VerificationControls.ProvenanceLogging, "Log model, prompt and data"),
                 })
        {
            if (!w.Controls.HasFlag(control))
            {
                options.Add((text, w with { Controls = w.Controls | control }));
            }
        }
        if (w.Autonomy == Autonomy.ActAutomatically && w.Agent is null)
        {
            options.Add(("Let it recommend rather than act, so a person confirms each action", w with { Autonomy = Autonomy.RecommendDecision }));
        }
        if (IndexOf(scale, w.ClassificationRank) > 1)
        {
            var lower = scale.Levels[1];
            options.Add(($"Keep data above {lower.Name} out of it", w with { ClassificationRank = lower.Rank, ClassificationName = lower.Name }));
        }

        return options
            .Select(o => (o.What, Score: Residual(o.Changed, scale)))
            .Where(o => o.Score < score)
            .OrderBy(o => o.Score).ThenBy(o => o.What, StringComparer.Ordinal)
            .Select(o => $"{o.What}: score {score} → {o.Score} ({EnumText.Of(thresholds.TierOf(o.Score)).ToLowerInvariant()}).")
            .ToList();
    }

    private static void AgentOptions(List<(string What, RuleSubject Changed)> options, RuleSubject w, RuleAgent agent, ClassificationScale scale)
    {
        var unguarded = agent.Permissions & ActingPermissions & ~agent.Checkpoints;
        if (agent.Autonomy == AgentAutonomy.ActsAlone && unguarded != AgentPermissions.None)
        {
            options.Add(($"Have a person approve when it acts to {EnumText.Of(unguarded).ToLowerInvariant()}",
                w with { Agent = agent with { Checkpoints = agent.Checkpoints | unguarded } }));
        }
        if (agent.Autonomy == AgentAutonomy.ActsAlone)
        {
            options.Add(("Let it act only with a person's approval",
                w with { Autonomy = Autonomy.RecommendDecision, Agent = agent with { Autonomy = AgentAutonomy.ActsWithApproval } }));
        }
        if ((agent.Permissions & ActingPermissions) != AgentPermissions.None)
        {
            options.Add(("Let it suggest only, so people take every action",
                w with { Autonomy = Autonomy.Assist, Agent = agent with { Autonomy = AgentAutonomy.SuggestsOnly } }));
        }
    }

    private static int Residual(RuleSubject w, ClassificationScale scale) => Score(w, scale).Residual.Score;

    /// <summary>Both scales start at 1; factors add their steps, then controls take theirs away; each stays within 1–5.</summary>
    private static (List<RiskFactor> Factors, List<RiskFactor> Controls, RiskPoint Inherent, RiskPoint Residual) Score(RuleSubject w, ClassificationScale scale)
    {
        var factors = Factors(w, scale);
        var controls = Controls(w);
        var inherent = RiskPoint.Clamped(1 + factors.Sum(f => f.Likelihood), 1 + factors.Sum(f => f.Impact));
        var residual = RiskPoint.Clamped(inherent.Likelihood + controls.Sum(c => c.Likelihood), inherent.Impact + controls.Sum(c => c.Impact));
        return (factors, controls, inherent, residual);
    }

    private static int IndexOf(ClassificationScale scale, int rank)
    {
        for (var i = 0; i < scale.Levels.Count; i++)
        {
            if (scale.Levels[i].Rank == rank)
            {
                return i;
            }
        }
        return -1;
    }
}
