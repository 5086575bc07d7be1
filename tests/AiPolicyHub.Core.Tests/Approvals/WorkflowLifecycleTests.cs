using AiPolicyHub.Core.Approvals;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.Tests.Approvals;

public class WorkflowLifecycleTests
{
    private static readonly Actor Manager = ActorWith(Roles.Manager, 1);
    private static readonly Actor Officer = ActorWith(Roles.ComplianceOfficer);

    private static Actor ActorWith(string role, params int[] departments) =>
        new("actor-id", "Actor", new HashSet<string> { role }, departments.ToHashSet());

    [Theory]
    [InlineData(null, WorkflowStatus.Draft)]
    [InlineData(null, WorkflowStatus.Submitted)]
    [InlineData(WorkflowStatus.Draft, WorkflowStatus.Submitted)]
    [InlineData(WorkflowStatus.Submitted, WorkflowStatus.Draft)]
    [InlineData(WorkflowStatus.Approved, WorkflowStatus.Retired)]
    [InlineData(WorkflowStatus.Paused, WorkflowStatus.Retired)]
    [InlineData(WorkflowStatus.Retired, WorkflowStatus.Draft)]
    [InlineData(WorkflowStatus.Retired, WorkflowStatus.Submitted)]
    [InlineData(WorkflowStatus.Approved, WorkflowStatus.Approved)]
    public void A_manager_drafts_submits_retires_and_brings_back(WorkflowStatus? from, WorkflowStatus to) =>
        Assert.Null(WorkflowLifecycle.Refusal(Manager, from, to, pauseInForce: null));

    [Theory]
    [InlineData(null)]
    [InlineData(WorkflowStatus.Submitted)]
    [InlineData(WorkflowStatus.Rejected)]
    public void Only_compliance_approves(WorkflowStatus? from)
    {
        Assert.NotNull(WorkflowLifecycle.Refusal(Manager, from, WorkflowStatus.Approved, null));
        Assert.Equal(from is null, WorkflowLifecycle.Refusal(Officer, from, WorkflowStatus.Approved, null) is not null);
    }

    [Fact]
    public void Nobody_creates_a_workflow_as_approved() =>
        Assert.Equal(SeparationOfDuties.CreatingAsApproved, WorkflowLifecycle.Refusal(Officer, null, WorkflowStatus.Approved, null));

    [Theory]
    [InlineData(null)]
    [InlineData(WorkflowStatus.Approved)]
    [InlineData(WorkflowStatus.Submitted)]
    public void Nobody_pauses_through_the_status_field_but_with_the_pause_button(WorkflowStatus? from)
    {
        foreach (var actor in new[] { Manager, Officer, ActorWith(Roles.Administrator) })
        {
            Assert.Equal("Pause a workflow with its Pause button, which records the reason and the restart conditions.",
                WorkflowLifecycle.Refusal(actor, from, WorkflowStatus.Paused, null));
        }
    }

    [Fact]
    public void A_rejection_takes_the_reject_button_and_its_comment() =>
        Assert.StartsWith("Reject a workflow with the Reject button", WorkflowLifecycle.Refusal(Officer, WorkflowStatus.Submitted, WorkflowStatus.Rejected, null));

    [Theory]
    [InlineData(WorkflowStatus.Approved)]
    [InlineData(WorkflowStatus.Draft)]
    [InlineData(WorkflowStatus.Submitted)]
    public void A_paused_workflow_restarts_only_through_its_checklist(WorkflowStatus to)
    {
        Assert.NotNull(WorkflowLifecycle.Refusal(Manager, WorkflowStatus.Paused, to, "Wrong refunds"));
        Assert.NotNull(WorkflowLifecycle.Refusal(Officer, WorkflowStatus.Paused, to, "Wrong refunds"));
    }

    [Theory]
    [InlineData(WorkflowStatus.Approved)]
    [InlineData(WorkflowStatus.Draft)]
    [InlineData(WorkflowStatus.Submitted)]
    public void A_retired_workflow_held_by_a_pause_comes_back_only_as_paused(WorkflowStatus to)
    {
        Assert.Contains("held by a pause in force (“Wrong refunds”)", WorkflowLifecycle.Refusal(Officer, WorkflowStatus.Retired, to, "Wrong refunds"));
        Assert.Null(WorkflowLifecycle.Refusal(Manager, WorkflowStatus.Retired, WorkflowStatus.Paused, "Wrong refunds"));
    }

    [Fact]
    public void A_retired_workflow_is_approved_again_only_after_it_is_submitted() =>
        Assert.Equal("A retired workflow comes back as a draft or submitted for approval, and is approved again.",
            WorkflowLifecycle.Refusal(Officer, WorkflowStatus.Retired, WorkflowStatus.Approved, null));

    [Fact]
    public void Every_listed_transition_leads_somewhere_else_and_none_leads_into_rejected_or_out_of_paused_but_to_retired()
    {
        Assert.All(WorkflowLifecycle.Transitions.Keys, t =>
        {
            Assert.NotEqual(t.From, t.To);
            Assert.NotEqual(WorkflowStatus.Rejected, t.To);
            if (t.From == WorkflowStatus.Paused)
            {
                Assert.Equal(WorkflowStatus.Retired, t.To);
            }
        });
    }
}
