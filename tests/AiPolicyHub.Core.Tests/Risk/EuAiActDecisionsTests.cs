using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Risk;

public sealed class EuAiActDecisionsTests
{
    [Fact]
    public async Task Compliance_confirms_or_overrides_with_a_justification_and_the_decision_is_in_the_history()
    {
        await using var test = await new TestServices().InitializeAsync();
        var decisions = test.Provider.GetRequiredService<EuAiActDecisions>();
        var compliance = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var manager = await test.CreateUserAsync("Max Manager", Roles.Manager);
        var department = await test.AddDepartmentAsync("HR");
        var level = await test.ClassificationIdAsync("Internal");
        var tool = (await test.Tools.SaveAsync(compliance, null, new ToolForm
        {
            Name = "Ranker", Vendor = "Acme", MaxClassificationId = level, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
        var id = (await test.Workflows.SaveAsync(compliance, null, new WorkflowForm
        {
            Name = "CV screening", Purpose = "Ranks CVs for open roles.", DepartmentId = department, DataClassificationId = level,
            ToolIds = [tool], ApprovingRole = "HR lead", AffectsPeople = PeopleImpact.Hiring, Autonomy = Autonomy.RecommendDecision,
            Oversight = HumanOversight.ReviewBeforeUse,
        })).Id;

        Assert.Equal(EuAiActCategory.HighRisk, (await decisions.StatusAsync(id))!.Suggestion.Category);
        Assert.Equal(EuAiActDecisions.NotAllowed, Assert.Single((await decisions.DecideAsync(manager, id, EuAiActCategory.HighRisk, null)).Errors));
        Assert.Contains("at least 20 characters", Assert.Single((await decisions.DecideAsync(compliance, id, EuAiActCategory.Minimal, "not really")).Errors));
        Assert.Null((await decisions.StatusAsync(id))!.Decided);

        Assert.True((await decisions.DecideAsync(compliance, id, EuAiActCategory.HighRisk, null)).Succeeded);
        Assert.False((await decisions.StatusAsync(id))!.IsOverride);
        Assert.True((await decisions.DecideAsync(compliance, id, EuAiActCategory.Minimal,
            "Only sorts CVs alphabetically by surname for the recruiter; it ranks nothing.")).Succeeded);

        var status = (await decisions.StatusAsync(id))!;
        Assert.Equal((EuAiActCategory.Minimal, true, "Cora Compliance"), (status.Decided, status.IsOverride, status.DecidedBy));
        var change = Assert.Single(AuditTrail.ChangesOf((await test.Workflows.HistoryAsync(id))[0]));
        Assert.Equal("EU AI Act category", change.Field);
        Assert.Equal("High-risk", change.Before);
        Assert.StartsWith("Minimal risk: Only sorts CVs", change.After);
        Assert.EndsWith("(instead of the suggested High-risk)", change.After);
    }
}
