namespace AiPolicyHub.Core.Rules;

/// <summary>
/// One policy rule. A new rule is one file implementing this, listed in <see cref="BuiltInRules.All"/>.
/// <see cref="Evaluate"/> runs for every workflow, so it should only compare values and build text when it finds
/// something.
/// </summary>
public interface IPolicyRule
{
    /// <summary>Stable id, stored with settings and exceptions; never change it once released.</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>Why the organisation has this rule, for the policy document.</summary>
    string Rationale { get; }

    FindingSeverity Severity { get; }

    /// <summary>Framework references, e.g. "NIST AI RMF: MAP 4.1", "ISO/IEC 42001 A.7.4", "EU AI Act Art. 14".</summary>
    IReadOnlyList<string> References { get; }

    /// <summary>What the organisation can configure, each with its default.</summary>
    IReadOnlyList<RuleParameter> Parameters { get; }

    /// <summary>
    /// Messages for impossible values (empty when fine). <paramref name="parameters"/> holds every parameter of
    /// <see cref="Parameters"/>: defaults are filled in for those not configured.
    /// </summary>
    IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale);

    /// <summary>
    /// Whether the rule judges agents (<see cref="RuleSubject.Agent"/> set) rather than workflows: the engine runs each rule on
    /// its own kind of subject only, so workflow rules never see an agent and the workflow pass pays nothing for agent rules.
    /// </summary>
    bool AppliesToAgents => false;

    /// <summary>The finding for <paramref name="subject"/>, or null when it keeps the rule.</summary>
    RuleFinding? Evaluate(RuleSubject subject, in RuleContext context);
}

/// <summary>What a rule gets besides the subject: its validated parameters, the classification levels and today's date.</summary>
public readonly record struct RuleContext(RuleParameters Parameters, ClassificationScale Scale, DateOnly Today);
