using System.Linq.Expressions;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Rules;

/// <summary>A staff member's question, as the checker page collects it. <see cref="ToolId"/> 0 means "a tool not listed".</summary>
/// <param name="WorkflowId">The workflow the use is part of, if the person follows one: a paused workflow answers "do not use — paused".</param>
/// <param name="AgentId">The agent that would do it, if any: the question is then about the agent's own AI tool, as autonomous as
/// the agent, and the agent's record (approval, pause, data, checkpoints, findings) is weighed too (<see cref="Agents.AgentUse"/>).</param>
public sealed record UsageQuestion(int? ToolId, UsageTask Task, int? ClassificationId, DataCategories DataCategories, Audience Audience,
    bool DecidesAboutPeople, string? TaskDescription = null, int? WorkflowId = null, int? AgentId = null)
{
    public const int ToolNotListed = 0;
}

/// <param name="Covering">Approved workflows that already cover this use; following one is the safe way to do it.</param>
/// <param name="WorkflowName">The workflow asked about, if any.</param>
/// <param name="NextStep">What to do when the answer leaves the person without a way to do it (a high-risk use that no
/// approved workflow covers yet).</param>
/// <param name="AgentName">The agent asked about, if any.</param>
/// <param name="Agents">Approved agents (not paused) that already do this task with data at least this sensitive; empty when an agent was asked about.</param>
public sealed record UsageAdvice(string ToolName, UsageAnswer Answer, IReadOnlyList<UsageAlternative> Alternatives,
    IReadOnlyList<CoveringWorkflow> Covering, string? WorkflowName = null, string? NextStep = null, string? AgentName = null)
{
    public IReadOnlyList<Agents.CoveringAgent> Agents { get; init; } = [];
}

/// <summary>An approved workflow whose tools, data, audience and oversight already cover the question.</summary>
public sealed record CoveringWorkflow(int Id, string Name, string Department, IReadOnlyList<string> Tools, HumanOversight Oversight);

/// <summary>"May I use AI for this?": the question checked against the tools on record and the policy rules.</summary>
public sealed class UsageAdvisor(IDbContextFactory<AppDbContext> contexts, Stored.RuleSettingsStore settings, TimeProvider clock)
{
    /// <summary>How many covering workflows an answer names at most.</summary>
    public const int MaximumCovering = 3;

    /// <summary>How many workflows the database search hands on for the closer look at their name and purpose.</summary>
    private const int Candidates = 60;

    public const string AskForAWorkflow = "No approved workflow covers this yet. Ask your manager to record one and submit it to compliance " +
        "for approval; until it is approved, do not use AI for this.";

    public async Task<Result<UsageAdvice>> AskAsync(UsageQuestion question, CancellationToken cancellationToken = default)
    {
        var missing = new List<string>();
        if (question.ToolId is null && question.AgentId is null)
        {
            missing.Add("Choose the AI tool (or “a tool not listed”).");
        }
        if (question.ClassificationId is null)
        {
            missing.Add("Choose the most sensitive kind of data involved.");
        }
        if (question.Task == UsageTask.Other && string.IsNullOrWhiteSpace(question.TaskDescription))
        {
            missing.Add("Describe the task in a few words, or pick the closest one from the list.");
        }
        if (missing.Count > 0)
        {
            return Result<UsageAdvice>.Failure([.. missing]);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var level = await db.ClassificationLevels.AsNoTracking().SingleOrDefaultAsync(l => l.Id == question.ClassificationId, cancellationToken);
        if (level is null)
        {
            return Result<UsageAdvice>.Failure("That kind of data is no longer on the organisation's list; choose again.");
        }
        var tools = await db.Tools.AsNoTracking().Include(t => t.MaxClassification)
            .Where(t => t.ApprovalStatus != ToolApprovalStatus.Retired).ToListAsync(cancellationToken);
        var engine = new RuleEngine(await settings.LoadAsync(db, cancellationToken));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var agent = question.AgentId is { } agentId ? await AgentAsync(db, engine, agentId, today, cancellationToken) : null;
        if (question.AgentId is not null && agent is null)
        {
            return Result<UsageAdvice>.Failure("That agent is no longer on record; choose again.");
        }
        // An agent runs on its own AI tool: the question is about that tool.
        var chosen = tools.SingleOrDefault(t => t.Id == (agent?.ToolId ?? question.ToolId));
        var check = new UsageCheck(chosen is null ? null : RuleTool.From(chosen), question.Task, level.Rank, question.DataCategories,
            question.Audience, question.DecidesAboutPeople, question.Task == UsageTask.Other ? question.TaskDescription?.Trim() : null,
            agent is null ? null : Agents.AgentRules.OnWorkflowScale(agent.Autonomy));

        var checker = new UsageChecker(engine);
        var answer = checker.Check(check, today);
        if (!answer.Succeeded)
        {
            return Result<UsageAdvice>.Failure([.. answer.Errors]);
        }
        if (agent is not null)
        {
            answer = Result.Success(Agents.AgentUse.Judge(answer.Value!, agent.Record, level.Rank, level.Name));
        }
        string? workflowName = null;
        if (question.WorkflowId is { } workflowId
            && await db.Workflows.AsNoTracking().Where(w => w.Id == workflowId).Select(w => new { w.Name, w.Status }).SingleOrDefaultAsync(cancellationToken)
                is { } workflow)
        {
            workflowName = workflow.Name;
            if (workflow.Status == WorkflowStatus.Paused)
            {
                var reasons = await db.Pauses.AsNoTracking()
                    .Where(p => p.WorkflowId == workflowId && p.State == Incidents.PauseState.Active)
                    .OrderBy(p => p.Id).Select(p => new { p.Reason, p.TriggerId }).ToListAsync(cancellationToken);
                var why = reasons.Count == 0 ? "" : ": " + string.Join("; ", reasons.Select(r => r.TriggerId is null
                    ? r.Reason.Trim().TrimEnd('.')
                    : $"{r.Reason.Trim().TrimEnd('.')} (risk trigger “{Incidents.RiskTriggerSettings.TitleOf(r.TriggerId)}”)"));
                var paused = new UsageAnswer(Verdict.Paused,
                    [$"The workflow “{workflow.Name}” is paused{why}. Do not use it until a compliance officer signs off its restart."], [], []);
                return Result.Success(new UsageAdvice(chosen?.Name ?? "a tool not listed", paused, [], [], workflowName, AgentName: agent?.Record.Name));
            }
        }
        var verdict = answer.Value!.Verdict;
        // Another tool is no way out for an agent, which runs on its own.
        var alternatives = verdict is Verdict.Allowed or Verdict.ApprovedWorkflowOnly || agent is not null
            ? []
            : checker.ApprovedAlternatives(check, tools.Select(t => RuleTool.From(t)), today);
        // A high-risk use is done through an approved workflow, whichever tool it uses; otherwise a covering workflow must
        // use a tool the answer allows.
        IReadOnlySet<int>? usableTools = verdict == Verdict.ApprovedWorkflowOnly
            ? null
            : new HashSet<int>(tools.Where(t => t.Id == chosen?.Id && verdict is Verdict.Allowed or Verdict.AllowedWithConditions)
                .Concat(tools.Where(t => alternatives.Any(a => a.Tool.Name == t.Name))).Select(t => t.Id));
        var covering = await CoveringAsync(db, question, level.Rank, usableTools, chosen?.Id, cancellationToken);
        var nextStep = verdict == Verdict.ApprovedWorkflowOnly && covering.Count == 0 ? AskForAWorkflow : null;
        return Result.Success(new UsageAdvice(chosen?.Name ?? "a tool not listed", answer.Value, alternatives, covering, workflowName, nextStep,
            agent?.Record.Name)
        {
            Agents = agent is null ? await CoveringAgentsAsync(db, question, level.Rank, cancellationToken) : [],
        });
    }

    private sealed record AgentFacts(int ToolId, Agents.AgentAutonomy Autonomy, Agents.AgentInQuestion Record);

    /// <summary>The agent asked about, with its findings now (the same subject and engine as its own page); null when retired or unknown.</summary>
    private static async Task<AgentFacts?> AgentAsync(AppDbContext db, RuleEngine engine, int id, DateOnly today, CancellationToken cancellationToken)
    {
        var agent = await db.Agents.AsNoTracking().Include(a => a.Connectors).Include(a => a.Checkpoints).Include(a => a.DataClassification)
            .AsSplitQuery().SingleOrDefaultAsync(a => a.Id == id && a.Status != WorkflowStatus.Retired, cancellationToken);
        if (agent is null)
        {
            return null;
        }
        var subject = (await Agents.AgentInventory.SubjectsAsync(db, [agent], cancellationToken))[0];
        var pauses = agent.Status != WorkflowStatus.Paused ? []
            : await db.Pauses.AsNoTracking().Where(p => p.AgentId == id && p.State == Incidents.PauseState.Active).OrderBy(p => p.Id)
                .Select(p => p.Reason).ToListAsync(cancellationToken);
        return new AgentFacts(agent.ToolId, agent.Autonomy, new Agents.AgentInQuestion(agent.Name, agent.Status, pauses, agent.DataClassification!.Rank,
            agent.DataClassification.Name, [.. agent.Checkpoints.Select(c => new Agents.CheckpointForm(c.Permission, c.Approver))],
            engine.Evaluate(subject, today)));
    }

    /// <summary>
    /// Approved agents, not paused, that reach data at least as sensitive as the question's and whose name or purpose is about
    /// the task (<see cref="UsageTaskWords.Describes"/>), as for covering workflows: "which approved agents already do this?".
    /// </summary>
    private static async Task<IReadOnlyList<Agents.CoveringAgent>> CoveringAgentsAsync(AppDbContext db, UsageQuestion question, int rank,
        CancellationToken cancellationToken)
    {
        var words = UsageTaskWords.Of(question.Task, question.TaskDescription);
        if (words.Count == 0)
        {
            return [];
        }
        var rows = await db.Agents.AsNoTracking()
            .Where(a => a.Status == WorkflowStatus.Approved && a.DataClassification!.Rank >= rank)
            .Where(LikePattern.AnyContains<Agents.Agent>(db.Database, words, a => a.Name, a => a.Purpose))
            .OrderBy(a => a.Name).Take(Candidates)
            .Select(a => new { a.Id, a.Name, a.Purpose, Department = a.Department!.Name, Tool = a.Tool!.Name })
            .ToListAsync(cancellationToken);
        return [.. rows.Where(r => UsageTaskWords.Describes(question.Task, question.TaskDescription, r.Name, r.Purpose)).Take(MaximumCovering)
            .Select(r => new Agents.CoveringAgent(r.Id, r.Name, r.Department, r.Tool))];
    }

    /// <summary>
    /// Approved workflows that cover the question: about the same task (<see cref="UsageTaskWords.Describes"/>), handling
    /// data at least as sensitive and of every kind the question involves (with what the task itself implies), reaching at
    /// least as wide an audience, deciding about the same areas of people's lives when the question does, and using a tool
    /// from <paramref name="usableTools"/> (null: any). Those using the chosen tool come first.
    /// </summary>
    private static async Task<IReadOnlyList<CoveringWorkflow>> CoveringAsync(AppDbContext db, UsageQuestion question, int rank,
        IReadOnlySet<int>? usableTools, int? chosenToolId, CancellationToken cancellationToken)
    {
        var words = UsageTaskWords.Of(question.Task, question.TaskDescription);
        if (usableTools is { Count: 0 } || words.Count == 0)
        {
            return [];
        }
        var profile = UsageTaskProfile.Of(question.Task);
        var categories = question.DataCategories | profile.Data;
        var audience = question.Audience > profile.MinimumAudience ? question.Audience : profile.MinimumAudience;
        var people = profile.AffectsPeople != PeopleImpact.None ? profile.AffectsPeople
            : question.DecidesAboutPeople ? RuleText.AllPeopleAreas
            : PeopleImpact.None;
        var candidates = db.Workflows.AsNoTracking()
            .Where(w => w.Status == WorkflowStatus.Approved
                && w.DataClassification!.Rank >= rank
                && (w.DataCategories & categories) == categories
                && w.Audience >= audience
                && (people == PeopleImpact.None || (w.AffectsPeople & people) != PeopleImpact.None));
        if (usableTools is not null)
        {
            candidates = candidates.Where(w => w.Tools.Any(t => usableTools.Contains(t.ToolId)));
        }
        var rows = await candidates.Where(Mentions(db, words, w => w.Name, w => w.Purpose))
            .OrderByDescending(w => w.Tools.Any(t => t.ToolId == chosenToolId))
            .ThenByDescending(Mentions(db, words, w => w.Name))
            .ThenBy(w => w.Name)
            .Take(Candidates)
            .Select(w => new { w.Id, w.Name, w.Purpose, Department = w.Department!.Name, Tools = w.Tools.Select(t => t.Tool!.Name).ToList(), w.Oversight })
            .ToListAsync(cancellationToken);
        return rows.Where(r => UsageTaskWords.Describes(question.Task, question.TaskDescription, r.Name, r.Purpose))
            .Take(MaximumCovering)
            .Select(r => new CoveringWorkflow(r.Id, r.Name, r.Department, [.. r.Tools.Order()], r.Oversight)).ToList();
    }

    /// <summary>
    /// The task is not recorded on a workflow, so its name or purpose has to mention it: <c>Name LIKE '%word%' OR Purpose
    /// LIKE '%word%' OR …</c> over the task's words, whatever their case. A name that mentions it ranks higher.
    /// </summary>
    private static Expression<Func<Workflow, bool>> Mentions(AppDbContext db, IReadOnlyList<string> words, params Expression<Func<Workflow, string>>[] fields) =>
        LikePattern.AnyContains(db.Database, words, fields);
}
