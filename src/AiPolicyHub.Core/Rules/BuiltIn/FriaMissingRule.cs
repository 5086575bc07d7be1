using AiPolicyHub.Core.Obligations;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>
/// (12) A fundamental rights impact assessment is due (Art. 27, see <see cref="FriaRequirement"/>) and none is recorded.
/// Whether the organisation is a body governed by public law is this rule's setting, the one place the app keeps it.
/// </summary>
public sealed class FriaMissingRule : IPolicyRule
{
    public const string RuleId = "fria-missing";
    public const string PublicBodyKey = "OrganisationIsPublicBody";

    public string Id => RuleId;
    public string Title => "Fundamental rights impact assessment due but missing";
    public string Rationale =>
        "Before a public body, a provider of public services, a lender scoring credit or an insurer pricing life or health cover " +
        "first uses a high-risk AI system, the EU AI Act asks it to assess the impact on people's fundamental rights and to tell " +
        "the market surveillance authority the result.";
    public FindingSeverity Severity => FindingSeverity.High;
    public IReadOnlyList<string> References { get; } = ["NIST AI RMF: MAP 5.1", "ISO/IEC 42001 A.5.4", "EU AI Act Art. 27"];
    public IReadOnlyList<RuleParameter> Parameters { get; } =
    [
        new(PublicBodyKey, "The organisation is a public body",
            "Yes when the organisation is a body governed by public law: then every high-risk workflow of Annex III (but critical infrastructure) needs an assessment.",
            RuleParameterKind.YesNo, 0),
    ];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) =>
        RuleChecks.YesNo(parameters[PublicBodyKey], "“The organisation is a public body”");

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        var profile = subject.EuAiAct;
        if (!profile.Recorded || profile.HasFria)
        {
            return null;
        }
        var verdict = FriaRequirement.Of(profile.Role, profile.Area, profile.DecidedCategory, context.Parameters[PublicBodyKey] == 1, profile.ProvidesPublicService);
        return verdict.Required
            ? RuleFinding.For(this, $"{verdict.Reason} None is recorded.",
                "Record the fundamental rights impact assessment (“EU AI Act obligations” on the workflow page) before it is used.")
            : null;
    }
}
