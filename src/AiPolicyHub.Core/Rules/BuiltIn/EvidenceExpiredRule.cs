using System.Globalization;

namespace AiPolicyHub.Core.Rules.BuiltIn;

/// <summary>
/// (12) A workflow in use relies on evidence that has expired — its own, or that of a tool it uses (a vendor's audit
/// report, an assessment, an agreement). Evidence counts up to and including its expiry date.
/// </summary>
public sealed class EvidenceExpiredRule : IPolicyRule
{
    public const string RuleId = "evidence-expired";

    public string Id => RuleId;
    public string Title => "Evidence expired";
    public string Rationale =>
        "Auditors take dated, owned evidence, not a status field's word. Evidence past its expiry date (a vendor's audit report, " +
        "an impact assessment, a data-processing agreement) no longer shows the control works, so it must be renewed while the AI is in use.";
    public FindingSeverity Severity => FindingSeverity.Medium;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: GOVERN 1.5", "ISO/IEC 42001 A.6.2.7", "ISO/IEC 42001 A.10.3", "EU AI Act Art. 26"];
    public IReadOnlyList<RuleParameter> Parameters { get; } = [];

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) => [];

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        var evidence = subject.Evidence;
        List<string>? expired = null;
        for (var i = 0; i < evidence.Count; i++)
        {
            var item = evidence[i];
            if (item.ExpiresOn < context.Today)
            {
                var whose = item.ToolName is { } tool ? $" of {RuleText.Quoted(tool)}" : "";
                (expired ??= []).Add($"{RuleText.Quoted(item.Description)}{whose} (expired on {item.ExpiresOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)})");
            }
        }
        if (expired is null)
        {
            return null;
        }
        var what = expired.Count == 1 ? $"Its evidence {expired[0]} has expired" : $"Its evidence {RuleText.List(expired)} has expired";
        return RuleFinding.For(this, $"{what}.",
            "Have the owner attach current evidence (replace the file, or set the date the renewed evidence expires).");
    }
}
