namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>(1) The workflow's data must not be more sensitive than any of its tools may receive.</summary>
public sealed class DataAboveToolLimitRule : IPolicyRule
{
    public const string RuleId = "data-above-tool-limit";

    public string Id => RuleId;
    public string Title => "Data more sensitive than the tool may receive";
    public string Rationale =>
        "Each tool is cleared for data up to a classification level, based on its vendor terms, where the data is kept " +
        "and who can see it. Sending more sensitive data to it risks a leak the business cannot undo.";
    public FindingSeverity Severity => FindingSeverity.High;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: MAP 4.1", "NIST AI RMF: GOVERN 6.1", "ISO/IEC 42001 A.7.4", "ISO/IEC 42001 A.10.3", "EU AI Act Art. 26"];
    public IReadOnlyList<RuleParameter> Parameters { get; } = [];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) => [];

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        var tools = subject.Tools;
        List<string>? over = null;
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            if (subject.ClassificationRank > tool.MaxClassificationRank)
            {
                (over ??= []).Add($"{RuleText.Quoted(tool.Name)} (cleared up to {tool.MaxClassificationName})");
            }
        }
        if (over is null)
        {
            return null;
        }
        var level = subject.ClassificationName;
        return RuleFinding.For(this,
            $"{level} data goes to {RuleText.List(over)}, which may not receive data that sensitive.",
            $"Use a tool that is cleared for {level} data, or leave the {level.ToLowerInvariant()} details out of what goes to the tool.");
    }
}
