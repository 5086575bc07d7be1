using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>
/// (11) Where output is only spot-checked, enough of it must be checked: at least a minimum share (default 10 %) for
/// the audiences covered (default customer-facing and wider). No oversight at all counts as checking 0 %, so moving
/// from no oversight to a spot-check never adds a finding.
/// </summary>
public sealed class SpotCheckRateRule : IPolicyRule
{
    public const string RuleId = "spot-check-rate";
    public const string MinimumPercentKey = "MinimumPercent";
    public const string AudiencesKey = "Audiences";

    public string Id => RuleId;
    public string Title => "Too few outputs spot-checked";
    public string Rationale =>
        "A spot-check only catches problems if it looks at enough outputs. Below a minimum sample, errors reach " +
        "customers for a long time before anyone notices.";
    public FindingSeverity Severity => FindingSeverity.Low;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: MANAGE 4.1", "NIST AI RMF: MEASURE 2.3", "ISO/IEC 42001 A.6.2.6", "EU AI Act Art. 14"];
    public IReadOnlyList<RuleParameter> Parameters { get; } =
    [
        new(MinimumPercentKey, "Minimum spot-check sample", "The smallest share of outputs a person must check.",
            RuleParameterKind.Number, 10, "%"),
        new(AudiencesKey, "Audiences covered", "The minimum applies to output for these audiences.",
            RuleParameterKind.Audiences, (int)AudienceSetExtensions.FromAudienceUp(Audience.CustomerFacing)),
    ];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) =>
        [.. RuleChecks.Range(parameters[MinimumPercentKey], 1, 100, "The minimum sample"), .. RuleChecks.Audiences(parameters[AudiencesKey])];

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        if (subject.Oversight > HumanOversight.SpotCheck
            || !((AudienceSet)context.Parameters[AudiencesKey]).Includes(subject.Audience))
        {
            return null;
        }
        var checkedPercent = subject.Oversight == HumanOversight.SpotCheck ? subject.SpotCheckPercent ?? 0 : 0;
        var minimum = context.Parameters[MinimumPercentKey];
        if (checkedPercent >= minimum)
        {
            return null;
        }
        var now = checkedPercent == 0 ? "none of it is checked" : $"only {RuleText.Percent(checkedPercent)} of it is checked";
        return RuleFinding.For(this,
            $"The output is {RuleText.Lower(subject.Audience)}, but {now}; at least {RuleText.Percent(minimum)} should be.",
            $"Have a person check at least {RuleText.Percent(minimum)} of the outputs, or review every output before use.");
    }
}
