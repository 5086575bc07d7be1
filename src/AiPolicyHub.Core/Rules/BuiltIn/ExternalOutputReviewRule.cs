using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>(3) Output that leaves the business (by default: customer-facing, public, regulator) needs a person's review before release.</summary>
public sealed class ExternalOutputReviewRule : IPolicyRule
{
    public const string RuleId = "external-output-review";
    public const string AudiencesKey = "Audiences";

    public string Id => RuleId;
    public string Title => "Output leaves the business without human review";
    public string Rationale =>
        "AI output can be wrong, biased or off-brand while sounding convincing. Once it reaches customers, the public " +
        "or a regulator it cannot be taken back, so a person reviews it before it is released.";
    public FindingSeverity Severity => FindingSeverity.High;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: GOVERN 3.2", "NIST AI RMF: MAP 3.5", "ISO/IEC 42001 A.9.2", "EU AI Act Art. 14", "EU AI Act Art. 50"];
    public IReadOnlyList<RuleParameter> Parameters { get; } =
    [
        new(AudiencesKey, "Audiences that need review", "Output for these audiences must be reviewed by a person before it is released.",
            RuleParameterKind.Audiences, (int)AudienceSetExtensions.FromAudienceUp(Audience.CustomerFacing)),
    ];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) =>
        RuleChecks.Audiences(parameters[AudiencesKey]);

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        if (subject.Oversight >= HumanOversight.ReviewBeforeUse
            || !((AudienceSet)context.Parameters[AudiencesKey]).Includes(subject.Audience))
        {
            return null;
        }
        var howChecked = subject.Oversight == HumanOversight.SpotCheck
            ? "only a sample of it is spot-checked"
            : "no one reviews it";
        return RuleFinding.For(this,
            $"The output is {RuleText.Lower(subject.Audience)}, but {howChecked} before it is released.",
            "Have a person review every output before it goes out (oversight “Review before use” or stronger).");
    }
}
