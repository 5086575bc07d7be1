using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>(10) A paused workflow, or a workflow using a paused tool, must not be used until it is restarted.</summary>
public sealed class PausedInUseRule : IPolicyRule
{
    public const string RuleId = "paused-in-use";

    public string Id => RuleId;
    public string Title => "Paused workflow or tool";
    public string Rationale =>
        "A pause is the business's stop button: a risk trigger fired (an incident, a vendor change, a complaint). " +
        "Until the restart conditions are met and compliance signs off, the AI use must stop.";
    public FindingSeverity Severity => FindingSeverity.Critical;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: MANAGE 2.4", "ISO/IEC 42001 A.6.2.6", "ISO/IEC 42001 A.8.4", "EU AI Act Art. 14", "EU AI Act Art. 26"];
    public IReadOnlyList<RuleParameter> Parameters { get; } = [];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) => [];

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        var workflowPaused = subject.IsPaused || subject.Status == WorkflowStatus.Paused;
        var tools = subject.Tools;
        List<string>? pausedTools = null;
        for (var i = 0; i < tools.Count; i++)
        {
            if (tools[i].IsPaused)
            {
                var reason = tools[i].PauseReason is { Length: > 0 } why ? $" (reason: {why.Trim().TrimEnd('.')})" : "";
                (pausedTools ??= []).Add(RuleText.Quoted(tools[i].Name) + reason);
            }
        }
        if (!workflowPaused && pausedTools is null)
        {
            return null;
        }
        var what = (workflowPaused, pausedTools) switch
        {
            (true, null) => "It is paused",
            (true, _) => $"It is paused, and so is {RuleText.List(pausedTools)}, which it uses",
            _ => pausedTools!.Count == 1
                ? $"It uses {pausedTools[0]}, which is paused"
                : $"It uses {RuleText.List(pausedTools)}, which are paused",
        };
        return RuleFinding.For(this, $"{what}: do not use it.",
            "Stop using it until the restart conditions are met and compliance restarts it.");
    }
}
