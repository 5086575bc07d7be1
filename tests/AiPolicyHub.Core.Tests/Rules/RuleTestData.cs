using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;

namespace AiPolicyHub.Core.Tests.Rules;

/// <summary>A workflow that keeps every rule, tools to vary it with, and short ways to evaluate it.</summary>
internal static class RuleTestData
{
    public static readonly DateOnly Today = new(2026, 6, 15);

    public static readonly string[] LevelNames = ["", "Public", "Internal", "Confidential", "Restricted"];

    /// <summary>Approved, cleared up to Confidential, with a data-processing agreement, no training, text only.</summary>
    public static RuleTool Assistant(string name = "Team assistant", int maxRank = 3) =>
        new(name, ToolApprovalStatus.Approved, maxRank, LevelNames[maxRank], VendorTraining.No,
            HasDataProcessingAgreement: true, ToolCapabilities.Text);

    /// <summary>Internal meeting notes drafted by an approved tool, reviewed before use, owned and reviewed on time.</summary>
    public static RuleSubject Compliant() => new()
    {
        Name = "Draft meeting notes",
        Stage = LifecycleStage.Production,
        Status = WorkflowStatus.Approved,
        Autonomy = Autonomy.Draft,
        Audience = Audience.Internal,
        ClassificationRank = 2,
        ClassificationName = "Internal",
        Oversight = HumanOversight.ReviewBeforeUse,
        HasOwner = true,
        NextReviewDate = Today.AddMonths(6),
        Tools = [Assistant()],
    };

    public static RuleSubject WithRank(this RuleSubject subject, int rank) =>
        subject with { ClassificationRank = rank, ClassificationName = LevelNames[rank] };

    public static IReadOnlyList<RuleFinding> Evaluate(RuleSubject subject, RuleSettings? settings = null,
        IReadOnlyList<GrantedException>? exceptions = null, DateOnly? today = null) =>
        (settings is null ? RuleEngine.Default : new RuleEngine(settings)).Evaluate(subject, exceptions ?? [], today ?? Today);

    /// <summary>The finding of rule <paramref name="ruleId"/> for <paramref name="subject"/>, or null.</summary>
    public static RuleFinding? FindingOf(string ruleId, RuleSubject subject, RuleSettings? settings = null, DateOnly? today = null) =>
        Evaluate(subject, settings, today: today).SingleOrDefault(f => f.RuleId == ruleId);

    /// <summary>Validation messages of one rule's parameters, as the settings page would show them.</summary>
    public static IReadOnlyList<string> ValidateParameter(string ruleId, string key, int value) =>
        RuleSettings.Default.WithParameter(ruleId, key, value).Validate();
}
