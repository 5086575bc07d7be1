using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>(13) Output reaches people (by default customers and the public) and nothing records how they are told it is AI (Art. 50).</summary>
public sealed class TransparencyMeasureRule : IPolicyRule
{
    public const string RuleId = "transparency-measure";
    public const string AudiencesKey = "Audiences";

    public string Id => RuleId;
    public string Title => "People are not told they deal with AI";
    public string Rationale =>
        "People who talk to an AI system, or read, see or hear what it made, are entitled to know. From 2 August 2026 the EU AI " +
        "Act (Art. 50) requires it; the workflow records how they are told: a notice in the chat, a label on the content, a line in the letter.";
    public FindingSeverity Severity => FindingSeverity.Medium;
    public IReadOnlyList<string> References { get; } = ["NIST AI RMF: GOVERN 4.2", "ISO/IEC 42001 A.8.2", "EU AI Act Art. 50"];
    public IReadOnlyList<RuleParameter> Parameters { get; } =
    [
        new(AudiencesKey, "Audiences that must be told", "Output for these audiences needs a recorded transparency measure.",
            RuleParameterKind.Audiences, (int)AudienceSetExtensions.Of(Audience.CustomerFacing, Audience.Public)),
    ];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) =>
        RuleChecks.Audiences(parameters[AudiencesKey]);

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        if (!subject.EuAiAct.Recorded || subject.EuAiAct.HasTransparencyMeasure
            || !((AudienceSet)context.Parameters[AudiencesKey]).Includes(subject.Audience))
        {
            return null;
        }
        return RuleFinding.For(this, $"The output is {RuleText.Lower(subject.Audience)}, and nothing records how people are told it comes from AI.",
            "Record the transparency measure (“EU AI Act obligations” on the workflow page), e.g. “The chat says it is an AI assistant”.");
    }
}
