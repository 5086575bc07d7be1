using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>
/// (4) AI that makes or supports decisions about people (hiring, lending, insurance, health, education, legal,
/// essential services) is a high-risk use: it needs approval by a person before an outcome takes effect, and bias
/// testing. The finding is critical because such a workflow is high-risk under the EU AI Act.
/// </summary>
public sealed class DecisionsAboutPeopleRule : IPolicyRule
{
    public const string RuleId = "decisions-about-people";

    public string Id => RuleId;
    public string Title => "High-risk decisions about people without approval and bias testing";
    public string Rationale =>
        "Decisions about people's jobs, money, health, education or legal position are high-risk uses of AI. An " +
        "accountable person approves each outcome, and the results are tested for unfair bias against groups of people.";
    public FindingSeverity Severity => FindingSeverity.Critical;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: MAP 5.1", "NIST AI RMF: MEASURE 2.11", "ISO/IEC 42001 A.5.4", "EU AI Act Art. 6", "EU AI Act Art. 14", "EU AI Act Art. 26"];
    public IReadOnlyList<RuleParameter> Parameters { get; } = [];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) => [];

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        if (subject.AffectsPeople == PeopleImpact.None)
        {
            return null;
        }
        var noApproval = subject.Oversight < HumanOversight.ApprovalBeforeRelease;
        var noBiasTesting = (subject.Controls & VerificationControls.BiasTesting) == 0;
        if (!noApproval && !noBiasTesting)
        {
            return null;
        }
        var missing = (noApproval, noBiasTesting) switch
        {
            (true, true) => "no one approves its outcomes before they take effect, and they are not tested for bias",
            (true, false) => "no one approves its outcomes before they take effect",
            _ => "its outcomes are not tested for bias",
        };
        var remedy = (noApproval, noBiasTesting) switch
        {
            (true, true) => "Have an accountable person approve every outcome (“Approval before external release” or two-person approval) and test the outcomes for bias regularly.",
            (true, false) => "Have an accountable person approve every outcome (“Approval before external release” or two-person approval).",
            _ => "Test the outcomes for bias regularly and record the results.",
        };
        return RuleFinding.For(this,
            $"It makes or supports decisions about {RuleText.PeopleAreas(subject.AffectsPeople)}, a high-risk use of AI, but {missing}.",
            remedy);
    }
}
