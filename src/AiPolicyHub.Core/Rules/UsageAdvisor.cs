using System.Linq.Expressions;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Rules;

/// <summary>A staff member's question, as the checker page collects it. <see cref="ToolId"/> 0 means "a tool not listed".</summary>
/// <param name="WorkflowId">The workflow the use is part of, if the person follows one: a paused workflow answers "do not use — paused".</param>
public sealed record UsageQuestion(int? ToolId, UsageTask Task, int? ClassificationId, DataCategories DataCategories, Audience Audience,
    bool DecidesAboutPeople, string? TaskDescription = null, int? WorkflowId = null)
{
    public const int ToolNotListed = 0;
}

/// <param name="Covering">Approved workflows that already cover this use; following one is the safe way to do it.</param>
/// <param name="WorkflowName">The workflow asked about, if any.</param>
public sealed record UsageAdvice(string ToolName, UsageAnswer Answer, IReadOnlyList<UsageAlternative> Alternatives,
    IReadOnlyList<CoveringWorkflow> Covering, string? WorkflowName = null);

/// <summary>An approved workflow whose tools, data, audience and oversight already cover the question.</summary>
public sealed record CoveringWorkflow(int Id, string Name, string Department, IReadOnlyList<string> Tools, HumanOversight Oversight);

/// <summary>"May I use AI for this?": the question checked against the tools on record and the policy rules.</summary>
public sealed class UsageAdvisor(IDbContextFactory<AppDbContext> contexts, Stored.RuleSettingsStore settings, TimeProvider clock)
{
    /// <summary>How many covering workflows an answer names at most.</summary>
    public const int MaximumCovering = 3;

    public async Task<Result<UsageAdvice>> AskAsync(UsageQuestion question, CancellationToken cancellationToken = default)
    {
        var missing = new List<string>();
        if (question.ToolId is null)
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
        var chosen = tools.SingleOrDefault(t => t.Id == question.ToolId);
        var check = new UsageCheck(chosen is null ? null : RuleTool.From(chosen), question.Task, level.Rank, question.DataCategories,
            question.Audience, question.DecidesAboutPeople);

        var checker = new UsageChecker(new RuleEngine(await settings.LoadAsync(db, cancellationToken)));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var answer = checker.Check(check, today);
        if (!answer.Succeeded)
        {
            return Result<UsageAdvice>.Failure([.. answer.Errors]);
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
                return Result.Success(new UsageAdvice(chosen?.Name ?? "a tool not listed", paused, [], [], workflowName));
            }
        }
        var alternatives = answer.Value!.Verdict == Verdict.Allowed
            ? []
            : checker.ApprovedAlternatives(check, tools.Select(t => RuleTool.From(t)), today);
        var usableTools = new HashSet<int>(tools.Where(t => t.Id == chosen?.Id && answer.Value.Verdict is Verdict.Allowed or Verdict.AllowedWithConditions)
            .Concat(tools.Where(t => alternatives.Any(a => a.Tool.Name == t.Name))).Select(t => t.Id));
        var covering = await CoveringAsync(db, question, level.Rank, usableTools, chosen?.Id, cancellationToken);
        return Result.Success(new UsageAdvice(chosen?.Name ?? "a tool not listed", answer.Value, alternatives, covering, workflowName));
    }

    /// <summary>
    /// Approved workflows that cover the question: they use a tool the answer allows, handle data at least as
    /// sensitive (and of every kind asked about), reach at least as wide an audience, and decide about people when the
    /// question does. Those using the chosen tool come first.
    /// </summary>
    private static async Task<IReadOnlyList<CoveringWorkflow>> CoveringAsync(AppDbContext db, UsageQuestion question, int rank,
        IReadOnlySet<int> usableTools, int? chosenToolId, CancellationToken cancellationToken)
    {
        if (usableTools.Count == 0)
        {
            return [];
        }
        var categories = question.DataCategories;
        var candidates = db.Workflows.AsNoTracking()
            .Where(w => w.Status == WorkflowStatus.Approved
                && w.DataClassification!.Rank >= rank
                && (w.DataCategories & categories) == categories
                && w.Audience >= question.Audience
                && (!question.DecidesAboutPeople || w.AffectsPeople != PeopleImpact.None)
                && w.Tools.Any(t => usableTools.Contains(t.ToolId)));
        var words = UsageTaskWords.Of(question.Task, question.TaskDescription);
        if (words.Count == 0)
        {
            return [];
        }
        var rows = await candidates.Where(Mentions(db, words, w => w.Name, w => w.Purpose))
            .OrderByDescending(w => w.Tools.Any(t => t.ToolId == chosenToolId))
            .ThenByDescending(Mentions(db, words, w => w.Name))
            .ThenBy(w => w.Name)
            .Take(MaximumCovering)
            .Select(w => new { w.Id, w.Name, Department = w.Department!.Name, Tools = w.Tools.Select(t => t.Tool!.Name).ToList(), w.Oversight })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CoveringWorkflow(r.Id, r.Name, r.Department, [.. r.Tools.Order()], r.Oversight)).ToList();
    }

    /// <summary>
    /// The task is not recorded on a workflow, so its name or purpose has to mention it: <c>Name LIKE '%word%' OR Purpose
    /// LIKE '%word%' OR …</c> over the task's words, whatever their case. A name that mentions it ranks higher.
    /// </summary>
    private static Expression<Func<Workflow, bool>> Mentions(AppDbContext db, IReadOnlyList<string> words, params Expression<Func<Workflow, string>>[] fields) =>
        LikePattern.AnyContains(db.Database, words, fields);
}
