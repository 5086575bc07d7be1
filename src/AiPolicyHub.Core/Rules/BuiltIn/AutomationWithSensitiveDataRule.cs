using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>(6) AI that acts on its own may not handle data at or above a classification level (default Confidential).</summary>
public sealed class AutomationWithSensitiveDataRule : IPolicyRule
{
    public const string RuleId = "automation-with-sensitive-data";
    public const string MinimumRankKey = "MinimumRank";

    public string Id => RuleId;
    public string Title => "Full automation with sensitive data";
    public string Rationale =>
        "When AI acts automatically, no person sees what it does before it happens. With sensitive data a single " +
        "mistake (a wrong recipient, a leaked record) causes harm before anyone can stop it.";
    public FindingSeverity Severity => FindingSeverity.High;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: MAP 3.5", "NIST AI RMF: MANAGE 2.4", "ISO/IEC 42001 A.9.2", "EU AI Act Art. 14"];
    public IReadOnlyList<RuleParameter> Parameters { get; } =
    [
        new(MinimumRankKey, "Not with data from this level up",
            "Fully automated workflows may only handle data below this classification level.",
            RuleParameterKind.ClassificationRank, 3),
    ];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) =>
        RuleChecks.Level(parameters[MinimumRankKey], scale, "The level");

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        var minimum = context.Parameters[MinimumRankKey];
        if (subject.Autonomy != Autonomy.ActAutomatically || subject.ClassificationRank < minimum)
        {
            return null;
        }
        var limit = context.Scale.NameOf(minimum);
        return RuleFinding.For(this,
            $"The AI acts automatically on {subject.ClassificationName} data; fully automated use is not allowed with {limit} data or above.",
            $"Have a person confirm each action before it takes effect (autonomy “Recommends a decision” or lower), or keep data classified {limit} or above out of the workflow.");
    }
}
