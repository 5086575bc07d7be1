using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Rules.BuiltIn;

// The rules that judge agents (IPolicyRule.AppliesToAgents): each returns at once for a subject without an agent, and
// otherwise compares a few values, so 10,000 agents cost microseconds.

/// <summary>An agent that acts alone may not reach data at or above a classification level the administrator sets (default Confidential).</summary>
public sealed class AgentActsAloneOnSensitiveDataRule : IPolicyRule
{
    public const string RuleId = "agent-acts-alone-on-sensitive-data";
    public const string MinimumRankKey = "MinimumRank";

    public string Id => RuleId;
    public string Title => "Agent acting alone on sensitive data";
    public string Rationale =>
        "An agent that acts alone does what it decides before any person sees it. With sensitive data, one wrong action " +
        "(a record deleted, a file shared, a message sent) does harm before anyone can stop it, so a person stays in the loop.";
    public FindingSeverity Severity => FindingSeverity.High;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: MANAGE 2.4", "ISO/IEC 42001 A.9.2", "NIST AI 600-1: Human-AI Configuration", "NIST AI 600-1: Information Security",
         "EU AI Act Art. 14", "OWASP LLM06:2025 Excessive Agency", "OWASP Agentic ASI03 Identity and Privilege Abuse"];
    public IReadOnlyList<RuleParameter> Parameters { get; } =
    [
        new(MinimumRankKey, "Not alone with data from this level up",
            "Agents that act alone may only reach data below this classification level.", RuleParameterKind.ClassificationRank, 3),
    ];
    public bool AppliesToAgents => true;

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) =>
        RuleChecks.Level(parameters[MinimumRankKey], scale, "The level");

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        var minimum = context.Parameters[MinimumRankKey];
        if (subject.Agent is not { Autonomy: AgentAutonomy.ActsAlone } || subject.ClassificationRank < minimum)
        {
            return null;
        }
        var limit = context.Scale.NameOf(minimum);
        return RuleFinding.For(this,
            $"The agent acts alone and reaches {subject.ClassificationName} data; agents may not act alone on {limit} data or above.",
            $"Let it act only with a person's approval, or keep data classified {limit} or above out of its reach.");
    }
}

/// <summary>An agent that may send messages outside or spend money needs a person to approve those actions.</summary>
public sealed class AgentActionWithoutCheckpointRule : IPolicyRule
{
    public const string RuleId = "agent-action-without-checkpoint";

    /// <summary>The actions that leave the organisation or bind it, so a person approves them.</summary>
    public const AgentPermissions Guarded = AgentPermissions.SendOutside | AgentPermissions.SpendMoney;

    public string Id => RuleId;
    public string Title => "Agent sends outside or spends without a human checkpoint";
    public string Rationale =>
        "A message sent to a customer or a payment made cannot be called back. Keeping a person approving what matters means " +
        "that an agent that can send outside the organisation or spend its money asks a named person first.";
    public FindingSeverity Severity => FindingSeverity.High;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: MAP 3.5", "ISO/IEC 42001 A.9.2", "NIST AI 600-1: Human-AI Configuration", "EU AI Act Art. 14", "OWASP LLM06:2025 Excessive Agency",
         "OWASP Agentic ASI02 Tool Misuse and Exploitation", "OWASP Agentic ASI09 Human-Agent Trust Exploitation"];
    public IReadOnlyList<RuleParameter> Parameters { get; } = [];
    public bool AppliesToAgents => true;

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) => [];

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        // An agent that only suggests acts through a person every time.
        if (subject.Agent is not { } agent || agent.Autonomy == AgentAutonomy.SuggestsOnly)
        {
            return null;
        }
        var unguarded = agent.Permissions & Guarded & ~agent.Checkpoints;
        if (unguarded == AgentPermissions.None)
        {
            return null;
        }
        var what = RuleText.List([.. EnumText.Flags(unguarded).Select(RuleText.Lower)]);
        return RuleFinding.For(this,
            $"The agent may {what.ToLowerInvariant()} with no person approving it first.",
            "Add a human checkpoint for each of these actions, naming who approves (a role or a person), or take the permission away.");
    }
}

/// <summary>An agent may only use connectors that compliance approved and that are not paused.</summary>
public sealed class AgentConnectorNotApprovedRule : IPolicyRule
{
    public const string RuleId = "agent-connector-not-approved";

    public string Id => RuleId;
    public string Title => "Agent uses an unapproved or paused connector";
    public string Rationale =>
        "A connector (an MCP server, a plug-in) decides what an agent can reach and do. One nobody reviewed, or one paused after " +
        "a problem, can leak data or act in ways the agent's approval never covered.";
    public FindingSeverity Severity => FindingSeverity.High;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: GOVERN 6.1", "ISO/IEC 42001 A.10.3", "NIST AI 600-1: Value Chain and Component Integration", "EU AI Act Art. 14", "OWASP LLM03:2025 Supply Chain",
         "OWASP Agentic ASI04 Agentic Supply Chain Vulnerabilities"];
    public IReadOnlyList<RuleParameter> Parameters { get; } = [];
    public bool AppliesToAgents => true;

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) => [];

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        if (subject.Agent is not { } agent)
        {
            return null;
        }
        var connectors = agent.Connectors;
        var found = false;
        for (var i = 0; i < connectors.Count && !found; i++)
        {
            found = connectors[i].IsPaused || !connectors[i].IsApproved;
        }
        if (!found)
        {
            return null;
        }
        var problems = connectors.Where(c => c.IsPaused || !c.IsApproved)
            .Select(c => c.IsPaused ? $"{RuleText.Quoted(c.Name)} is paused" : $"{RuleText.Quoted(c.Name)} is {RuleText.Lower(c.ApprovalStatus)}")
            .ToList();
        return RuleFinding.For(this,
            $"The agent uses connectors it may not use: {RuleText.List(problems)}.",
            "Remove these connectors from the agent, or have compliance approve (or restart) them first.");
    }
}

/// <summary>An agent that has not acted for the days the administrator sets (default 90) is reviewed: still needed, still safe?</summary>
public sealed class DormantAgentRule : IPolicyRule
{
    public const string RuleId = "agent-dormant";
    public const string DaysKey = "Days";

    public string Id => RuleId;
    public string Title => "Dormant agent to review";
    public string Rationale =>
        "An agent nobody uses still holds its permissions and connections. Dormant agents are forgotten, keep credentials " +
        "alive and can be taken over; review them, then retire or re-approve them.";
    public FindingSeverity Severity => FindingSeverity.Medium;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: GOVERN 1.7", "ISO/IEC 42001 A.6.2.6", "NIST AI 600-1: Information Security", "EU AI Act Art. 14", "OWASP Agentic ASI10 Rogue Agents",
         "OWASP Agentic ASI03 Identity and Privilege Abuse"];
    public IReadOnlyList<RuleParameter> Parameters { get; } =
    [
        new(DaysKey, "Dormant after", "Days without recorded activity after which an agent is reviewed.", RuleParameterKind.Number, 90, "days"),
    ];
    public bool AppliesToAgents => true;

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) =>
        RuleChecks.Range(parameters[DaysKey], 1, 3650, "The days");

    /// <summary>Whether an agent last active on <paramref name="lastActivity"/> is dormant on <paramref name="today"/>: inactive for <paramref name="days"/> days or more.</summary>
    public static bool IsDormant(DateOnly? lastActivity, DateOnly today, int days) =>
        lastActivity is { } last && today.DayNumber - last.DayNumber >= days;

    /// <summary>
    /// An agent with no recorded activity counts from the day it was approved (or recorded), so never recording an activity
    /// does not keep it out of review.
    /// </summary>
    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        var days = context.Parameters[DaysKey];
        if (subject.Agent is not { InactiveSince: { } since } agent || !IsDormant(since, context.Today, days))
        {
            return null;
        }
        var elapsed = context.Today.DayNumber - since.DayNumber;
        return RuleFinding.For(this,
            agent.LastActivity is not null
                ? $"The agent has not acted since {since:d MMMM yyyy} ({elapsed} days; the limit is {days})."
                : $"No activity of the agent has been recorded since it was approved or recorded on {since:d MMMM yyyy} ({elapsed} days; the limit is {days}).",
            "Review it: retire it if nobody needs it, or record its latest activity and confirm its permissions are still right.");
    }
}

/// <summary>The AI tool an agent runs on must be allowed to receive the data the agent reaches.</summary>
public sealed class AgentDataAboveToolLimitRule : IPolicyRule
{
    public const string RuleId = "agent-data-above-tool-limit";

    public string Id => RuleId;
    public string Title => "Agent reaches data its AI tool may not receive";
    public string Rationale =>
        "Whatever an agent reads goes to the model it runs on. When the agent reaches more sensitive data than that tool is " +
        "approved for, the data leaves the protection the organisation decided on.";
    public FindingSeverity Severity => FindingSeverity.High;
    public IReadOnlyList<string> References { get; } =
        ["NIST AI RMF: MAP 4.1", "ISO/IEC 42001 A.7.4", "NIST AI 600-1: Data Privacy", "NIST AI 600-1: Information Security", "EU AI Act Art. 10",
         "OWASP LLM02:2025 Sensitive Information Disclosure"];
    public IReadOnlyList<RuleParameter> Parameters { get; } = [];
    public bool AppliesToAgents => true;

    public IReadOnlyList<string> Validate(RuleParameters parameters, ClassificationScale scale) => [];

    public RuleFinding? Evaluate(RuleSubject subject, in RuleContext context)
    {
        if (subject.Agent is null)
        {
            return null;
        }
        var tools = subject.Tools;
        for (var i = 0; i < tools.Count; i++)
        {
            var tool = tools[i];
            if (tool.MaxClassificationRank < subject.ClassificationRank)
            {
                return RuleFinding.For(this,
                    $"The agent reaches {subject.ClassificationName} data, but the AI tool it runs on, {RuleText.Quoted(tool.Name)}, may receive {tool.MaxClassificationName} data at most.",
                    "Run the agent on a tool approved for this data, or narrow what it reaches.");
            }
        }
        return null;
    }
}
