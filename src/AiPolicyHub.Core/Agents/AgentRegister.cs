using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Agents;

/// <summary>
/// One agent in use with what the rules and the risk model say about it now. <see cref="Subject"/> is what they judged, so a
/// report can ask <see cref="RiskAssessor.Assess"/> for the explained factors of the agents it prints.
/// </summary>
public sealed record AssessedAgent(int Id, string Name, int DepartmentId, string Department, string? OwnerId, string? Owner, int ToolId,
    WorkflowStatus Status, IReadOnlyList<RuleFinding> Findings, RiskPoint Risk, RiskTier Tier, RuleSubject Subject)
{
    public bool IsDormant => Findings.Any(f => f.RuleId == DormantAgentRule.RuleId);
}

/// <summary>The agents at a glance, for the dashboard: how many, by status and tier, how many have findings, are paused or dormant.</summary>
public sealed record AgentSummary(int Agents, IReadOnlyDictionary<WorkflowStatus, int> ByStatus, IReadOnlyDictionary<RiskTier, int> ByTier,
    int WithFindings, int Paused, int Dormant, IReadOnlyDictionary<FindingSeverity, int> FindingsBySeverity);

/// <summary>One broken rule of one agent, with what to change (the agents' twin of <see cref="WorkflowFinding"/>).</summary>
public sealed record AgentFinding(int AgentId, string AgentName, string Department, string? Owner, RuleFinding Finding);

/// <summary>An agent the staff checker offers to ask about.</summary>
public sealed record AgentChoice(int Id, string Name, WorkflowStatus Status, string Tool);

/// <summary>The findings page's filters and order for agents: by severity (then agent name) or by agent name.</summary>
public sealed record AgentFindingsQuery(FindingSeverity? Severity = null, string? RuleId = null, int? DepartmentId = null, string? OwnerId = null,
    FindingSort Sort = FindingSort.Severity, bool Descending = true, int Skip = 0, int Take = 50);

/// <summary>
/// The agents in use (not retired) judged by the agent rules (<see cref="RuleEngine.AgentRules"/>) and the risk model's agent
/// factors, through the same subjects as the agent page (<see cref="AgentInventory.SubjectsAsync"/>): what the dashboard counts,
/// the findings page lists and the risk register ranks. No rule or risk is computed here, only gathered.
/// </summary>
public sealed class AgentRegister(IDbContextFactory<AppDbContext> contexts, RuleSettingsStore ruleSettings, RiskSettings riskSettings, TimeProvider clock)
{
    private DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>Every agent in use (of one department, when given), most at risk first, then by name.</summary>
    public static async Task<IReadOnlyList<AssessedAgent>> AssessAsync(AppDbContext db, RuleEngine engine, RiskThresholds thresholds, DateOnly today,
        int? departmentId = null, CancellationToken cancellationToken = default)
    {
        var query = db.Agents.AsNoTracking().Where(a => a.Status != WorkflowStatus.Retired);
        if (departmentId is { } department)
        {
            query = query.Where(a => a.DepartmentId == department);
        }
        var agents = await query.Include(a => a.Connectors).Include(a => a.Checkpoints).Include(a => a.Department).Include(a => a.DataClassification)
            .AsSplitQuery().ToListAsync(cancellationToken);
        var owners = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var subjects = await AgentInventory.SubjectsAsync(db, agents, cancellationToken);
        var assessed = new List<AssessedAgent>(agents.Count);
        for (var i = 0; i < agents.Count; i++)
        {
            var a = agents[i];
            var (risk, tier) = RiskAssessor.Residual(subjects[i], engine.Settings.Scale, thresholds);
            assessed.Add(new AssessedAgent(a.Id, a.Name, a.DepartmentId, a.Department!.Name, a.OwnerId,
                a.OwnerId is { } owner ? owners.GetValueOrDefault(owner) : null, a.ToolId, a.Status, engine.Evaluate(subjects[i], today), risk, tier, subjects[i]));
        }
        return [.. assessed.OrderByDescending(a => a.Risk.Score).ThenBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(a => a.Id)];
    }

    public static AgentSummary Summarise(IReadOnlyList<AssessedAgent> agents) => new(
        agents.Count,
        Enum.GetValues<WorkflowStatus>().Where(s => s != WorkflowStatus.Retired).ToDictionary(s => s, s => agents.Count(a => a.Status == s)),
        Enum.GetValues<RiskTier>().ToDictionary(t => t, t => agents.Count(a => a.Tier == t)),
        agents.Count(a => a.Findings.Count > 0),
        agents.Count(a => a.Status == WorkflowStatus.Paused),
        agents.Count(a => a.IsDormant),
        Enum.GetValues<FindingSeverity>().ToDictionary(s => s, s => agents.Sum(a => a.Findings.Count(f => f.Severity == s))));

    /// <summary>The agents at a glance; null for staff (the dashboard's figures are for managers, compliance and administrators).</summary>
    public async Task<AgentSummary?> SummaryAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await Actor.FindAsync(db, principal, cancellationToken) is not { } actor || !(actor.IsManager || actor.IsComplianceOrAdmin))
        {
            return null;
        }
        return Summarise(await AssessAsync(db, await ruleSettings.EngineAsync(cancellationToken), await riskSettings.ThresholdsAsync(cancellationToken), Today,
            cancellationToken: cancellationToken));
    }

    /// <summary>The agents in use, by name, for the checker's "which agent would do it" (everyone signed in reads the agents list).</summary>
    public async Task<IReadOnlyList<AgentChoice>> ChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Agents.AsNoTracking().Where(a => a.Status != WorkflowStatus.Retired).OrderBy(a => a.Name).ThenBy(a => a.Id).Take(2000)
            .Select(a => new AgentChoice(a.Id, a.Name, a.Status, a.Tool!.Name)).ToListAsync(cancellationToken);
    }

    /// <summary>One page of the agents' findings with how many match, filtered and ordered like the workflows' (<see cref="FindingsReport.PageAsync"/>).</summary>
    public async Task<Page<AgentFinding>> FindingsAsync(AgentFindingsQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agents = await AssessAsync(db, await ruleSettings.EngineAsync(cancellationToken), await riskSettings.ThresholdsAsync(cancellationToken), Today,
            query.DepartmentId, cancellationToken);
        var matching = agents
            .Where(a => string.IsNullOrEmpty(query.OwnerId) || string.Equals(a.OwnerId, query.OwnerId, StringComparison.Ordinal))
            .SelectMany(a => a.Findings.Select(f => new AgentFinding(a.Id, a.Name, a.Department, a.Owner, f)))
            .Where(f => (query.Severity is null || f.Finding.Severity == query.Severity)
                && (string.IsNullOrEmpty(query.RuleId) || string.Equals(f.Finding.RuleId, query.RuleId, StringComparison.Ordinal)));
        var byName = StringComparer.CurrentCultureIgnoreCase;
        var ordered = (query.Sort, query.Descending) switch
        {
            (FindingSort.Severity, true) => matching.OrderByDescending(f => f.Finding.Severity).ThenBy(f => f.AgentName, byName),
            (FindingSort.Severity, false) => matching.OrderBy(f => f.Finding.Severity).ThenBy(f => f.AgentName, byName),
            (_, false) => matching.OrderBy(f => f.AgentName, byName).ThenByDescending(f => f.Finding.Severity),
            _ => matching.OrderByDescending(f => f.AgentName, byName).ThenByDescending(f => f.Finding.Severity),
        };
        var all = ordered.ThenBy(f => f.AgentId).ToList();
        return new Page<AgentFinding>([.. all.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500))], all.Count);
    }
}
