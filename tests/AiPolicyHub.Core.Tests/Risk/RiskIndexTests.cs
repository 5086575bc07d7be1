using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Risk;

/// <summary>The risk kept on each workflow row follows the workflow and its tools.</summary>
public sealed class RiskIndexTests
{
    [Fact]
    public async Task Saving_a_workflow_or_one_of_its_tools_keeps_the_stored_risk_in_step_and_unassessed_rows_are_caught_up()
    {
        await using var test = await new TestServices().InitializeAsync();
        var compliance = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var department = await test.AddDepartmentAsync("Support");
        var internalLevel = await test.ClassificationIdAsync("Internal");
        var tool = (await test.Tools.SaveAsync(compliance, null, new ToolForm
        {
            Name = "Chatty", Vendor = "Acme", MaxClassificationId = internalLevel, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
        var form = new WorkflowForm
        {
            Name = "Replies", Purpose = "Drafts replies.", DepartmentId = department, DataClassificationId = internalLevel, ToolIds = [tool],
            ApprovingRole = "Lead", Audience = Audience.CustomerFacing, Oversight = HumanOversight.None,
        };
        var id = (await test.Workflows.SaveAsync(compliance, null, form)).Id;

        async Task<(int L, int I, int Score, RiskTier Tier)> StoredAsync()
        {
            await using var db = await test.DbAsync();
            return await db.Workflows.Where(w => w.Id == id).Select(w => new ValueTuple<int, int, int, RiskTier>(w.RiskLikelihood, w.RiskImpact, w.RiskScore, w.RiskTier)).SingleAsync();
        }

        Assert.Equal((1, 3, 3, RiskTier.Low), await StoredAsync()); // Internal data +1, customers +1

        var edited = (await test.Workflows.GetAsync(id))!;
        edited.Autonomy = Autonomy.ActAutomatically;
        await test.Workflows.SaveAsync(compliance, id, edited);
        Assert.Equal((3, 3, 9, RiskTier.Medium), await StoredAsync());

        var toolForm = (await test.Tools.GetAsync(tool))!;
        toolForm.ApprovalStatus = ToolApprovalStatus.Prohibited;
        await test.Tools.SaveAsync(compliance, tool, toolForm);
        Assert.Equal((4, 3, 12, RiskTier.High), await StoredAsync());

        await using (var db = await test.DbAsync())
        {
            await db.Workflows.ExecuteUpdateAsync(s => s.SetProperty(w => w.RiskScore, 0).SetProperty(w => w.RiskLikelihood, 0));
            Assert.Equal(1, await RiskIndex.UpdateUnassessedAsync(db));
        }
        Assert.Equal((4, 3, 12, RiskTier.High), await StoredAsync());

        // The administrator moves the thresholds: stored tiers follow at once, and the change is audited.
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        var settings = test.Provider.GetRequiredService<RiskSettings>();
        Assert.Equal(RiskSettings.NotAllowed, Assert.Single((await settings.SaveThresholdsAsync(compliance, new RiskThresholds(3, 6, 12))).Errors));
        Assert.NotEmpty((await settings.SaveThresholdsAsync(admin, new RiskThresholds(6, 6, 12))).Errors);
        Assert.True((await settings.SaveThresholdsAsync(admin, new RiskThresholds(3, 6, 12))).Succeeded);
        Assert.Equal((4, 3, 12, RiskTier.Critical), await StoredAsync());
        Assert.Equal(new RiskThresholds(3, 6, 12), await settings.ThresholdsAsync());
        await using var audit = await test.DbAsync();
        Assert.Equal(1, await audit.AuditEntries.CountAsync(e => e.EntityType == RiskSettings.EntityType));
    }
}
