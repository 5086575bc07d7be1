namespace AiPolicyHub.Core.Rules;

/// <summary>
/// Evaluates the enabled rules, in registry order, on one workflow (or agent) at a time. Pure and deterministic: the same subject,
/// exceptions and date give the same findings in the same order. Build one per settings change and share it; it is
/// immutable and safe to use from several threads.
/// </summary>
public sealed class RuleEngine
{
    private readonly IPolicyRule[] rules;
    private readonly IPolicyRule[] workflowRules;
    private readonly RuleParameters[] workflowParameters;
    private readonly IPolicyRule[] agentRules;
    private readonly RuleParameters[] agentParameters;
    private readonly ClassificationScale scale;

    /// <summary>Every built-in rule, on, with its defaults.</summary>
    public static RuleEngine Default { get; } = new(RuleSettings.Default);

    /// <exception cref="ArgumentException">The settings are invalid (see <see cref="RuleSettings.Validate"/>).</exception>
    public RuleEngine(RuleSettings settings, IReadOnlyList<IPolicyRule>? rules = null)
    {
        var all = rules ?? BuiltInRules.All;
        var duplicate = all.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Two rules have the id “{duplicate.Key}”.", nameof(rules));
        }
        var errors = settings.Validate(all);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(settings));
        }
        Settings = settings;
        AllRules = all;
        this.rules = [.. all.Where(r => settings.For(r.Id).Enabled)];
        workflowRules = [.. this.rules.Where(r => !r.AppliesToAgents)];
        workflowParameters = [.. workflowRules.Select(settings.ParametersFor)];
        agentRules = [.. this.rules.Where(r => r.AppliesToAgents)];
        agentParameters = [.. agentRules.Select(settings.ParametersFor)];
        scale = settings.Scale;
    }

    /// <summary>The engine for <paramref name="settings"/>, or why they cannot be used.</summary>
    public static Result<RuleEngine> Create(RuleSettings settings, IReadOnlyList<IPolicyRule>? rules = null)
    {
        var errors = settings.Validate(rules ?? BuiltInRules.All);
        return errors.Count > 0 ? Result<RuleEngine>.Failure([.. errors]) : Result.Success(new RuleEngine(settings, rules));
    }

    public RuleSettings Settings { get; }

    /// <summary>Every rule the engine knows, enabled or not.</summary>
    public IReadOnlyList<IPolicyRule> AllRules { get; }

    /// <summary>The rules that run, in order (on workflows and on agents).</summary>
    public IReadOnlyList<IPolicyRule> EnabledRules => rules;

    /// <summary>The rules that run on workflows (and on uses proposed in the staff checker).</summary>
    public IReadOnlyList<IPolicyRule> WorkflowRules => workflowRules;

    /// <summary>The rules that run on agents.</summary>
    public IReadOnlyList<IPolicyRule> AgentRules => agentRules;

    public IReadOnlyList<RuleFinding> Evaluate(RuleSubject subject, DateOnly today) => Evaluate(subject, [], today);

    public IReadOnlyList<RuleFinding> Evaluate(RuleSubject subject, IReadOnlyList<GrantedException> exceptions, DateOnly today)
    {
        var findings = new List<RuleFinding>();
        EvaluateInto(subject, exceptions, today, findings);
        return findings;
    }

    /// <summary>
    /// Appends the findings for <paramref name="subject"/> to <paramref name="findings"/> and returns how many; for bulk
    /// evaluation with one reused list. A rule with an exception active on <paramref name="today"/> is not evaluated.
    /// </summary>
    public int EvaluateInto(RuleSubject subject, IReadOnlyList<GrantedException> exceptions, DateOnly today, ICollection<RuleFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (subject.IsRetired)
        {
            return 0;
        }
        var added = 0;
        var (rules, parameters) = subject.Agent is null ? (workflowRules, workflowParameters) : (agentRules, agentParameters);
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (IsExcepted(rule.Id, exceptions, today))
            {
                continue;
            }
            var context = new RuleContext(parameters[i], scale, today);
            if (rule.Evaluate(subject, in context) is { } finding)
            {
                findings.Add(finding);
                added++;
            }
        }
        return added;
    }

    private static bool IsExcepted(string ruleId, IReadOnlyList<GrantedException> exceptions, DateOnly today)
    {
        for (var i = 0; i < exceptions.Count; i++)
        {
            var exception = exceptions[i];
            if (exception.IsActiveOn(today) && string.Equals(exception.RuleId, ruleId, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
