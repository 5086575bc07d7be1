using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Inventory;

public class WorkflowBulkActionsTests
{
    private sealed record Setup(TestServices Test, WorkflowBulkActions Bulk, int Marketing, int Finance, Func<string, int, WorkflowForm> Form);

    private static async Task<Setup> ArrangeAsync(TestServices test)
    {
        var cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var marketing = await test.AddDepartmentAsync("Marketing");
        var finance = await test.AddDepartmentAsync("Finance");
        var internalLevel = await test.ClassificationIdAsync("Internal");
        var tool = (await test.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "Summarizer", Vendor = "Acme", MaxClassificationId = internalLevel, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
        WorkflowForm Form(string name, int department) => new()
        {
            Name = name, Purpose = "Summaries.", DepartmentId = department, DataClassificationId = internalLevel, ToolIds = [tool],
            ApprovingRole = "Team lead",
        };
        return new Setup(test, test.Provider.GetRequiredService<WorkflowBulkActions>(), marketing, finance, Form);
    }

    [Fact]
    public async Task A_manager_sets_the_owner_of_the_workflows_of_their_department_and_is_refused_the_others_row_by_row()
    {
        await using var test = await new TestServices().InitializeAsync();
        var s = await ArrangeAsync(test);
        var cora = await test.CreateUserAsync("Carl Compliance", Roles.ComplianceOfficer);
        var maya = await test.CreateUserAsync("Maya Manager", Roles.Manager, s.Marketing);
        var newsletter = (await test.Workflows.SaveAsync(cora, null, s.Form("Newsletter", s.Marketing))).Id;
        var board = (await test.Workflows.SaveAsync(cora, null, s.Form("Board minutes", s.Finance))).Id;

        var outcome = await s.Bulk.SetOwnerAsync(maya, [newsletter, board, 9999], TestServices.UserId(maya));

        Assert.Equal(1, outcome.Succeeded);
        Assert.Equal(TestServices.UserId(maya), (await test.Workflows.GetAsync(newsletter))!.OwnerId);
        Assert.Null((await test.Workflows.GetAsync(board))!.OwnerId);
        var refused = outcome.Failed.ToList();
        Assert.Equal([board, 9999], refused.Select(r => r.WorkflowId));
        Assert.Equal(SaveStatus.Forbidden, refused[0].Outcome.Status);
        Assert.Equal(SaveStatus.NotFound, refused[1].Outcome.Status);
        Assert.False(string.IsNullOrEmpty(refused[0].Reason));
        // Each saved row is in the history, as a save from the page would be.
        Assert.Contains(await test.Workflows.HistoryAsync(newsletter), e => e.UserName == "Maya Manager");
    }

    [Fact]
    public async Task Staff_change_nothing_in_bulk()
    {
        await using var test = await new TestServices().InitializeAsync();
        var s = await ArrangeAsync(test);
        var cora = await test.CreateUserAsync("Carl Compliance", Roles.ComplianceOfficer);
        var sam = await test.CreateUserAsync("Sam Staff", Roles.Staff);
        var id = (await test.Workflows.SaveAsync(cora, null, s.Form("Newsletter", s.Marketing))).Id;

        var outcome = await s.Bulk.SetReviewDateAsync(sam, [id], new DateOnly(2027, 6, 1));

        Assert.Equal(0, outcome.Succeeded);
        Assert.Equal(SaveStatus.Forbidden, Assert.Single(outcome.Rows).Outcome.Status);
        Assert.Null((await test.Workflows.GetAsync(id))!.NextReviewDate);
    }

    [Fact]
    public async Task Submitting_in_bulk_follows_the_lifecycle_for_each_workflow()
    {
        await using var test = await new TestServices().InitializeAsync();
        var s = await ArrangeAsync(test);
        var cora = await test.CreateUserAsync("Carl Compliance", Roles.ComplianceOfficer);
        var draft = (await test.Workflows.SaveAsync(cora, null, s.Form("Newsletter", s.Marketing))).Id;
        var other = (await test.Workflows.SaveAsync(cora, null, s.Form("Board minutes", s.Finance))).Id;
        Assert.True((await s.Bulk.SubmitForApprovalAsync(cora, [other])).Rows.Single().Succeeded);

        var outcome = await s.Bulk.SubmitForApprovalAsync(cora, [draft, other]);

        Assert.Equal(WorkflowStatus.Submitted, (await test.Workflows.GetAsync(draft))!.Status);
        var refused = Assert.Single(outcome.Failed);
        Assert.Equal(other, refused.WorkflowId);
        Assert.Contains("Only a draft or rejected workflow can be submitted", refused.Reason);
    }

    [Fact]
    public async Task The_list_sorts_by_residual_risk_and_tier_and_shows_a_selection()
    {
        await using var test = await new TestServices().InitializeAsync();
        var s = await ArrangeAsync(test);
        var internalLevel = await test.ClassificationIdAsync("Internal");
        Workflow Row(string name, int score, RiskTier tier) => new()
        {
            Name = name, DepartmentId = s.Marketing, Purpose = "p", DataClassificationId = internalLevel, Oversight = HumanOversight.ReviewBeforeUse,
            ApprovingRole = "Lead", Version = 1, RiskScore = score, RiskTier = tier,
        };
        await test.AddWorkflowsAsync([Row("Low one", 2, RiskTier.Low), Row("High one", 16, RiskTier.High), Row("Medium one", 8, RiskTier.Medium)]);

        var byScore = await test.Workflows.ListAsync(new WorkflowListQuery(Sort: WorkflowSort.RiskScore, Descending: true));
        var byTier = await test.Workflows.ListAsync(new WorkflowListQuery(Sort: WorkflowSort.RiskTier));
        var ids = byScore.Items.Take(2).Select(i => i.Id).ToList();
        var selection = await test.Workflows.ListAsync(new WorkflowListQuery(Ids: ids));

        Assert.Equal(["High one", "Medium one", "Low one"], byScore.Items.Select(i => i.Name));
        Assert.Equal(16, byScore.Items[0].RiskScore);
        Assert.Equal(RiskTier.High, byScore.Items[0].RiskTier);
        Assert.Equal(["Low one", "Medium one", "High one"], byTier.Items.Select(i => i.Name));
        Assert.Equal(["High one", "Medium one"], selection.Items.Select(i => i.Name));
        Assert.Equal(2, selection.Total);
    }
}
