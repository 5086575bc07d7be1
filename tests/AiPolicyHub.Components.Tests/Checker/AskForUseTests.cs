using System.Security.Claims;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Check;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Components.Tests.Checker;

public sealed class AskForUseTests : ComponentTest
{
    private TestServices core = null!;
    private int support, chatty;

    public override async Task InitializeAsync()
    {
        core = await UseCoreAsync();
        support = await core.AddDepartmentAsync("Support");
        var cora = await core.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var sue = await core.CreateUserAsync("Sue Staff", Roles.Staff);
        Auth.SetAuthorized("Sue Staff");
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(sue)), new Claim(ClaimTypes.Name, "Sue Staff"));
        var tool = await core.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "Chatty", Vendor = "Acme", MaxClassificationId = await core.ClassificationIdAsync("Internal"), ApprovalStatus = ToolApprovalStatus.Approved,
        });
        chatty = tool.Id;
    }

    private async Task<IRenderedComponent<UsageAnswerView>> AnswerAsync(string level)
    {
        var question = new UsageQuestion(chatty, UsageTask.Summarising, await core.ClassificationIdAsync(level), DataCategories.None, Audience.Internal, false);
        var advice = (await core.Advisor.AskAsync(question)).Value!;
        return Render<UsageAnswerView>(p => p.Add(a => a.Advice, advice).Add(a => a.TaskText, "summarising text").Add(a => a.Question, question));
    }

    [Fact]
    public async Task A_refused_answer_offers_to_ask_and_the_request_goes_out_only_with_the_persons_own_words()
    {
        var view = await AnswerAsync("Confidential");
        Assert.Equal("Not allowed", view.Find("h2").TextContent);

        view.FindAll("button").Single(b => b.TextContent.Contains("Ask for this use")).Click();
        view.WaitForElement("#ask-reason");
        view.Find("#ask-department").Change(support.ToString());
        view.Find("form[aria-label='Ask for this use']").Submit();
        view.WaitForAssertion(() => Assert.Contains("Say in your own words why you need this", view.Find(".form-error").TextContent));

        view.Find("#ask-reason").Change("Supplier contracts pile up; a summary saves me a day.");
        view.Find("form[aria-label='Ask for this use']").Submit();

        var sent = view.WaitForElement("[data-testid=ask-sent]");
        await using var db = await core.DbAsync();
        var request = await db.UseRequests.SingleAsync();
        Assert.Equal(("Supplier contracts pile up; a summary saves me a day.", support), (request.Reason, request.DepartmentId));
        Assert.Equal($"/requests/{request.Id}", sent.QuerySelector("a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_allowed_answer_offers_nothing_to_ask()
    {
        var view = await AnswerAsync("Public");

        Assert.Equal("Yes, allowed", view.Find("h2").TextContent);
        Assert.Empty(view.FindAll("[data-testid=ask-for-use]"));
    }
}
