using System.ComponentModel;

namespace AiPolicyHub.Core.Rules;

public enum FindingSeverity
{
    [Description("Low")] Low,
    [Description("Medium")] Medium,
    [Description("High")] High,
    [Description("Critical")] Critical,
}

/// <summary>
/// One rule a workflow breaks: <see cref="Explanation"/> says why, about this workflow, and <see cref="Remedy"/> what to
/// change, both in words a manager understands.
/// </summary>
public sealed record RuleFinding(
    string RuleId,
    string Title,
    FindingSeverity Severity,
    string Explanation,
    string Remedy,
    IReadOnlyList<string> References)
{
    /// <summary>Explanation and remedy as one paragraph.</summary>
    public string Text => $"{Explanation} {Remedy}";

    public static RuleFinding For(IPolicyRule rule, string explanation, string remedy) =>
        new(rule.Id, rule.Title, rule.Severity, explanation, remedy, rule.References);
}

/// <summary>
/// An exception compliance granted to one workflow for one rule: it suppresses that rule's finding up to and including
/// <see cref="ExpiresOn"/>.
/// </summary>
public sealed record GrantedException(string RuleId, DateOnly ExpiresOn)
{
    public bool IsActiveOn(DateOnly today) => ExpiresOn >= today;
}
