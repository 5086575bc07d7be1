using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>
/// (5) AI-written code needs code review. A workflow counts as producing code when it feeds source code to the AI or
/// uses a dedicated coding tool (capability Code without Text). General assistants that can also write code (Text and
/// Code, e.g. a chat assistant) count only when the organisation turns on <see cref="GeneralAssistantsKey"/>: most of
/// their workflows draft text, and flagging all of them would bury the real cases.
/// </summary>
public sealed class AiCodeReviewRule : IPolicyRule
{
    public const string RuleId = "ai-code-review";
    public const string GeneralAssistantsKey = "CountGeneralAssistants";

    public string Id => RuleId;
    public string Title => "AI-written code without code review";
    public string Rationale =>
        "AI-written code can look right and still contain security holes, licensing problems or subtle bugs. A person " +
        "who understands the code reviews it before it is merged or run.";
    public FindingSeverity Severity => FindingSeverity.Medium;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: MEASURE 2.7", "ISO/IEC 42001 A.6.2.4", "EU AI Act Art. 15"];
    public IReadOnlyList<RuleParameter> Parameters { get; } =
    [
        new(GeneralAssistantsKey, "Count general assistants that can write code",
            "Yes: any workflow using a tool that can write code needs code review, even if it only drafts text. " +
            "No: only workflows that work on source code or use a dedicated coding tool.",
            RuleParameterKind.YesNo, 0),
    ];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) =>
        RuleChecks.YesNo(parameters[GeneralAssistantsKey], "“Count general assistants”");

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        if ((subject.Controls & VerificationControls.CodeReview) != 0)
        {
            return null;
        }
        var generalAssistants = context.Parameters[GeneralAssistantsKey] == 1;
        string? codingTool = null;
        var tools = subject.Tools;
        for (var i = 0; i < tools.Count && codingTool is null; i++)
        {
            if (WritesCode(tools[i].Capabilities, generalAssistants))
            {
                codingTool = tools[i].Name;
            }
        }
        var feedsCode = (subject.DataCategories & DataCategories.SourceCode) != 0;
        if (codingTool is null && !feedsCode)
        {
            return null;
        }
        var why = feedsCode
            ? "It works on source code"
            : $"It uses {RuleText.Quoted(codingTool!)}, which writes code";
        return RuleFinding.For(this,
            $"{why}, but no person reviews the AI-written code.",
            "Have a developer review every AI-written change before it is merged or run (add the “Code review” control).");
    }

    private static bool WritesCode(ToolCapabilities capabilities, bool generalAssistants) =>
        (capabilities & ToolCapabilities.Code) != 0 && (generalAssistants || (capabilities & ToolCapabilities.Text) == 0);
}
