using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Requests;
using AiPolicyHub.Core.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Requests;

public sealed class UseRequestsTests : IAsyncLifetime
{
    private TestServices test = null!;
    private ClaimsPrincipal cora = null!, colin = null!, maya = null!, otto = null!, sue = null!, sam = null!;
    private int support, sales, publicLevel, internalLevel, confidential, chatty;

    private UseRequests Requests => test.Provider.GetRequiredService<UseRequests>();

    public async Task InitializeAsync()
    {
        test = await new TestServices().InitializeAsync();
        support = await test.AddDepartmentAsync("Support");
        sales = await test.AddDepartmentAsync("Sales");
        cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        colin = await test.CreateUserAsync("Colin Compliance", Roles.ComplianceOfficer);
        maya = await test.CreateUserAsync("Maya Manager", Roles.Manager, support);
        otto = await test.CreateUserAsync("Otto Other", Roles.Manager, sales);
        sue = await test.CreateUserAsync("Sue Staff", Roles.Staff);
        sam = await test.CreateUserAsync("Sam Staff", Roles.Staff);
        await using (var db = await test.DbAsync())
        {
            var sueId = TestServices.UserId(sue);
            await db.Users.Where(u => u.Id == sueId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, support));
        }
        publicLevel = await test.ClassificationIdAsync("Public");
        internalLevel = await test.ClassificationIdAsync("Internal");
        confidential = await test.ClassificationIdAsync("Confidential");
        var tool = await test.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "Chatty", Vendor = "Acme", MaxClassificationId = internalLevel, ApprovalStatus = ToolApprovalStatus.Approved,
        });
        Assert.Equal(SaveStatus.Saved, tool.Status);
        chatty = tool.Id;
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    /// <summary>Confidential data into a tool cleared for internal data: the checker says no.</summary>
    private UsageQuestion Refused => new(chatty, UsageTask.Summarising, confidential, DataCategories.None, Audience.Internal, false);

    private const string Why = "I summarise supplier contracts every week and it takes me a day.";

    private async Task<int> AskAsync(ClaimsPrincipal who, UsageQuestion? question = null, string reason = Why, string? toolName = null)
    {
        var outcome = await Requests.AskAsync(who, new UseRequestAsk(question ?? Refused, reason, toolName, "Some vendor",
            who == sue ? null : support));
        Assert.True(outcome.Status == SaveStatus.Saved, outcome.Message ?? string.Join(" ", outcome.Errors?.All ?? []));
        return outcome.Id;
    }

    private async Task<UseRequest> StoredAsync(int id)
    {
        await using var db = await test.DbAsync();
        return await db.UseRequests.AsNoTracking().SingleAsync(r => r.Id == id);
    }

    private async Task<List<Notification>> NotificationsAsync(ClaimsPrincipal who, NotificationKind kind)
    {
        var userId = TestServices.UserId(who);
        await using var db = await test.DbAsync();
        return await db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.Kind == kind).ToListAsync();
    }

    [Fact]
    public async Task A_refused_use_asked_for_goes_to_the_departments_managers_and_compliance_with_the_askers_words_and_is_audited()
    {
        var id = await AskAsync(sue);

        var request = await StoredAsync(id);
        Assert.Equal((UseRequestKind.Workflow, UseRequestStatus.Open, support, chatty, Verdict.NotAllowed, Why),
            (request.Kind, request.Status, request.DepartmentId, request.ToolId, request.Verdict, request.Reason));
        foreach (var told in new[] { maya, cora, colin })
        {
            var notification = Assert.Single(await NotificationsAsync(told, NotificationKind.UseRequest));
            Assert.Equal($"/requests/{id}", notification.Link);
            Assert.Equal("Sue Staff asks to use Chatty for summarising text", notification.Title);
        }
        Assert.Empty(await NotificationsAsync(otto, NotificationKind.UseRequest));
        Assert.Empty(await NotificationsAsync(sue, NotificationKind.UseRequest));
        var history = Assert.Single(await Requests.HistoryAsync(sue, id));
        Assert.Equal((AuditAction.Requested, "Sue Staff"), (history.Action, history.UserName));
        Assert.Contains(Why, history.ChangesJson);
    }

    [Fact]
    public async Task A_use_the_checker_allows_is_not_asked_for_and_the_answer_is_worked_out_on_the_server()
    {
        var allowed = new UsageQuestion(chatty, UsageTask.Brainstorming, publicLevel, DataCategories.None, Audience.Internal, false);
        Assert.Equal(Verdict.Allowed, (await test.Advisor.AskAsync(allowed)).Value!.Answer.Verdict);

        var outcome = await Requests.AskAsync(sue, new UseRequestAsk(allowed, Why));

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.Contains("nothing to ask for", Assert.Single(outcome.Errors!.For(nameof(UseRequestAsk.Question))));
        await using var db = await test.DbAsync();
        Assert.False(await db.UseRequests.AnyAsync());
    }

    [Fact]
    public async Task The_asker_must_say_why_in_their_own_words_and_name_a_tool_that_is_not_listed()
    {
        var notListed = new UsageQuestion(UsageQuestion.ToolNotListed, UsageTask.Translating, internalLevel, DataCategories.None, Audience.Internal, false);

        var outcome = await Requests.AskAsync(sue, new UseRequestAsk(notListed, "  short "));

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.NotEmpty(outcome.Errors!.For(nameof(UseRequestAsk.Reason)));
        Assert.NotEmpty(outcome.Errors.For(nameof(UseRequestAsk.ToolName)));
        var listedName = await Requests.AskAsync(sue, new UseRequestAsk(notListed, Why, "chatty"));
        Assert.Contains("on the list already", Assert.Single(listedName.Errors!.For(nameof(UseRequestAsk.ToolName))));
        var noDepartment = await Requests.AskAsync(sam, new UseRequestAsk(Refused, Why));
        Assert.NotEmpty(noDepartment.Errors!.For(nameof(UseRequestAsk.DepartmentId)));

        var id = await AskAsync(sue, notListed, toolName: "DeepTranslate");
        Assert.Equal((UseRequestKind.Tool, (int?)null, "DeepTranslate"), ((await StoredAsync(id)).Kind, (await StoredAsync(id)).ToolId, (await StoredAsync(id)).ToolName));
    }

    [Fact]
    public async Task Staff_see_only_their_own_requests_a_manager_their_departments_and_compliance_all()
    {
        var id = await AskAsync(sue);

        Assert.NotNull(await Requests.GetAsync(sue, id));
        Assert.Null(await Requests.GetAsync(sam, id));
        Assert.Empty(await Requests.HistoryAsync(sam, id));
        Assert.Empty(await Requests.ListAsync(sam, UseRequestList.Mine));
        Assert.Empty(await Requests.ListAsync(sam, UseRequestList.Others));
        Assert.Null(await Requests.GetAsync(otto, id));
        Assert.Empty(await Requests.ListAsync(otto, UseRequestList.Others));

        Assert.Equal(id, Assert.Single(await Requests.ListAsync(sue, UseRequestList.Mine)).Id);
        Assert.Equal(id, Assert.Single(await Requests.ListAsync(maya, UseRequestList.Others, openOnly: true)).Id);
        Assert.Equal(id, Assert.Single(await Requests.ListAsync(cora, UseRequestList.Others)).Id);
        Assert.True((await Requests.GetAsync(maya, id))!.CanDecide);
        Assert.False((await Requests.GetAsync(sue, id))!.CanDecide);
    }

    [Fact]
    public async Task Nobody_decides_a_request_they_may_not_see_nor_their_own_and_nothing_changes()
    {
        var id = await AskAsync(sue);
        var managersOwn = await AskAsync(maya);

        Assert.Equal(SaveStatus.NotFound, (await Requests.DeclineAsync(sam, id, 1, "No.")).Status);
        Assert.Equal(SaveStatus.NotFound, (await Requests.DeclineAsync(otto, id, 1, "No.")).Status);
        Assert.Equal(SaveStatus.Forbidden, (await Requests.DeclineAsync(sue, id, 1, "No.")).Status);
        Assert.Equal(SaveStatus.Forbidden, (await Requests.ApproveAsWorkflowAsync(maya, managersOwn, 1,
            UseRequests.ProposedWorkflow(await StoredAsync(managersOwn)))).Status);
        Assert.Equal(SaveStatus.Forbidden, (await Requests.WithdrawAsync(maya, id, 1)).Status);

        Assert.Equal((UseRequestStatus.Open, 1), ((await StoredAsync(id)).Status, (await StoredAsync(id)).Version));
        await using var db = await test.DbAsync();
        Assert.False(await db.Workflows.AnyAsync());
    }

    [Fact]
    public async Task Approving_as_a_workflow_creates_a_submitted_workflow_through_the_workflow_save_and_tells_the_asker()
    {
        var id = await AskAsync(sue);
        var request = await StoredAsync(id);

        var outcome = await Requests.ApproveAsWorkflowAsync(cora, id, request.Version, UseRequests.ProposedWorkflow(request), "Go ahead, with review.");

        Assert.True(outcome.Status == SaveStatus.Saved, outcome.Message);
        var decided = await StoredAsync(id);
        Assert.Equal((UseRequestStatus.Approved, "Cora Compliance", 2), (decided.Status, decided.DecidedByName, decided.Version));
        var workflow = (await test.Workflows.GetAsync(decided.WorkflowId!.Value))!;
        Assert.Equal((WorkflowStatus.Submitted, support, TestServices.UserId(sue), confidential), (workflow.Status, workflow.DepartmentId, workflow.OwnerId, workflow.DataClassificationId));
        Assert.Equal([chatty], workflow.ToolIds);
        Assert.StartsWith(Why, workflow.Purpose);
        // The workflow's own save wrote it: its history, compliance told it awaits approval.
        var created = Assert.Single(await test.Workflows.HistoryAsync(decided.WorkflowId.Value));
        Assert.Equal("Cora Compliance", created.UserName);
        Assert.Contains(await NotificationsAsync(colin, NotificationKind.AwaitingApproval), n => n.Link == $"/workflows/{decided.WorkflowId}");
        // The asker is told, with a link; the others asked to decide have nothing left to do.
        var told = Assert.Single(await NotificationsAsync(sue, NotificationKind.UseRequestDecided));
        Assert.Equal(($"/requests/{id}", null), (told.Link, told.ReadAt));
        Assert.All(await NotificationsAsync(maya, NotificationKind.UseRequest), n => Assert.NotNull(n.ReadAt));
        Assert.Equal([AuditAction.Requested, AuditAction.RequestApproved], (await Requests.HistoryAsync(sue, id)).Select(e => e.Action).Order());

        // It then goes through the normal approval: separation of duties holds for the officer who created it.
        Assert.NotEqual(SaveStatus.Saved, (await test.Approvals.ApproveAsync(cora, decided.WorkflowId.Value, workflow.Version)).Status);
        Assert.Equal(SaveStatus.Saved, (await test.Approvals.ApproveAsync(colin, decided.WorkflowId.Value, workflow.Version)).Status);
    }

    [Fact]
    public async Task A_workflow_the_workflow_save_refuses_leaves_the_request_open_and_stores_nothing()
    {
        var id = await AskAsync(sue);
        var proposed = UseRequests.ProposedWorkflow(await StoredAsync(id));

        var elsewhere = proposed.Copy();
        elsewhere.DepartmentId = sales;
        var byManager = await Requests.ApproveAsWorkflowAsync(maya, id, 1, elsewhere);
        var asApproved = proposed.Copy();
        asApproved.Status = WorkflowStatus.Approved;
        var byOfficer = await Requests.ApproveAsWorkflowAsync(cora, id, 1, asApproved);

        Assert.Equal(SaveStatus.Invalid, byManager.Status);
        Assert.NotEqual(SaveStatus.Saved, byOfficer.Status);
        Assert.Equal((UseRequestStatus.Open, 1), ((await StoredAsync(id)).Status, (await StoredAsync(id)).Version));
        await using var db = await test.DbAsync();
        Assert.False(await db.Workflows.AnyAsync());
        Assert.Empty(await NotificationsAsync(sue, NotificationKind.UseRequestDecided));
    }

    [Fact]
    public async Task When_two_decide_at_once_the_second_is_told_and_nothing_is_created_twice()
    {
        var id = await AskAsync(sue);
        var proposed = UseRequests.ProposedWorkflow(await StoredAsync(id));

        var first = await Requests.ApproveAsWorkflowAsync(maya, id, 1, proposed);
        var second = await Requests.ApproveAsWorkflowAsync(cora, id, 1, proposed.Copy());
        var late = await Requests.DeclineAsync(colin, id, 2, "Too late anyway.");

        Assert.Equal(SaveStatus.Saved, first.Status);
        Assert.Equal(SaveStatus.Conflict, second.Status);
        Assert.Equal(SaveStatus.Conflict, late.Status);
        await using var db = await test.DbAsync();
        Assert.Equal(1, await db.Workflows.CountAsync());
        Assert.Equal(UseRequestStatus.Approved, (await StoredAsync(id)).Status);
    }

    [Fact]
    public async Task Declining_needs_a_reason_which_the_asker_reads()
    {
        var id = await AskAsync(sue);

        Assert.Equal(SaveStatus.Invalid, (await Requests.DeclineAsync(maya, id, 1, "  ")).Status);
        var declined = await Requests.DeclineAsync(maya, id, 1, "Use SafeGPT: it may receive confidential data.");

        Assert.Equal(SaveStatus.Saved, declined.Status);
        var request = await StoredAsync(id);
        Assert.Equal((UseRequestStatus.Declined, "Use SafeGPT: it may receive confidential data.", "Maya Manager", (int?)null),
            (request.Status, request.DecisionNote, request.DecidedByName, request.WorkflowId));
        var told = Assert.Single(await NotificationsAsync(sue, NotificationKind.UseRequestDecided));
        Assert.Contains("declined: Use SafeGPT", told.Title);
    }

    [Fact]
    public async Task A_request_for_a_tool_that_is_not_listed_is_approved_as_a_proposed_tool_through_the_tool_save()
    {
        var notListed = new UsageQuestion(UsageQuestion.ToolNotListed, UsageTask.Translating, internalLevel, DataCategories.None, Audience.Internal, false);
        var id = await AskAsync(sue, notListed, toolName: "DeepTranslate");
        var request = await StoredAsync(id);

        Assert.Equal(SaveStatus.Forbidden, (await Requests.ApproveAsWorkflowAsync(cora, id, 1, UseRequests.ProposedWorkflow(request))).Status);
        var asApproved = UseRequests.ProposedTool(request);
        asApproved.ApprovalStatus = ToolApprovalStatus.Approved;
        Assert.Equal(SaveStatus.Forbidden, (await Requests.ApproveAsToolAsync(cora, id, 1, asApproved)).Status);
        var outcome = await Requests.ApproveAsToolAsync(maya, id, 1, UseRequests.ProposedTool(request));

        Assert.True(outcome.Status == SaveStatus.Saved, outcome.Message);
        var toolId = (await StoredAsync(id)).CreatedToolId!.Value;
        var tool = (await test.Tools.GetAsync(toolId))!;
        Assert.Equal(("DeepTranslate", "Some vendor", ToolApprovalStatus.Proposed, internalLevel), (tool.Name, tool.Vendor, tool.ApprovalStatus, tool.MaxClassificationId));
        Assert.Contains(await NotificationsAsync(cora, NotificationKind.AwaitingApproval), n => n.Link == $"/tools/{toolId}");
        Assert.Contains("“DeepTranslate” is proposed", Assert.Single(await NotificationsAsync(sue, NotificationKind.UseRequestDecided)).Title);
    }

    [Fact]
    public async Task Only_the_asker_withdraws_an_open_request_and_then_nobody_decides_it()
    {
        var id = await AskAsync(sue);

        Assert.Equal(SaveStatus.Forbidden, (await Requests.WithdrawAsync(cora, id, 1)).Status);
        Assert.Equal(SaveStatus.Saved, (await Requests.WithdrawAsync(sue, id, 1)).Status);

        Assert.Equal(UseRequestStatus.Withdrawn, (await StoredAsync(id)).Status);
        Assert.Equal(SaveStatus.Conflict, (await Requests.DeclineAsync(cora, id, 2, "No.")).Status);
        Assert.False((await Requests.GetAsync(cora, id))!.CanDecide);
    }
}
