using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Web.Components.Pages.Check;

namespace AiPolicyHub.Components.Tests.Checker;

public sealed class UsageAnswerViewTests : ComponentTest
{
    private static readonly RuleTool Chatbot = new("Chatbot", ToolApprovalStatus.Approved, 2, "Internal", VendorTraining.No, true, ToolCapabilities.Text);

    private IRenderedComponent<UsageAnswerView> Show(UsageAdvice advice) =>
        Render<UsageAnswerView>(p => p.Add(a => a.Advice, advice).Add(a => a.TaskText, "answering customers").Add(a => a.ShareLink, "/check?tool=1"));

    [Fact]
    public void An_answer_with_conditions_shows_the_decision_why_and_what_to_do()
    {
        var answer = new UsageAnswer(Verdict.AllowedWithConditions, ["The output is customer-facing, but no one reviews it."],
            ["A person reviews the output before it is used or sent."], []);

        var view = Show(new UsageAdvice("Chatbot", answer, [], []));

        Assert.Equal("Allowed, with conditions", view.Find("h2").TextContent);
        Assert.Contains("Using Chatbot for answering customers.", view.Find("p").TextContent);
        Assert.Equal("The output is customer-facing, but no one reviews it.", view.Find("ul.reasons li").TextContent);
        Assert.Equal("A person reviews the output before it is used or sent.", view.Find("ul.conditions li").TextContent);
        Assert.Equal("/check?tool=1", view.Find("[data-testid=share-link]").GetAttribute("href"));
    }

    [Fact]
    public void A_plain_allowed_answer_lists_no_why()
    {
        var view = Show(new UsageAdvice("Chatbot", new UsageAnswer(Verdict.Allowed, [], [], []), [], []));

        Assert.Equal("Yes, allowed", view.Find("h2").TextContent);
        Assert.DoesNotContain(view.FindAll("h3"), h => h.TextContent == "Why");
        Assert.Contains(UsageChecker.NothingRestricts, view.Markup);
    }

    [Fact]
    public void A_high_risk_use_points_to_the_approved_workflow_and_asks_nothing_of_the_person()
    {
        var answer = new UsageAnswer(Verdict.ApprovedWorkflowOnly, ["This is a high-risk use of AI: it makes or supports decisions about hiring."], [], []);
        var covering = new CoveringWorkflow(7, "Applicant screening", "HR", ["CV screener"], HumanOversight.TwoPersonApproval);

        var view = Show(new UsageAdvice("Chatbot", answer, [], [covering]));

        Assert.Equal("Not on your own — only in an approved workflow", view.Find("h2").TextContent);
        Assert.Empty(view.FindAll("ul.conditions"));
        Assert.Equal("/workflows/7", view.Find("ul.covering a").GetAttribute("href"));
    }

    [Fact]
    public void A_high_risk_use_nobody_covers_yet_says_to_ask_for_a_workflow()
    {
        var answer = new UsageAnswer(Verdict.ApprovedWorkflowOnly, ["High-risk."], [], []);

        var view = Show(new UsageAdvice("Chatbot", answer, [], [], NextStep: UsageAdvisor.AskForAWorkflow));

        Assert.Equal(UsageAdvisor.AskForAWorkflow, view.Find(".next-step").TextContent);
    }

    [Fact]
    public void Alternatives_are_listed_with_their_own_verdict()
    {
        var answer = new UsageAnswer(Verdict.NotAllowed, ["Confidential data goes to “Chatbot” (cleared up to Internal)."], [], []);
        var alternative = new UsageAlternative(Chatbot with { Name = "SafeGPT" }, new UsageAnswer(Verdict.Allowed, [], [], []));

        var view = Show(new UsageAdvice("Chatbot", answer, [alternative], []));

        Assert.Equal("SafeGPT — allowed.", view.Find("ul.alternatives li").TextContent);
    }
}
