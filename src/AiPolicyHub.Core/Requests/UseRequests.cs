using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Rules;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Requests;

/// <summary>
/// "Ask for this use": the checker's question as the person asked it, with their reasons. For a tool that is not listed,
/// its name and vendor as far as they know them; the department when their account names none.
/// </summary>
public sealed record UseRequestAsk(UsageQuestion Question, string Reason, string? ToolName = null, string? ToolVendor = null, int? DepartmentId = null);

/// <summary>Which requests a list shows: the person's own, or those of others they may see (their departments', or all for compliance).</summary>
public enum UseRequestList { Mine, Others }

public sealed record UseRequestListItem(int Id, UseRequestKind Kind, UseRequestStatus Status, string Title, string AskedBy, string Department,
    DateTime AskedAt, DateTime? DecidedAt);

/// <summary>One request as a person may see it, with what they may do with it.</summary>
public sealed record UseRequestView(UseRequest Request, string Title, string Department, string Classification, string? WorkflowName,
    string? CreatedToolName, bool CanDecide, bool CanWithdraw);

/// <summary>
/// Requests to use AI that the checker did not simply allow. Anyone signed in asks (their own words required); the managers of
/// the asker's department and compliance are told, and decide: approve it as a proposed workflow (created through
/// <see cref="WorkflowInventory"/>'s own save, so it is decided like any other workflow and goes through the normal approval)
/// or as a proposed tool (through <see cref="ToolCatalog"/>'s save), or decline it with a reason. The asker is told of the
/// decision. Staff see their own requests, managers also their departments', compliance and administrators all.
/// Every step is audited and notifies in its own transaction.
/// </summary>
public sealed class UseRequests(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, UsageAdvisor advisor, WorkflowInventory workflows,
    ToolCatalog tools)
{
    public const string EntityType = "UseRequest";
    public const int ListSize = 200;

    /// <summary>The answers a person may ask to change: not a plain "allowed", nor a pause (which only a restart lifts).</summary>
    public static bool MayAskAbout(Verdict verdict) =>
        verdict is Verdict.NotAllowed or Verdict.AllowedWithConditions or Verdict.ApprovedWorkflowOnly;

    public async Task<SaveOutcome> AskAsync(ClaimsPrincipal principal, UseRequestAsk ask, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Sign in again to ask for this use.");
        }
        var errors = new ValidationErrors();
        // The answer is worked out again here: what the browser says it was counts for nothing.
        var advice = await advisor.AskAsync(ask.Question, cancellationToken);
        if (!advice.Succeeded)
        {
            foreach (var error in advice.Errors)
            {
                errors.Add(nameof(ask.Question), error);
            }
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors);
        }
        var verdict = advice.Value!.Answer.Verdict;
        if (!MayAskAbout(verdict))
        {
            errors.Add(nameof(ask.Question), verdict == Verdict.Paused
                ? "This use is paused: it comes back only when compliance signs off its restart."
                : "This use is allowed as it is: there is nothing to ask for.");
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors);
        }
        var reason = ask.Reason?.Trim() ?? "";
        if (reason.Length is < 10 or > UseRequest.ReasonMaxLength)
        {
            errors.Add(nameof(ask.Reason), "Say in your own words why you need this (10 to 1,000 characters).");
        }
        var question = ask.Question;
        var listed = question.ToolId is { } toolId and not UsageQuestion.ToolNotListed
            ? await db.Tools.AsNoTracking().Where(t => t.Id == toolId).Select(t => new { t.Id, t.Name }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var toolName = listed?.Name ?? ask.ToolName?.Trim() ?? "";
        var vendor = listed is null ? ask.ToolVendor?.Trim() ?? "" : "";
        if (listed is null)
        {
            if (toolName.Length is < 2 or > 200)
            {
                errors.Add(nameof(ask.ToolName), "Name the tool you would like to use (2 to 200 characters).");
            }
            else if (await InventoryNames.NameTakenAsync(db.Tools.Select(t => t.Name), toolName, cancellationToken))
            {
                errors.Add(nameof(ask.ToolName), $"“{toolName}” is on the list already: choose it in the checker instead.");
            }
            if (vendor.Length > 200)
            {
                errors.Add(nameof(ask.ToolVendor), "Keep the vendor to 200 characters.");
            }
        }
        var departmentId = ask.DepartmentId
            ?? await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.DepartmentId).SingleOrDefaultAsync(cancellationToken);
        if (departmentId is not { } department || !await db.Departments.AnyAsync(d => d.Id == department, cancellationToken))
        {
            errors.Add(nameof(ask.DepartmentId), "Choose your department: its managers receive the request.");
        }
        if (!errors.IsEmpty)
        {
            return new SaveOutcome(SaveStatus.Invalid, Errors: errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = db.UseRequests.Add(new UseRequest
        {
            Kind = listed is null ? UseRequestKind.Tool : UseRequestKind.Workflow,
            Status = UseRequestStatus.Open,
            AskedById = actor.UserId,
            AskedByName = actor.Name,
            AskedAt = audit.Clock.GetUtcNow().UtcDateTime,
            DepartmentId = departmentId!.Value,
            ToolId = listed?.Id,
            ToolName = toolName,
            ToolVendor = vendor,
            Task = question.Task,
            TaskDescription = question.Task == UsageTask.Other ? question.TaskDescription?.Trim() : null,
            ClassificationId = question.ClassificationId!.Value,
            DataCategories = question.DataCategories,
            Audience = question.Audience,
            DecidesAboutPeople = question.DecidesAboutPeople,
            Verdict = verdict,
            Reason = reason,
            Version = 1,
        }).Entity;
        await db.SaveChangesAsync(cancellationToken);
        var names = await InventoryNames.LoadAsync(db, cancellationToken);
        await audit.AppendAsync(db, actor, EntityType, request.Id.ToString(), TitleOf(request), AuditAction.Requested,
            AuditTrail.Diff(new Dictionary<string, string>(), Describe(request, names)), cancellationToken);
        var managers = await db.DepartmentManagers.Where(m => m.DepartmentId == request.DepartmentId).Select(m => m.UserId).ToListAsync(cancellationToken);
        NotificationCenter.Add(db, audit.Clock, managers.Concat(await NotificationCenter.ComplianceOfficersAsync(db, cancellationToken)),
            NotificationKind.UseRequest, $"{actor.Name} asks to use {TitleOf(request)}", LinkOf(request.Id), actor.UserId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, request.Id, request.Version);
    }

    /// <summary>The department the person's account names, to propose for their request; null when none.</summary>
    public async Task<int?> DepartmentOfAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return userId is null ? null : await db.Users.Where(u => u.Id == userId).Select(u => u.DepartmentId).SingleOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UseRequestListItem>> ListAsync(ClaimsPrincipal principal, UseRequestList which, bool openOnly = false,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return [];
        }
        var userId = actor.UserId;
        var requests = which == UseRequestList.Mine
            ? db.UseRequests.Where(r => r.AskedById == userId)
            : Visible(db, actor).Where(r => r.AskedById != userId);
        if (openOnly)
        {
            requests = requests.Where(r => r.Status == UseRequestStatus.Open);
        }
        var rows = await (from r in requests.AsNoTracking()
                          join d in db.Departments on r.DepartmentId equals d.Id
                          orderby r.AskedAt descending, r.Id descending
                          select new { Request = r, Department = d.Name })
            .Take(ListSize).ToListAsync(cancellationToken);
        return
        [
            .. rows.Select(x => new UseRequestListItem(x.Request.Id, x.Request.Kind, x.Request.Status, TitleOf(x.Request), x.Request.AskedByName,
                x.Department, x.Request.AskedAt, x.Request.DecidedAt)),
        ];
    }

    /// <summary>The request, when <paramref name="principal"/> may see it (theirs, their departments' as a manager, any for compliance); otherwise null.</summary>
    public async Task<UseRequestView?> GetAsync(ClaimsPrincipal principal, int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return null;
        }
        var request = await Visible(db, actor).AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return null;
        }
        var names = await InventoryNames.LoadAsync(db, cancellationToken);
        var workflowName = request.WorkflowId is { } w
            ? await db.Workflows.Where(x => x.Id == w).Select(x => x.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var open = request.Status == UseRequestStatus.Open;
        return new UseRequestView(request, TitleOf(request), names.Department(request.DepartmentId), names.Classification(request.ClassificationId),
            workflowName, request.CreatedToolId is { } t ? names.Tool(t) : null,
            open && DecisionRefusal(actor, request) is null, open && request.AskedById == actor.UserId);
    }

    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(ClaimsPrincipal principal, int id, CancellationToken cancellationToken = default)
    {
        if (await GetAsync(principal, id, cancellationToken) is null)
        {
            return [];
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await AuditTrail.HistoryAsync(db, EntityType, id.ToString(), cancellationToken);
    }

    /// <summary>
    /// Approves a request for a use of a listed tool: <paramref name="workflow"/> (start from <see cref="ProposedWorkflow"/>) is saved
    /// as a new workflow through the workflow page's own save, in this transaction — refused there, nothing is stored.
    /// </summary>
    public Task<SaveOutcome> ApproveAsWorkflowAsync(ClaimsPrincipal principal, int id, int version, WorkflowForm workflow, string? note = null,
        CancellationToken cancellationToken = default) =>
        DecideAsync(principal, id, version, UseRequestStatus.Approved, note, async (db, actor, request) =>
        {
            if (request.Kind != UseRequestKind.Workflow)
            {
                return SaveOutcome.Forbidden("This request is for a tool that is not listed: approve it as a proposed tool.");
            }
            var saved = await workflows.SaveInAsync(db, actor, null, workflow, null, validate: true, cancellationToken);
            if (saved.Status == SaveStatus.Saved)
            {
                request.WorkflowId = saved.Id;
            }
            return saved;
        }, cancellationToken);

    /// <summary>Approves a request for a tool that is not listed: <paramref name="tool"/> (start from <see cref="ProposedTool"/>) is saved through the tool page's own save.</summary>
    public Task<SaveOutcome> ApproveAsToolAsync(ClaimsPrincipal principal, int id, int version, ToolForm tool, string? note = null,
        CancellationToken cancellationToken = default) =>
        DecideAsync(principal, id, version, UseRequestStatus.Approved, note, async (db, actor, request) =>
        {
            if (request.Kind != UseRequestKind.Tool)
            {
                return SaveOutcome.Forbidden("This request is for a tool on the list: approve it as a proposed workflow.");
            }
            if (tool.ApprovalStatus != ToolApprovalStatus.Proposed)
            {
                return SaveOutcome.Forbidden("A tool asked for comes in as proposed: compliance then approves, restricts or prohibits it on its page.");
            }
            var saved = await tools.SaveInAsync(db, actor, null, tool, null, validate: true, cancellationToken);
            if (saved.Status == SaveStatus.Saved)
            {
                request.CreatedToolId = saved.Id;
            }
            return saved;
        }, cancellationToken);

    public Task<SaveOutcome> DeclineAsync(ClaimsPrincipal principal, int id, int version, string reason, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > UseRequest.NoteMaxLength)
        {
            var errors = new ValidationErrors();
            errors.Add(nameof(UseRequest.DecisionNote), "Say why it is declined (up to 2,000 characters): the person who asked reads it.");
            return Task.FromResult(new SaveOutcome(SaveStatus.Invalid, Errors: errors));
        }
        return DecideAsync(principal, id, version, UseRequestStatus.Declined, reason, (_, _, _) => Task.FromResult(new SaveOutcome(SaveStatus.Saved)),
            cancellationToken);
    }

    /// <summary>The asker takes back their own open request.</summary>
    public Task<SaveOutcome> WithdrawAsync(ClaimsPrincipal principal, int id, int version, CancellationToken cancellationToken = default) =>
        DecideAsync(principal, id, version, UseRequestStatus.Withdrawn, null, (_, _, _) => Task.FromResult(new SaveOutcome(SaveStatus.Saved)),
            cancellationToken);

    private async Task<SaveOutcome> DecideAsync(ClaimsPrincipal principal, int id, int version, UseRequestStatus to, string? note,
        Func<AppDbContext, Actor, UseRequest, Task<SaveOutcome>> create, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return SaveOutcome.Forbidden("Sign in again to decide on requests.");
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = await Visible(db, actor).AsTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return SaveOutcome.NotFound;
        }
        var refusal = to == UseRequestStatus.Withdrawn
            ? request.AskedById == actor.UserId ? null : "Only the person who asked can withdraw a request."
            : DecisionRefusal(actor, request);
        if (refusal is not null)
        {
            return SaveOutcome.Forbidden(refusal);
        }
        if (request.Version != version)
        {
            return new SaveOutcome(SaveStatus.Conflict, request.Id, request.Version,
                Message: "Someone acted on this request meanwhile; the page now shows what they did.");
        }
        if (request.Status != UseRequestStatus.Open)
        {
            return new SaveOutcome(SaveStatus.Conflict, request.Id, request.Version,
                Message: $"This request is {EnumText.Of(request.Status).ToLowerInvariant()} already.");
        }
        var names = await InventoryNames.LoadAsync(db, cancellationToken);
        var before = Describe(request, names);

        var created = await create(db, actor, request);
        if (created.Status != SaveStatus.Saved)
        {
            // Refused by the workflow's or the tool's own save: the transaction is dropped, nothing of it is kept.
            return created;
        }
        request.Status = to;
        request.DecisionNote = note?.Trim() ?? "";
        if (to != UseRequestStatus.Withdrawn)
        {
            request.DecidedById = actor.UserId;
            request.DecidedByName = actor.Name;
        }
        request.DecidedAt = audit.Clock.GetUtcNow().UtcDateTime;
        request.Version = version + 1;
        db.Entry(request).Property(r => r.Version).OriginalValue = version;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new SaveOutcome(SaveStatus.Conflict, request.Id, Message: "Someone acted on this request meanwhile; the page now shows what they did.");
        }
        names = await InventoryNames.LoadAsync(db, cancellationToken);
        var action = to switch
        {
            UseRequestStatus.Approved => AuditAction.RequestApproved,
            UseRequestStatus.Declined => AuditAction.RequestDeclined,
            _ => AuditAction.RequestWithdrawn,
        };
        await audit.AppendAsync(db, actor, EntityType, request.Id.ToString(), TitleOf(request), action,
            AuditTrail.Diff(before, Describe(request, names)), cancellationToken);
        // Whoever else was asked to decide has nothing left to do.
        var link = LinkOf(request.Id);
        var now = audit.Clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.Kind == NotificationKind.UseRequest && n.Link == link && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        if (to != UseRequestStatus.Withdrawn)
        {
            NotificationCenter.Add(db, audit.Clock, [request.AskedById], NotificationKind.UseRequestDecided, DecisionTitle(request, names), link,
                actor.UserId);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveOutcome(SaveStatus.Saved, request.Id, request.Version, Message: created.Message);
    }

    /// <summary>
    /// The workflow an approval proposes, filled in from the question: the asker's department, the tool, what the task implies
    /// (autonomy, the narrowest audience, people and data), the data asked about, the asker as owner and their words in the
    /// purpose; submitted, so compliance approves it (or not) like any other.
    /// </summary>
    public static WorkflowForm ProposedWorkflow(UseRequest request)
    {
        var profile = UsageTaskProfile.Of(request.Task);
        var purpose = $"{request.Reason}\n\nAsked for by {request.AskedByName} through the checker (request #{request.Id}): {TitleOf(request)}.";
        return new WorkflowForm
        {
            Name = Shorten(char.ToUpperInvariant(TaskText(request)[0]) + TaskText(request)[1..] + " with " + request.ToolName, 200),
            DepartmentId = request.DepartmentId,
            OwnerId = request.AskedById,
            Purpose = Shorten(purpose, Workflow.PurposeMaxLength),
            ToolIds = request.ToolId is { } tool ? [tool] : [],
            Stage = LifecycleStage.Pilot,
            Autonomy = profile.Autonomy,
            Audience = request.Audience > profile.MinimumAudience ? request.Audience : profile.MinimumAudience,
            // As the checker reads the question: deciding about people in no named area counts as every area, until narrowed.
            AffectsPeople = profile.AffectsPeople != PeopleImpact.None || !request.DecidesAboutPeople ? profile.AffectsPeople : RuleText.AllPeopleAreas,
            DataClassificationId = request.ClassificationId,
            DataCategories = request.DataCategories | profile.Data,
            Oversight = HumanOversight.ReviewBeforeUse,
            ApprovingRole = "Line manager",
            ReviewCadenceMonths = 12,
            Status = WorkflowStatus.Submitted,
        };
    }

    /// <summary>The tool an approval proposes: the name and vendor the asker gave, cleared at most for the data they asked about.</summary>
    public static ToolForm ProposedTool(UseRequest request) => new()
    {
        Name = request.ToolName,
        Vendor = request.ToolVendor,
        Capabilities = request.Task == UsageTask.Other ? ToolCapabilities.Text : UsageTaskProfile.Needs(request.Task),
        MaxClassificationId = request.ClassificationId,
        ApprovalStatus = ToolApprovalStatus.Proposed,
        Notes = Shorten($"Asked for by {request.AskedByName} (request #{request.Id}), for {TaskText(request)}: {request.Reason}", 4000),
    };

    public static string TitleOf(UseRequest request) => $"{request.ToolName} for {TaskText(request)}";

    public static string LinkOf(int id) => $"/requests/{id}";

    private static string TaskText(UseRequest request) =>
        request.Task == UsageTask.Other && !string.IsNullOrWhiteSpace(request.TaskDescription)
            ? request.TaskDescription.Trim()
            : EnumText.Of(request.Task).ToLowerInvariant();

    private static string DecisionTitle(UseRequest request, InventoryNames names) => request.Status switch
    {
        UseRequestStatus.Approved when request.WorkflowId is { } => $"Your request to use {TitleOf(request)} was approved: a workflow is proposed for it",
        UseRequestStatus.Approved when request.CreatedToolId is { } tool =>
            $"Your request to use {TitleOf(request)} was approved: “{names.Tool(tool)}” is proposed to compliance",
        _ => $"Your request to use {TitleOf(request)} was declined: {request.DecisionNote}",
    };

    /// <summary>Why <paramref name="actor"/> may not decide on <paramref name="request"/>, or null when they may.</summary>
    public static string? DecisionRefusal(Actor actor, UseRequest request)
    {
        if (request.AskedById == actor.UserId)
        {
            return "Someone else decides on your own request: a manager of your department or compliance.";
        }
        return actor.IsComplianceOrAdmin || (actor.IsManager && actor.DepartmentIds.Contains(request.DepartmentId))
            ? null
            : "Only a manager of the asker's department or a compliance officer decides on this request.";
    }

    private static IQueryable<UseRequest> Visible(AppDbContext db, Actor actor)
    {
        if (actor.IsComplianceOrAdmin)
        {
            return db.UseRequests;
        }
        var userId = actor.UserId;
        var departments = actor.IsManager ? actor.DepartmentIds.ToList() : [];
        return db.UseRequests.Where(r => r.AskedById == userId || departments.Contains(r.DepartmentId));
    }

    private static Dictionary<string, string> Describe(UseRequest r, InventoryNames names) => new()
    {
        ["Kind"] = EnumText.Of(r.Kind),
        ["AI tool"] = r.ToolVendor.Length > 0 ? $"{r.ToolName} ({r.ToolVendor})" : r.ToolName,
        ["Task"] = TaskText(r),
        ["Most sensitive data"] = names.Classification(r.ClassificationId),
        ["Kinds of data"] = r.DataCategories == DataCategories.None ? "None" : EnumText.Of(r.DataCategories),
        ["Where the output goes"] = EnumText.Of(r.Audience),
        ["Decides about people"] = r.DecidesAboutPeople ? "Yes" : "No",
        ["Checker's answer"] = EnumText.Of(r.Verdict),
        ["Department"] = names.Department(r.DepartmentId),
        ["Why"] = r.Reason,
        ["Status"] = EnumText.Of(r.Status),
        ["Decision note"] = r.DecisionNote,
        ["Workflow"] = r.WorkflowId is { } w ? $"#{w}" : "",
        ["Tool proposed"] = r.CreatedToolId is { } t ? names.Tool(t) : "",
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
