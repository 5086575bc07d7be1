using System.Collections.Frozen;

namespace AiPolicyHub.Core.Rules;

/// <summary>How the organisation configured one rule. Parameters not set take the rule's defaults.</summary>
public sealed record RuleSetting(bool Enabled, RuleParameters Parameters)
{
    public static RuleSetting Default { get; } = new(true, RuleParameters.Empty);
}

/// <summary>
/// The organisation's rule configuration: per rule whether it is on and its parameters, plus the classification
/// levels the rules name. A rule missing from <see cref="Rules"/> is on with its defaults.
/// </summary>
public sealed record RuleSettings
{
    public static RuleSettings Default { get; } = new();

    public ClassificationScale Scale { get; init; } = ClassificationScale.Default;

    /// <summary>By rule id.</summary>
    public IReadOnlyDictionary<string, RuleSetting> Rules { get; init; } = FrozenDictionary<string, RuleSetting>.Empty;

    public RuleSetting For(string ruleId) => Rules.TryGetValue(ruleId, out var setting) ? setting : RuleSetting.Default;

    /// <summary>The values <paramref name="rule"/> runs with: the configured ones, defaults for the rest.</summary>
    public RuleParameters ParametersFor(IPolicyRule rule) => For(rule.Id).Parameters.Over(rule.Parameters);

    public RuleSettings With(string ruleId, RuleSetting setting)
    {
        var rules = new Dictionary<string, RuleSetting>(Rules, StringComparer.Ordinal) { [ruleId] = setting };
        return this with { Rules = rules.ToFrozenDictionary(StringComparer.Ordinal) };
    }

    public RuleSettings Disable(string ruleId) => With(ruleId, For(ruleId) with { Enabled = false });

    public RuleSettings Enable(string ruleId) => With(ruleId, For(ruleId) with { Enabled = true });

    public RuleSettings WithParameter(string ruleId, string key, int value)
    {
        var setting = For(ruleId);
        return With(ruleId, setting with { Parameters = setting.Parameters.With(key, value) });
    }

    /// <summary>
    /// Messages for impossible settings, each starting with the rule's title; empty when every rule can run. Settings of
    /// rules not in <paramref name="rules"/> are ignored (a rule that was removed leaves its stored settings behind).
    /// </summary>
    public IReadOnlyList<string> Validate(IReadOnlyList<IPolicyRule>? rules = null)
    {
        var messages = new List<string>();
        foreach (var rule in rules ?? BuiltInRules.All)
        {
            foreach (var key in For(rule.Id).Parameters.Keys)
            {
                if (!rule.Parameters.Any(p => p.Key == key))
                {
                    messages.Add($"{rule.Title}: there is no setting called “{key}”.");
                }
            }
            foreach (var message in rule.Validate(ParametersFor(rule), Scale))
            {
                messages.Add($"{rule.Title}: {message}");
            }
        }
        return messages;
    }
}
