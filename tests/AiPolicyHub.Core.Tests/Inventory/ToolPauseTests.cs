using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;

namespace AiPolicyHub.Core.Tests.Inventory;

public sealed class ToolPauseTests
{
    private const string Reason = "A customer's data appeared in another customer's answer; under investigation.";

    [Fact]
    public async Task A_paused_tool_flags_its_workflows_and_staff_are_told_not_to_use_it_with_the_reason_until_it_is_restarted()
    {
        await using var test = await new TestServices().InitializeAsync();
        var compliance = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var department = await test.AddDepartmentAsync("Support");
        var internalLevel = await test.ClassificationIdAsync("Internal");
        var chatty = (await test.Tools.SaveAsync(compliance, null, new ToolForm
        {
            Name = "Chatty", Vendor = "Acme", MaxClassificationId = internalLevel, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
        await test.Tools.SaveAsync(compliance, null, new ToolForm
        {
            Name = "Other", Vendor = "Acme", MaxClassificationId = internalLevel, ApprovalStatus = ToolApprovalStatus.Approved,
        });
        await test.Workflows.SaveAsync(compliance, null, new WorkflowForm
        {
            Name = "Reply drafts", Purpose = "Drafts replies.", DepartmentId = department, DataClassificationId = internalLevel,
            ToolIds = [chatty], ApprovingRole = "Team lead", Oversight = HumanOversight.ReviewBeforeUse,
        });
        var question = new UsageQuestion(chatty, UsageTask.Summarising, internalLevel, DataCategories.None, Audience.Internal, false);

        var paused = await test.Tools.PauseAsync(compliance, chatty, version: 1, Reason);

        Assert.Equal(SaveStatus.Saved, paused.Status);
        var finding = Assert.Single(await test.Findings.ListAsync(new FindingsQuery(RuleId: PausedInUseRule.RuleId)));
        Assert.Contains("“Chatty” (reason: A customer's data appeared in another customer's answer; under investigation)", finding.Finding.Explanation);
        var advice = (await test.Advisor.AskAsync(question)).Value!;
        Assert.Equal(Verdict.Paused, advice.Answer.Verdict);
        Assert.Contains("under investigation", Assert.Single(advice.Answer.Reasons));
        Assert.Equal(["Other"], advice.Alternatives.Select(a => a.Tool.Name));
        var history = await test.Tools.HistoryAsync(chatty);
        Assert.Equal(new FieldChange("Paused", "No", Reason), Assert.Single(AuditTrail.ChangesOf(history[0])));
        Assert.Equal(AuditAction.Paused, history[0].Action);

        // The restart checklist, signed off by a second officer (the one who paused it may not).
        var colleague = await test.CreateUserAsync("Colin Compliance", Roles.ComplianceOfficer);
        var pause = Assert.Single((await test.Pauses.ForToolAsync(colleague, chatty)).Current);
        var version = pause.Version;
        foreach (var condition in Enum.GetValues<AiPolicyHub.Core.Incidents.RestartCondition>())
        {
            version = (await test.Pauses.SetConditionAsync(colleague, pause.Id, version, condition, true)).Version;
        }
        Assert.Equal(SaveStatus.Invalid, (await test.Tools.RestartAsync(compliance, chatty, paused.Version)).Status);
        var restarted = await test.Tools.RestartAsync(colleague, chatty, paused.Version);

        Assert.Equal(SaveStatus.Saved, restarted.Status);
        Assert.Empty(await test.Findings.ListAsync(new FindingsQuery(RuleId: PausedInUseRule.RuleId)));
        Assert.NotEqual(Verdict.Paused, (await test.Advisor.AskAsync(question)).Value!.Answer.Verdict);
        Assert.Equal("No (restarted)", Assert.Single(AuditTrail.ChangesOf((await test.Tools.HistoryAsync(chatty))[0])).After);
    }

    [Fact]
    public async Task Only_compliance_pauses_a_reason_is_required_and_a_stale_page_gets_a_conflict()
    {
        await using var test = await new TestServices().InitializeAsync();
        var compliance = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var manager = await test.CreateUserAsync("Max Manager", Roles.Manager);
        var tool = (await test.Tools.SaveAsync(compliance, null, new ToolForm
        {
            Name = "Chatty", Vendor = "Acme", MaxClassificationId = await test.ClassificationIdAsync("Internal"),
            ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;

        var byManager = await test.Tools.PauseAsync(manager, tool, 1, Reason);
        var noReason = await test.Tools.PauseAsync(compliance, tool, 1, "  stop ");
        var colleagues = (await test.Tools.GetAsync(tool))!;
        colleagues.Notes = "Changed meanwhile.";
        await test.Tools.SaveAsync(compliance, tool, colleagues);
        var stale = await test.Tools.PauseAsync(compliance, tool, 1, Reason);

        Assert.Equal(SaveStatus.Forbidden, byManager.Status);
        Assert.Equal(SaveStatus.Invalid, noReason.Status);
        Assert.Contains("why the tool is paused", Assert.Single(noReason.Errors!.All));
        Assert.Equal(SaveStatus.Conflict, stale.Status);
        Assert.Null((await test.Tools.GetAsync(tool))!.PausedReason);
    }
}
