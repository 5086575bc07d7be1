using AiPolicyHub.Core;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Web.Components.Shared;

namespace AiPolicyHub.Components.Tests.WorkflowEditing;

public sealed class WorkflowEditTests : WorkflowFormTest
{
    [Fact]
    public void A_new_workflow_gets_its_next_review_date_from_the_cadence()
    {
        SignIn(Maya);
        var cut = RenderPage();

        Assert.Equal(Today.AddMonths(12).ToString("yyyy-MM-dd"), Field(cut, "Next review date").GetAttribute("value"));
        Assert.Contains("Filled in from the review cadence", FieldBox(cut, "Next review date").TextContent);
    }

    [Fact]
    public void Changing_the_cadence_moves_a_review_date_the_user_has_not_set()
    {
        SignIn(Maya);
        var cut = RenderPage();

        Field(cut, "Review every (months)").Input("3");

        cut.WaitForAssertion(() => Assert.Equal(Today.AddMonths(3).ToString("yyyy-MM-dd"), Field(cut, "Next review date").GetAttribute("value")));
    }

    [Fact]
    public void A_review_date_typed_by_hand_stays_when_the_cadence_changes()
    {
        SignIn(Maya);
        var cut = RenderPage();

        Field(cut, "Next review date").Change("2027-02-15");
        Field(cut, "Review every (months)").Input("3");

        cut.WaitForAssertion(() => Assert.Equal("2027-02-15", Field(cut, "Next review date").GetAttribute("value")));
    }

    [Fact]
    public void A_refused_save_shows_each_message_next_to_its_field()
    {
        SignIn(Maya);
        var cut = RenderPage();

        cut.Find("form.edit-form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Enter a name.", FieldBox(cut, "Name").TextContent), TimeSpan.FromSeconds(5));
        Assert.Equal("true", Field(cut, "Name").GetAttribute("aria-invalid"));
        Assert.Contains("Not saved", cut.Find("[role=alert]").TextContent);
        Assert.DoesNotContain("Enter a name.", FieldBox(cut, "Approving role").TextContent);
    }

    [Fact]
    public void There_is_one_way_to_submit_the_form_and_it_saves_a_draft()
    {
        SignIn(Maya);
        var cut = RenderPage();

        var submit = Assert.Single(cut.FindAll("form.edit-form button[type=submit]"));
        Assert.Equal("Save", submit.TextContent.Trim());
        // Asking for approval is the approval panel's "Submit for approval", not a status chosen in the form.
        Assert.DoesNotContain(cut.FindComponents<EnumSelect<WorkflowStatus>>(), s => s.Instance.Options?.Contains(WorkflowStatus.Submitted) == true);
        Assert.Contains("saved as a draft", cut.Find(".form-hint").TextContent);
    }

    [Fact]
    public void The_risk_tier_is_shown_in_the_risk_panel_and_in_the_summary_bar()
    {
        SignIn(Maya);
        var cut = RenderPage();

        var tier = cut.Find("[data-testid=risk-tier]").TextContent.Trim();
        Assert.Matches("^(Low|Medium|High|Critical) risk$", tier);
        Assert.Contains(tier, cut.Find("[data-testid=wf-summary-bar]").TextContent);
        Assert.Contains("no rule broken", cut.Find("[data-testid=wf-summary-bar]").TextContent);
    }

    [Fact]
    public async Task A_manager_sees_no_approve_button_on_a_submitted_workflow_and_a_compliance_officer_does()
    {
        var id = await CreateWorkflowAsync();
        Assert.Equal(SaveStatus.Saved, (await Core.Approvals.SubmitAsync(Maya, id, (await Core.Workflows.GetAsync(id))!.Version)).Status);

        SignIn(Maya);
        var buttons = RenderPage(id).FindAll(".approval-panel button").Select(b => b.TextContent.Trim()).ToList();
        Assert.DoesNotContain("Approve", buttons);
        Assert.DoesNotContain("Reject", buttons);
        Assert.DoesNotContain("Submit for approval", buttons);
    }

    [Fact]
    public async Task A_compliance_officer_sees_approve_and_reject_on_a_submitted_workflow()
    {
        var id = await CreateWorkflowAsync();
        Assert.Equal(SaveStatus.Saved, (await Core.Approvals.SubmitAsync(Maya, id, (await Core.Workflows.GetAsync(id))!.Version)).Status);

        SignIn(Olga);
        var buttons = RenderPage(id).FindAll(".approval-panel button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("Approve", buttons);
        Assert.Contains("Reject", buttons);
    }

    [Fact]
    public async Task A_manager_submits_a_draft_from_the_approval_panel()
    {
        var id = await CreateWorkflowAsync();

        SignIn(Maya);
        var buttons = RenderPage(id).FindAll(".approval-panel button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains("Submit for approval", buttons);
        Assert.DoesNotContain("Approve", buttons);
    }

    [Fact]
    public async Task The_grant_form_offers_only_the_rules_the_workflow_breaks()
    {
        var id = await CreateWorkflowAsync(Confidential);

        SignIn(Cora);
        var cut = RenderPage(id);

        var offered = cut.FindComponent<ExceptionsPanel>().Instance.Rules.Select(r => r.Id).ToList();
        var shown = cut.FindAll(".findings-panel li[data-rule]").Select(li => li.GetAttribute("data-rule")).ToList();
        Assert.Contains("data-above-tool-limit", offered);
        Assert.Equal(shown.Order(), offered.Order());
        Assert.True(offered.Count < RuleEngine.Default.AllRules.Count);
    }

    [Fact]
    public async Task A_compliance_officer_following_a_findings_grant_link_finds_its_rule_chosen()
    {
        var id = await CreateWorkflowAsync(Confidential);

        SignIn(Cora);
        var cut = RenderPage(id, grant: "data-above-tool-limit");

        var title = RuleEngine.Default.AllRules.Single(r => r.Id == "data-above-tool-limit").Title;
        cut.WaitForAssertion(() => Assert.Equal(title, cut.Find("form.exception-form .mud-select input").GetAttribute("value")));
    }

    [Fact]
    public async Task A_manager_following_a_grant_address_gets_no_grant_form()
    {
        var id = await CreateWorkflowAsync(Confidential);

        SignIn(Maya);
        var cut = RenderPage(id, grant: "data-above-tool-limit");

        Assert.Empty(cut.FindAll("form.exception-form"));
        Assert.Contains("Only a compliance officer or an administrator can grant an exception", cut.Find("#exceptions").TextContent);
    }

    [Fact]
    public void A_new_workflow_starts_in_the_managers_department_with_her_as_owner()
    {
        SignIn(Maya);
        var cut = RenderPage();

        cut.WaitForAssertion(() => Assert.Equal("Maya Manager", Field(cut, "Owner").GetAttribute("value")));
        Assert.Equal("Board office", Field(cut, "Department").GetAttribute("value"));
    }
}
