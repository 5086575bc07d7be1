using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>
/// (2) Only approved tools may be used: a prohibited, proposed (not yet approved) or retired tool is a finding.
/// A tool approved with restrictions is allowed and gives no finding here: its restrictions are about how it is used
/// (data it may receive, agreements), which the other rules check; the staff checker adds “follow the tool's
/// restrictions” as a condition instead.
/// </summary>
public sealed class ToolNotApprovedRule : IPolicyRule
{
    public const string RuleId = "tool-not-approved";

    public string Id => RuleId;
    public string Title => "Tool not approved";
    public string Rationale =>
        "Compliance checks a tool's vendor terms, security and data handling before it is approved. A prohibited, " +
        "retired or not-yet-approved tool has not passed (or no longer passes) that check.";
    public FindingSeverity Severity => FindingSeverity.High;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: GOVERN 1.6", "NIST AI RMF: GOVERN 6.1", "ISO/IEC 42001 A.4.4", "ISO/IEC 42001 A.10.3", "EU AI Act Art. 26"];
    public IReadOnlyList<RuleParameter> Parameters { get; } = [];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) => [];

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        var tools = subject.Tools;
        List<string>? problems = null;
        bool proposed = false, stopped = false;
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            var problem = tool.ApprovalStatus switch
            {
                ToolApprovalStatus.Prohibited => "is prohibited",
                ToolApprovalStatus.Retired => "has been retired",
                ToolApprovalStatus.Proposed => "is not approved yet",
                _ => null,
            };
            if (problem is not null)
            {
                (problems ??= []).Add($"{RuleText.Quoted(tool.Name)} {problem}");
                proposed |= tool.ApprovalStatus == ToolApprovalStatus.Proposed;
                stopped |= tool.ApprovalStatus != ToolApprovalStatus.Proposed;
            }
        }
        if (problems is null)
        {
            return null;
        }
        var remedy = (stopped, proposed) switch
        {
            (true, true) => "Switch to an approved tool; a tool that is not approved yet may be used once compliance approves it.",
            (true, false) => "Stop using it and switch to an approved tool.",
            _ => "Wait for compliance to approve the tool, or switch to an approved one.",
        };
        return RuleFinding.For(this, $"It uses AI tools that may not be used: {RuleText.List(problems)}.", remedy);
    }
}
