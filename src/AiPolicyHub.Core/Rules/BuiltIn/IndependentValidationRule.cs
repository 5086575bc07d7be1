using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>
/// (9) The system that generates an output may not be the one that certifies it: output that informs decisions
/// (recommends a decision or acts automatically) or goes to the public or a regulator needs validation by a different
/// system or person.
/// </summary>
public sealed class IndependentValidationRule : IPolicyRule
{
    public const string RuleId = "independent-validation";

    public string Id => RuleId;
    public string Title => "Generator and validator are the same";
    public string Rationale =>
        "An AI that checks its own work repeats its own blind spots. Output that drives decisions or is published is " +
        "validated by a different person or system than the one that produced it.";
    public FindingSeverity Severity => FindingSeverity.Medium;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: MEASURE 1.3", "NIST AI RMF: MEASURE 2.5", "ISO/IEC 42001 A.6.2.4", "EU AI Act Art. 15"];
    public IReadOnlyList<RuleParameter> Parameters { get; } = [];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) => [];

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        var decides = subject.Autonomy >= Autonomy.RecommendDecision;
        var published = subject.Audience >= Audience.Public;
        if ((!decides && !published) || (subject.Controls & VerificationControls.IndependentValidation) != 0)
        {
            return null;
        }
        var why = decides
            ? subject.Autonomy == Autonomy.ActAutomatically ? "Its output is acted on automatically" : "Its output informs decisions"
            : $"Its output goes to {(subject.Audience == Audience.Regulator ? "a regulator" : "the public")}";
        return RuleFinding.For(this,
            $"{why}, but nothing independent of the AI that produced it checks it.",
            "Have the output validated by a different person or system than the one that generated it (add the “Validated by a different system or person” control).");
    }
}
