using System.Linq.Expressions;
using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Inventory;

using CountQuery = Func<AppDbContext, WorkflowStatus?, int?, WorkflowStatus?, LifecycleStage?, int?, CancellationToken, Task<int>>;
using PageQuery = Func<AppDbContext, WorkflowStatus?, int?, WorkflowStatus?, LifecycleStage?, int?, int, int, IAsyncEnumerable<WorkflowListItem>>;

/// <summary>
/// The workflow list without a search text, as queries EF Core compiles once instead of on every call.
/// </summary>
/// <remarks>
/// <para>Why: for a LINQ query EF Core walks the whole expression tree on every call, to pull out the parameter values
/// and to find its cached SQL. For the list's COUNT and page queries that cost about as much as SQLite needs to run
/// them (issue 3: a department's page took 1.7× the time of the same hand-written SQL; compiled, about 1.2×).</para>
/// <para>Each filter is a parameter that may be null, meaning "any": EF Core leaves the condition of a null parameter
/// out when it generates the SQL (and caches the SQL per combination of null parameters), so every combination of
/// filters still gets plain SQL that can use the indexes. The sort cannot be a parameter, so there is one compiled page
/// query per column and direction.</para>
/// <para>The rows, their order and the total must be those of <see cref="WorkflowInventory.ListWithLinqAsync"/>, which a
/// search still uses (its full-text match costs far more than the translation): a change to the list's filters or sorts
/// is made in both. CompiledWorkflowListTests compares the two for every sort and direction, and many filters and pages.</para>
/// </remarks>
internal static class CompiledWorkflowList
{
    public static async Task<Page<WorkflowListItem>> ListAsync(AppDbContext db, WorkflowListQuery query, CancellationToken cancellationToken)
    {
        if (!query.IsCompiled)
        {
            throw new ArgumentException("A search, a risk filter, the overdue reviews or a selection are not compiled; use WorkflowInventory's LINQ query.", nameof(query));
        }
        // Retired workflows are hidden unless asked for (or filtered for).
        WorkflowStatus? hidden = !query.IncludeRetired && query.Status != WorkflowStatus.Retired ? WorkflowStatus.Retired : null;
        var (department, status, stage, level) = (query.DepartmentId, query.Status, query.Stage, query.ClassificationId);

        var total = await Count(db, hidden, department, status, stage, level, cancellationToken);
        var page = Pages[(query.Sort, query.Descending)](db, hidden, department, status, stage, level,
            Math.Max(0, query.Skip), Math.Clamp(query.Take, 1, 500));
        var items = new List<WorkflowListItem>();
        await foreach (var item in page.WithCancellation(cancellationToken))
        {
            items.Add(item);
        }
        return new Page<WorkflowListItem>(items, total);
    }

    private static readonly CountQuery Count = EF.CompileAsyncQuery(
        (AppDbContext db, WorkflowStatus? hidden, int? department, WorkflowStatus? status, LifecycleStage? stage, int? level,
                CancellationToken cancellationToken) =>
            db.Workflows.Count(w => (hidden == null || w.Status != hidden)
                && (department == null || w.DepartmentId == department)
                && (status == null || w.Status == status)
                && (stage == null || w.Stage == stage)
                && (level == null || w.DataClassificationId == level)));

    private static readonly Dictionary<(WorkflowSort Sort, bool Descending), PageQuery> Pages = new()
    {
        // By name, ties broken by id in the same direction, so descending is exactly ascending reversed.
        [(WorkflowSort.Name, false)] = ByName(descending: false),
        [(WorkflowSort.Name, true)] = ByName(descending: true),
        // By any other column, ties broken by name, then id.
        [(WorkflowSort.Department, false)] = By(w => w.Department!.Name, descending: false),
        [(WorkflowSort.Department, true)] = By(w => w.Department!.Name, descending: true),
        [(WorkflowSort.Stage, false)] = By(w => w.Stage, descending: false),
        [(WorkflowSort.Stage, true)] = By(w => w.Stage, descending: true),
        [(WorkflowSort.Status, false)] = By(w => w.Status, descending: false),
        [(WorkflowSort.Status, true)] = By(w => w.Status, descending: true),
        [(WorkflowSort.Classification, false)] = By(w => w.DataClassification!.Rank, descending: false),
        [(WorkflowSort.Classification, true)] = By(w => w.DataClassification!.Rank, descending: true),
        [(WorkflowSort.NextReview, false)] = By(w => w.NextReviewDate, descending: false),
        [(WorkflowSort.NextReview, true)] = By(w => w.NextReviewDate, descending: true),
        [(WorkflowSort.Autonomy, false)] = By(w => w.Autonomy, descending: false),
        [(WorkflowSort.Autonomy, true)] = By(w => w.Autonomy, descending: true),
        [(WorkflowSort.Audience, false)] = By(w => w.Audience, descending: false),
        [(WorkflowSort.Audience, true)] = By(w => w.Audience, descending: true),
        [(WorkflowSort.RiskScore, false)] = By(w => w.RiskScore, descending: false),
        [(WorkflowSort.RiskScore, true)] = By(w => w.RiskScore, descending: true),
        [(WorkflowSort.RiskTier, false)] = By(w => w.RiskTier, descending: false),
        [(WorkflowSort.RiskTier, true)] = By(w => w.RiskTier, descending: true),
    };

    // The four queries below differ only in their ORDER BY. (EF Core takes the captured `column` expression into the
    // compiled query as if it had been written there.)

    private static PageQuery ByName(bool descending) => descending
        ? EF.CompileAsyncQuery((AppDbContext db, WorkflowStatus? hidden, int? department, WorkflowStatus? status, LifecycleStage? stage,
                int? level, int skip, int take) =>
            (from w in db.Workflows
                 .Where(w => (hidden == null || w.Status != hidden) && (department == null || w.DepartmentId == department)
                     && (status == null || w.Status == status) && (stage == null || w.Stage == stage)
                     && (level == null || w.DataClassificationId == level))
                 .OrderByDescending(w => w.Name).ThenByDescending(w => w.Id)
             join owner in db.Users on w.OwnerId equals owner.Id into owners
             from owner in owners.DefaultIfEmpty()
             select new WorkflowListItem(w.Id, w.Name, w.Department!.Name, w.Stage, w.Status,
                 w.DataClassification!.Name, w.DataClassification.Rank, w.Autonomy, w.Audience, w.Oversight,
                 w.NextReviewDate, owner != null ? owner.DisplayName : null, w.RiskScore, w.RiskTier))
            .Skip(skip).Take(take))
        : EF.CompileAsyncQuery((AppDbContext db, WorkflowStatus? hidden, int? department, WorkflowStatus? status, LifecycleStage? stage,
                int? level, int skip, int take) =>
            (from w in db.Workflows
                 .Where(w => (hidden == null || w.Status != hidden) && (department == null || w.DepartmentId == department)
                     && (status == null || w.Status == status) && (stage == null || w.Stage == stage)
                     && (level == null || w.DataClassificationId == level))
                 .OrderBy(w => w.Name).ThenBy(w => w.Id)
             join owner in db.Users on w.OwnerId equals owner.Id into owners
             from owner in owners.DefaultIfEmpty()
             select new WorkflowListItem(w.Id, w.Name, w.Department!.Name, w.Stage, w.Status,
                 w.DataClassification!.Name, w.DataClassification.Rank, w.Autonomy, w.Audience, w.Oversight,
                 w.NextReviewDate, owner != null ? owner.DisplayName : null, w.RiskScore, w.RiskTier))
            .Skip(skip).Take(take));

    private static PageQuery By<TColumn>(Expression<Func<Workflow, TColumn>> column, bool descending) => descending
        ? EF.CompileAsyncQuery((AppDbContext db, WorkflowStatus? hidden, int? department, WorkflowStatus? status, LifecycleStage? stage,
                int? level, int skip, int take) =>
            (from w in db.Workflows
                 .Where(w => (hidden == null || w.Status != hidden) && (department == null || w.DepartmentId == department)
                     && (status == null || w.Status == status) && (stage == null || w.Stage == stage)
                     && (level == null || w.DataClassificationId == level))
                 .OrderByDescending(column).ThenBy(w => w.Name).ThenBy(w => w.Id)
             join owner in db.Users on w.OwnerId equals owner.Id into owners
             from owner in owners.DefaultIfEmpty()
             select new WorkflowListItem(w.Id, w.Name, w.Department!.Name, w.Stage, w.Status,
                 w.DataClassification!.Name, w.DataClassification.Rank, w.Autonomy, w.Audience, w.Oversight,
                 w.NextReviewDate, owner != null ? owner.DisplayName : null, w.RiskScore, w.RiskTier))
            .Skip(skip).Take(take))
        : EF.CompileAsyncQuery((AppDbContext db, WorkflowStatus? hidden, int? department, WorkflowStatus? status, LifecycleStage? stage,
                int? level, int skip, int take) =>
            (from w in db.Workflows
                 .Where(w => (hidden == null || w.Status != hidden) && (department == null || w.DepartmentId == department)
                     && (status == null || w.Status == status) && (stage == null || w.Stage == stage)
                     && (level == null || w.DataClassificationId == level))
                 .OrderBy(column).ThenBy(w => w.Name).ThenBy(w => w.Id)
             join owner in db.Users on w.OwnerId equals owner.Id into owners
             from owner in owners.DefaultIfEmpty()
             select new WorkflowListItem(w.Id, w.Name, w.Department!.Name, w.Stage, w.Status,
                 w.DataClassification!.Name, w.DataClassification.Rank, w.Autonomy, w.Audience, w.Oversight,
                 w.NextReviewDate, owner != null ? owner.DisplayName : null, w.RiskScore, w.RiskTier))
            .Skip(skip).Take(take));
}
