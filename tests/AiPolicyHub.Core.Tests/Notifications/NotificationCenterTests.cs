using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Tests.Incidents;
using static AiPolicyHub.Core.Tests.Policies.PolicyTestData;

namespace AiPolicyHub.Core.Tests.Notifications;

public sealed class NotificationCenterTests
{
    [Fact]
    public async Task A_published_policy_version_asks_everyone_in_the_bell_to_acknowledge_it()
    {
        await using var s = await PauseScenario.CreateAsync();

        await PublishAsync(s.Test, s.Cora, "First version of the policy");

        var sues = await s.Test.Notifications.LatestAsync(s.Sue);
        var notice = Assert.Single(sues, n => n.Kind == NotificationKind.PolicyVersion);
        Assert.Equal(("Version 1 of the AI usage policy is published: read and acknowledge it", "/policy"), (notice.Title, notice.Link));
        Assert.Equal(1, await s.Test.Notifications.UnreadCountAsync(s.Sue));
    }

    [Fact]
    public async Task A_submitted_workflow_awaits_the_compliance_officers_approval_and_each_user_reads_only_their_own()
    {
        await using var s = await PauseScenario.CreateAsync();
        var workflow = await s.WorkflowAsync("Reply drafts", await s.ToolAsync("Chatty"));
        await using (var db = await s.Test.DbAsync())
        {
            var row = await db.Workflows.FindAsync(workflow);
            row!.Status = WorkflowStatus.Draft;
            await db.SaveChangesAsync();
        }

        await s.Test.Approvals.SubmitAsync(s.Maya, workflow, (await s.Test.Workflows.GetAsync(workflow))!.Version);

        foreach (var officer in new[] { s.Cora, s.Colin })
        {
            Assert.Contains(await s.Test.Notifications.LatestAsync(officer),
                n => n.Kind == NotificationKind.AwaitingApproval && n.Title == "“Reply drafts” awaits your approval" && n.Link == $"/workflows/{workflow}");
        }
        Assert.DoesNotContain(await s.Test.Notifications.LatestAsync(s.Maya), n => n.Kind == NotificationKind.AwaitingApproval);
        var coras = await s.Test.Notifications.LatestAsync(s.Cora);
        await s.Test.Notifications.MarkReadAsync(s.Sue, coras[0].Id); // not Sue's: nothing happens
        Assert.False((await s.Test.Notifications.LatestAsync(s.Cora))[0].IsRead);
        await s.Test.Notifications.MarkReadAsync(s.Cora, null);
        Assert.Equal(0, await s.Test.Notifications.UnreadCountAsync(s.Cora));
    }
}
