using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Tests.Incidents;

namespace AiPolicyHub.Core.Tests.Notifications;

/// <summary>Compliance hears of what waits for its decision: proposed tools, proposed tool changes and pauses a trigger proposes.</summary>
public sealed class ComplianceNoticeTests
{
    [Fact]
    public async Task A_tool_a_manager_proposes_is_in_every_compliance_officers_bell_with_a_link_to_it()
    {
        await using var s = await PauseScenario.CreateAsync();

        var proposed = await s.Test.Tools.SaveAsync(s.Maya, null, new ToolForm { Name = "Note taker", Vendor = "Acme", MaxClassificationId = s.Internal });

        Assert.Equal(SaveStatus.Saved, proposed.Status);
        foreach (var officer in new[] { s.Cora, s.Colin })
        {
            Assert.Contains(await s.Test.Notifications.LatestAsync(officer), n => n.Kind == NotificationKind.AwaitingApproval
                && n.Title == "The AI tool “Note taker” is proposed: approve, restrict or prohibit it" && n.Link == $"/tools/{proposed.Id}");
        }
        Assert.DoesNotContain(await s.Test.Notifications.LatestAsync(s.Maya), n => n.Kind == NotificationKind.AwaitingApproval);
    }

    [Fact]
    public async Task A_change_a_manager_proposes_to_an_approved_tool_is_in_the_compliance_officers_bell()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Chatty");
        var form = (await s.Test.Tools.GetAsync(tool))!;
        var changed = form.Copy();
        changed.DataResidency = "US";

        var outcome = await s.Test.Tools.SaveAsync(s.Maya, tool, changed, form);

        Assert.Equal(SaveStatus.Proposed, outcome.Status);
        Assert.Contains(await s.Test.Notifications.LatestAsync(s.Cora), n => n.Kind == NotificationKind.AwaitingApproval
            && n.Title.EndsWith("proposes a change to the AI tool “Chatty”", StringComparison.Ordinal) && n.Link == $"/tools/{tool}");
    }

    [Fact]
    public async Task A_pause_a_risk_trigger_proposes_awaits_the_compliance_officers_sign_off_in_their_bell()
    {
        await using var s = await PauseScenario.CreateAsync();
        var tool = await s.ToolAsync("Other", t => t.TrainsOnOurData = VendorTraining.No);
        await s.WorkflowAsync("Summaries", tool);
        var train = (await s.Test.Tools.GetAsync(tool))!;
        train.TrainsOnOurData = VendorTraining.Yes;

        var saved = await s.Test.Tools.SaveAsync(s.Cora, tool, train);

        Assert.Contains("proposes to compliance to pause “Other”", saved.Message);
        foreach (var officer in new[] { s.Cora, s.Colin })
        {
            Assert.Contains(await s.Test.Notifications.LatestAsync(officer), n => n.Kind == NotificationKind.AwaitingApproval
                && n.Title == "A risk trigger proposes to pause “Other”: decide" && n.Link == "/pauses");
        }
        Assert.DoesNotContain(await s.Test.Notifications.LatestAsync(s.Sue), n => n.Kind == NotificationKind.AwaitingApproval);
    }
}
