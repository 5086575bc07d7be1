using System.Globalization;
using System.Security.Claims;
using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Reviews;

/// <summary>A checklist item and its answer, as the review form sends it (null: not answered yet).</summary>
public sealed record ItemAnswer(string Item, ChecklistAnswer? Answer)
{
    /// <summary>The field a checklist error is shown by.</summary>
    public const string Field = "Checklist";
}

/// <summary>
/// One review as the register lists it. <see cref="FromHistory"/> marks a review recorded before reviews were records of
/// their own: it comes from the workflow's history entry, has no checklist and no evidence, and <see cref="Id"/> is 0.
/// </summary>
public sealed record ReviewSummary(int Id, int WorkflowId, string WorkflowName, string Department, string ReviewedBy, DateTime ReviewedAt,
    RiskTier? Tier, ReviewOutcome? Outcome, string? Notes, DateOnly? NextReviewDate, int Yes, int No, int NotApplicable, int Evidence,
    bool FromHistory = false)
{
    public string Link => FromHistory ? $"/workflows/{WorkflowId}#history" : $"/reviews/{Id}";
}

/// <summary>A review with its checklist as answered, and whether the acting user may change its evidence.</summary>
public sealed record ReviewDetails(ReviewSummary Summary, IReadOnlyList<ItemAnswer> Answers, bool CanChangeEvidence);

/// <summary>
/// Reads the review records: a workflow's reviews (its "last reviewed" is the newest), one review, and every review in a
/// period for the register page, the reports and the audit pack (<see cref="InPeriodAsync"/>). Reviews recorded before the
/// records existed are read from the workflows' history, so nothing earlier is lost. Writing is
/// <see cref="WorkflowApprovals.RecordReviewAsync"/>.
/// </summary>
public sealed class ReviewRegister(IDbContextFactory<AppDbContext> contexts)
{
    public async Task<IReadOnlyList<ReviewSummary>> ForWorkflowAsync(int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = await SummariesAsync(db, db.WorkflowReviews.Where(r => r.WorkflowId == workflowId), cancellationToken);
        var key = workflowId.ToString(CultureInfo.InvariantCulture);
        var legacy = await LegacyAsync(db, db.AuditEntries.Where(e => e.EntityType == WorkflowInventory.EntityType && e.EntityId == key), cancellationToken);
        return records.Concat(legacy).OrderByDescending(r => r.ReviewedAt).ToList();
    }

    /// <summary>The workflow's latest review, or null when it was never reviewed.</summary>
    public async Task<ReviewSummary?> LastAsync(int workflowId, CancellationToken cancellationToken = default) =>
        (await ForWorkflowAsync(workflowId, cancellationToken)).FirstOrDefault();

    /// <summary>The id of the newest review record of a workflow (after recording one, to open it and attach evidence).</summary>
    public async Task<int?> LatestRecordIdAsync(int workflowId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WorkflowReviews.Where(r => r.WorkflowId == workflowId).OrderByDescending(r => r.Id).Select(r => (int?)r.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<ReviewDetails?> GetAsync(ClaimsPrincipal principal, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        var summary = (await SummariesAsync(db, db.WorkflowReviews.Where(r => r.Id == id), cancellationToken)).SingleOrDefault();
        if (actor is null || summary is null)
        {
            return null;
        }
        var answers = await db.WorkflowReviewAnswers.AsNoTracking().Where(a => a.ReviewId == id).OrderBy(a => a.Position)
            .Select(a => new ItemAnswer(a.Item, a.Answer)).ToListAsync(cancellationToken);
        var access = await EvidenceSubjects.AccessAsync(db, actor, new EvidenceSubject(EvidenceSubjectKind.Review, id), cancellationToken);
        return new ReviewDetails(summary, answers, access?.CanChange == true);
    }

    /// <summary>
    /// Every review made from <paramref name="from"/> to <paramref name="to"/> (both days included, UTC), oldest first:
    /// the records and, before them, the reviews kept only in the history. For the register, reports and the audit pack.
    /// </summary>
    public async Task<IReadOnlyList<ReviewSummary>> InPeriodAsync(DateOnly from, DateOnly to, int? departmentId = null,
        CancellationToken cancellationToken = default)
    {
        var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var records = db.WorkflowReviews.Where(r => r.ReviewedAt >= start && r.ReviewedAt < end);
        var entries = db.AuditEntries.Where(e => e.EntityType == WorkflowInventory.EntityType && e.At >= start && e.At < end);
        if (departmentId is { } department)
        {
            records = records.Where(r => r.DepartmentId == department);
            var ids = db.Workflows.Where(w => w.DepartmentId == department).Select(w => w.Id.ToString());
            entries = entries.Where(e => ids.Contains(e.EntityId));
        }
        var all = (await SummariesAsync(db, records, cancellationToken)).Concat(await LegacyAsync(db, entries, cancellationToken));
        return all.OrderBy(r => r.ReviewedAt).ToList();
    }

    private static async Task<List<ReviewSummary>> SummariesAsync(AppDbContext db, IQueryable<WorkflowReview> reviews, CancellationToken cancellationToken)
    {
        var rows = await reviews.AsNoTracking()
            .Select(r => new
            {
                r.Id, r.WorkflowId, r.WorkflowName,
                Department = db.Departments.Where(d => d.Id == r.DepartmentId).Select(d => d.Name).FirstOrDefault(),
                r.ReviewedByName, r.ReviewedAt, r.Tier, r.Outcome, r.Notes, r.NextReviewDate,
                Yes = r.Answers.Count(a => a.Answer == ChecklistAnswer.Yes),
                No = r.Answers.Count(a => a.Answer == ChecklistAnswer.No),
                NotApplicable = r.Answers.Count(a => a.Answer == ChecklistAnswer.NotApplicable),
                Evidence = db.Evidence.Count(e => e.SubjectKind == EvidenceSubjectKind.Review && e.SubjectId == r.Id),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ReviewSummary(r.Id, r.WorkflowId, r.WorkflowName, r.Department ?? "", r.ReviewedByName,
            DateTime.SpecifyKind(r.ReviewedAt, DateTimeKind.Utc), r.Tier, r.Outcome, r.Notes, r.NextReviewDate, r.Yes, r.No, r.NotApplicable, r.Evidence)).ToList();
    }

    /// <summary>The "Reviewed" history entries among <paramref name="entries"/> that have no review record.</summary>
    private static async Task<List<ReviewSummary>> LegacyAsync(AppDbContext db, IQueryable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var recorded = db.WorkflowReviews.Select(r => r.AuditEntryId);
        var legacy = await entries.AsNoTracking()
            .Where(e => e.Action == AuditAction.Reviewed && !recorded.Contains(e.Id))
            .ToListAsync(cancellationToken);
        if (legacy.Count == 0)
        {
            return [];
        }
        var ids = legacy.Select(e => int.TryParse(e.EntityId, out var id) ? id : 0).Distinct().ToList();
        var departments = await db.Workflows.AsNoTracking().Where(w => ids.Contains(w.Id))
            .Select(w => new { w.Id, Department = w.Department!.Name }).ToDictionaryAsync(w => w.Id, w => w.Department, cancellationToken);
        var outcomes = Enum.GetValues<ReviewOutcome>().ToDictionary(EnumText.Of);
        return legacy.Select(e =>
        {
            var changes = AuditTrail.ChangesOf(e);
            var id = int.TryParse(e.EntityId, out var parsed) ? parsed : 0;
            var outcome = changes.FirstOrDefault(c => c.Field == "Review outcome")?.After is { } text && outcomes.TryGetValue(text, out var o) ? o : (ReviewOutcome?)null;
            var next = DateOnly.TryParseExact(changes.FirstOrDefault(c => c.Field is nameof(WorkflowForm.NextReviewDate) or "Next review date")?.After, "yyyy-MM-dd",
                CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : (DateOnly?)null;
            return new ReviewSummary(0, id, e.EntityName, departments.GetValueOrDefault(id) ?? "", e.UserName, DateTime.SpecifyKind(e.At, DateTimeKind.Utc),
                null, outcome, changes.FirstOrDefault(c => c.Field == "Review notes")?.After, next, 0, 0, 0, 0, FromHistory: true);
        }).ToList();
    }
}
