using AiPolicyHub.Core;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Reviews;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Attestations;
using AiPolicyHub.Web.Components.Pages.Reviews;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Records;

/// <summary>The review form, and an owner's attestations, over Core's services and a test database.</summary>
public sealed class ReviewPagesTests : RecordsTest
{
    [Fact]
    public async Task The_review_form_asks_each_item_of_the_tiers_checklist_and_records_the_answers()
    {
        var marketing = await Core.AddDepartmentAsync("Marketing");
        var workflow = (await AddWorkflowsAsync(marketing, 1))[0];
        await SignInNewAsync("Mia Manager", Roles.Manager, marketing);
        var items = (await Core.Provider.GetRequiredService<ReviewChecklists>().ForTierAsync(ReviewChecklists.TierWhenUnassessed)).Items;

        var cut = Render<RecordReviewPage>(p => p.Add(x => x.Id, workflow));
        cut.WaitForAssertion(() => Assert.Equal(items.Count, cut.FindAll("[data-testid=review-item]").Count));
        Assert.Equal(items.Select((item, i) => $"{i + 1}. {item}"), cut.FindAll("[data-testid=review-item] legend").Select(l => l.TextContent.Trim()));
        Assert.Equal(items.Count * 3 + 3, cut.FindAll("label > input[type=radio]").Count); // every radio inside its label

        cut.Find("form").Submit();
        cut.WaitForAssertion(() => Assert.Contains($"{items.Count} not answered", cut.Markup));
        for (var i = 0; i < items.Count; i++)
        {
            cut.Find($"#item-{i}-{(i == 0 ? "NotApplicable" : "Yes")}").Change(true);
        }
        cut.Find("form").Submit();

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => Assert.Matches("/reviews/\\d+$", navigation.Uri));
        await using var db = await Core.DbAsync();
        var review = await db.WorkflowReviews.Include(r => r.Answers).SingleAsync();
        Assert.Equal(workflow, review.WorkflowId);
        Assert.Equal([ChecklistAnswer.NotApplicable, .. Enumerable.Repeat(ChecklistAnswer.Yes, items.Count - 1)], review.Answers.OrderBy(a => a.Position).Select(a => a.Answer));
    }

    [Fact]
    public async Task An_owner_sees_the_record_to_confirm_and_confirms_it_as_stored()
    {
        var marketing = await Core.AddDepartmentAsync("Marketing");
        var workflow = (await AddWorkflowsAsync(marketing, 1, "Newsletter ideas"))[0];
        var owner = await SignInNewAsync("Olly Owner", Roles.Staff);
        await using (var db = await Core.DbAsync())
        {
            await db.Workflows.Where(w => w.Id == workflow).ExecuteUpdateAsync(s => s.SetProperty(w => w.OwnerId, TestServices.UserId(owner)));
        }
        var officer = await Core.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var started = await Core.Provider.GetRequiredService<AttestationCampaigns>().StartAsync(officer,
            new CampaignForm { Title = "Winter check", DueOn = DateOnly.FromDateTime(Core.Clock.GetUtcNow().UtcDateTime).AddDays(14) });
        Assert.Equal(SaveStatus.Saved, started.Status);

        var cut = Render<MyAttestationsPage>();
        cut.WaitForAssertion(() => Assert.Equal("Not answered", cut.Find("[data-testid=attestation-answer]").TextContent));
        Assert.Contains("Newsletter ideas", cut.Find("[data-testid=attestation] h2").TextContent);
        cut.FindAll("button").Single(b => b.TextContent.Contains("Still as stored")).Click();

        cut.WaitForAssertion(() => Assert.Equal("Confirmed as stored", cut.Find("[data-testid=attestation-answer]").TextContent));
    }
}

/// <summary>The administrator's review checklists page.</summary>
public sealed class ReviewChecklistsPageTests : RecordsTest
{
    [Fact]
    public async Task Each_tier_has_a_labelled_list_and_saving_one_keeps_its_items()
    {
        await SignInNewAsync("Ada Admin", Roles.Administrator);

        var cut = Render<ReviewChecklistsPage>();
        cut.WaitForAssertion(() => Assert.Equal(4, cut.FindAll("textarea").Count));
        Assert.All(cut.FindAll("textarea"), t => Assert.Single(cut.FindAll($"label[for={t.Id}]")));
        cut.Find("#checklist-high").Change("Outputs sampled\nVendor terms read");
        cut.FindAll("form").Single(f => f.GetAttribute("aria-label") == "High risk checklist").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Changed by Ada Admin", cut.Markup));
        var high = await Core.Provider.GetRequiredService<ReviewChecklists>().ForTierAsync(AiPolicyHub.Core.Risk.RiskTier.High);
        Assert.Equal(["Outputs sampled", "Vendor terms read"], high.Items);
    }
}
