using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Agents;

/// <summary>Which agents to list, and which page of them: filtered and paged in the database, ordered by name.</summary>
/// <param name="Search">Matches the name or the purpose.</param>
public sealed record AgentListQuery(string? Search = null, int? DepartmentId = null, WorkflowStatus? Status = null, bool IncludeRetired = false,
    int Skip = 0, int Take = 50)
{
    /// <summary>The most agents one page holds.</summary>
    public const int MaxTake = 1000;
}

/// <summary>One page of agents, and how many match in all.</summary>
public sealed record AgentPage(IReadOnlyList<AgentListItem> Items, int Total);

public sealed partial class AgentInventory
{
    /// <summary>
    /// One page of the agents the query matches, each with its findings and risk now, and the number that match in all — so
    /// a caller reaches every agent, however many there are, a page at a time.
    /// </summary>
    public async Task<AgentPage> PageAsync(AgentListQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agents = db.Agents.AsNoTracking();
        if (query.Status is { } status)
        {
            agents = agents.Where(a => a.Status == status);
        }
        else if (!query.IncludeRetired)
        {
            agents = agents.Where(a => a.Status != WorkflowStatus.Retired);
        }
        if (query.DepartmentId is { } department)
        {
            agents = agents.Where(a => a.DepartmentId == department);
        }
        if (query.Search?.Replace("\0", "").Trim() is { Length: > 0 } text)
        {
            agents = agents.Where(LikePattern.AnyContains<Agent>(db.Database, [text], a => a.Name, a => a.Purpose));
        }
        var total = await agents.CountAsync(cancellationToken);
        var page = await agents.Include(a => a.Connectors).Include(a => a.Checkpoints).Include(a => a.Department).Include(a => a.DataClassification)
            .OrderBy(a => a.Name).ThenBy(a => a.Id).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, AgentListQuery.MaxTake))
            .AsSplitQuery().ToListAsync(cancellationToken);
        var (engine, thresholds) = await RulesAsync(cancellationToken);
        var subjects = await SubjectsAsync(db, page, cancellationToken);
        var tools = await db.Tools.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var connectorNames = await db.Connectors.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var today = Today;
        return new AgentPage(
        [
            .. page.Select((a, i) =>
            {
                var (risk, tier) = RiskAssessor.Residual(subjects[i], engine.Settings.Scale, thresholds);
                return new AgentListItem(a.Id, a.Name, a.Department!.Name, tools.GetValueOrDefault(a.ToolId, ""), a.Autonomy, a.Permissions,
                    [.. a.Connectors.Select(c => connectorNames.GetValueOrDefault(c.ConnectorId, "")).Order()], a.Status, a.LastActivityOn,
                    engine.Evaluate(subjects[i], today), risk, tier);
            }),
        ], total);
    }
}
