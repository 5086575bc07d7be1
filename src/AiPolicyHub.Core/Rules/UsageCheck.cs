using System.ComponentModel;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules;

/// <summary>
/// A question from the staff checker: may I use <see cref="Tool"/> (null: a tool that is not listed) for
/// <see cref="Task"/> with this data, for this audience?
/// </summary>
public sealed record UsageCheck(
    RuleTool? Tool,
    UsageTask Task,
    int ClassificationRank,
    DataCategories DataCategories,
    Audience Audience,
    bool DecidesAboutPeople);

public enum Verdict
{
    [Description("Allowed")] Allowed,
    [Description("Allowed with conditions")] AllowedWithConditions,
    [Description("Not allowed")] NotAllowed,
    /// <summary>The tool is paused: do not use it until it is restarted.</summary>
    [Description("Paused")] Paused,
}

/// <summary>
/// The checker's answer. <see cref="Reasons"/> say why (for “not allowed”, with what would change it);
/// <see cref="Conditions"/> are what the person must do when the verdict is <see cref="Verdict.AllowedWithConditions"/>;
/// <see cref="Findings"/> are the rule findings behind it, with their framework references.
/// </summary>
public sealed record UsageAnswer(
    Verdict Verdict,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Conditions,
    IReadOnlyList<RuleFinding> Findings);

/// <summary>An approved tool that could be used instead, and the answer for it.</summary>
public sealed record UsageAlternative(RuleTool Tool, UsageAnswer Answer);
