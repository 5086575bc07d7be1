using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using AiPolicyHub.Core.Tests.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Evidence;

public sealed class EvidenceExpiryTests : IAsyncLifetime
{
    private readonly TestClock clock = new();
    private PauseScenario s = null!;
    private EvidenceRegister Register => s.Test.Provider.GetRequiredService<EvidenceRegister>();
    private EvidenceExpiryCheck Check => s.Test.Provider.GetRequiredService<EvidenceExpiryCheck>();
    private DateOnly Today => DateOnly.FromDateTime(clock.Now.UtcDateTime);

    public async Task InitializeAsync() => s = await PauseScenario.CreateAsync(clock);

    public async Task DisposeAsync() => await s.DisposeAsync();

    private async Task<int> AttachAsync(EvidenceSubject subject, string description, DateOnly expires)
    {
        var added = await Register.AddAsync(s.Cora, subject, new EvidenceForm
        {
            Description = description, Url = "https://vendor.example.com/trust", ProducedOn = Today.AddDays(-30), ExpiresOn = expires,
            OwnerId = TestServices.UserId(s.Maya),
        }, null);
        Assert.Equal(SaveStatus.Saved, added.Status);
        return added.Id;
    }

    private async Task<List<Notification>> NoticesAsync()
    {
        await using var db = await s.Test.DbAsync();
        return await db.Notifications.Where(n => n.Kind == NotificationKind.EvidenceExpiring).ToListAsync();
    }

    [Fact]
    public async Task The_owner_is_told_once_when_the_expiry_comes_within_the_notice_period()
    {
        var workflow = await s.WorkflowAsync("Support reply drafts");
        await AttachAsync(new(EvidenceSubjectKind.Workflow, workflow), "Bias test results", Today.AddDays(40));

        Assert.Equal(0, await Check.RunAsync());   // 40 days ahead: outside the 30-day notice period
        clock.AddDays(10);
        Assert.Equal(1, await Check.RunAsync());
        clock.AddDays(1);
        Assert.Equal(0, await Check.RunAsync());   // once

        var notice = Assert.Single(await NoticesAsync());
        Assert.Equal(TestServices.UserId(s.Maya), notice.UserId);
        Assert.Equal($"/workflows/{workflow}#evidence", notice.Link);
        Assert.Contains("“Bias test results” expires on", notice.Title);
    }

    [Fact]
    public async Task Expired_evidence_of_a_workflow_in_use_or_of_a_tool_it_uses_becomes_a_finding_the_day_after_its_expiry()
    {
        var tool = await s.ToolAsync("ChatGPT Enterprise");
        var withToolEvidence = await s.WorkflowAsync("Uses the tool", tool);
        var withOwnEvidence = await s.WorkflowAsync("Has its own evidence");
        await AttachAsync(new(EvidenceSubjectKind.Tool, tool), "Vendor SOC 2 report", Today.AddDays(5));
        await AttachAsync(new(EvidenceSubjectKind.Workflow, withOwnEvidence), "Impact assessment", Today.AddDays(5));

        clock.AddDays(5);   // the last day they count
        Assert.DoesNotContain(await s.Test.Findings.ListAsync(new FindingsQuery()), f => f.Finding.RuleId == EvidenceExpiredRule.RuleId);

        clock.AddDays(1);
        var findings = (await s.Test.Findings.ListAsync(new FindingsQuery(RuleId: EvidenceExpiredRule.RuleId))).ToDictionary(f => f.WorkflowId);
        Assert.Equal(new[] { withOwnEvidence, withToolEvidence }.Order(), findings.Keys.Order());
        Assert.Contains("“Vendor SOC 2 report” of “ChatGPT Enterprise”", findings[withToolEvidence].Finding.Explanation);
        Assert.Contains("“Impact assessment”", findings[withOwnEvidence].Finding.Explanation);
        // The findings page (its kept evaluation) and the workflow page's live check say the same.
        var page = await s.Test.Findings.PageAsync(new FindingsPageQuery(RuleId: EvidenceExpiredRule.RuleId));
        Assert.Equal(2, page.Total);
        Assert.Single(await Register.ExpiredForWorkflowAsync(withToolEvidence));
        // And the notice for the expired evidence went out too.
        Assert.Equal(2, await Check.RunAsync());
    }

    [Fact]
    public async Task A_retired_workflow_has_no_expired_evidence_finding()
    {
        var workflow = await s.WorkflowAsync("Old workflow");
        await AttachAsync(new(EvidenceSubjectKind.Workflow, workflow), "Old assessment", Today.AddDays(1));
        await using (var db = await s.Test.DbAsync())
        {
            await db.Workflows.Where(w => w.Id == workflow).ExecuteUpdateAsync(x => x.SetProperty(w => w.Status, AiPolicyHub.Core.Inventory.WorkflowStatus.Retired));
        }
        clock.AddDays(3);

        Assert.Empty(await s.Test.Findings.ListAsync(new FindingsQuery(RuleId: EvidenceExpiredRule.RuleId)));
    }
}
