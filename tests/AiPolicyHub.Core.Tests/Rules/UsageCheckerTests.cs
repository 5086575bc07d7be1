using System.ComponentModel;
using System.Reflection;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Rules;

public class UsageCheckerTests
{
    private static readonly UsageChecker Checker = new(RuleEngine.Default);

    private static UsageCheck Question(RuleTool? tool, UsageTask task = UsageTask.Summarising, int rank = 2,
        DataCategories data = DataCategories.None, Audience audience = Audience.Internal, bool decidesAboutPeople = false) =>
        new(tool, task, rank, data, audience, decidesAboutPeople);

    private static UsageAnswer Answer(UsageCheck check, UsageChecker? checker = null)
    {
        var result = (checker ?? Checker).Check(check, Today);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result.Value!;
    }

    [Fact]
    public void Summarising_internal_notes_with_an_approved_tool_is_allowed()
    {
        var answer = Answer(Question(Assistant()));

        Assert.Equal(Verdict.Allowed, answer.Verdict);
        Assert.Empty(answer.Conditions);
        Assert.Empty(answer.Findings);
    }

    [Fact]
    public void A_tool_that_is_not_listed_is_not_allowed()
    {
        var answer = Answer(Question(tool: null));

        Assert.Equal(Verdict.NotAllowed, answer.Verdict);
        Assert.StartsWith(UsageChecker.UnknownToolReason, Assert.Single(answer.Reasons));
    }

    [Fact]
    public void Answering_customers_is_allowed_if_a_person_reviews_each_answer()
    {
        var answer = Answer(Question(Assistant(), UsageTask.AnsweringCustomers));

        Assert.Equal(Verdict.AllowedWithConditions, answer.Verdict);
        Assert.Equal(["A person reviews the output before it is used or sent."], answer.Conditions);
        Assert.Contains(answer.Findings, f => f.RuleId == ExternalOutputReviewRule.RuleId);
        Assert.Contains("The output is customer-facing, but no one reviews it before it is released.", answer.Reasons);
    }

    [Fact]
    public void Data_more_sensitive_than_the_tool_may_receive_is_not_allowed_whatever_the_person_does()
    {
        var answer = Answer(Question(Assistant("ChatGPT", maxRank: 2), rank: 3));

        Assert.Equal(Verdict.NotAllowed, answer.Verdict);
        Assert.Equal([DataAboveToolLimitRule.RuleId], answer.Findings.Select(f => f.RuleId));
        Assert.Contains("Confidential data goes to “ChatGPT” (cleared up to Internal)", Assert.Single(answer.Reasons));
    }

    [Theory]
    [InlineData(ToolApprovalStatus.Prohibited)]
    [InlineData(ToolApprovalStatus.Proposed)]
    [InlineData(ToolApprovalStatus.Retired)]
    public void A_tool_that_is_not_approved_is_not_allowed(ToolApprovalStatus status) =>
        Assert.Equal(Verdict.NotAllowed, Answer(Question(Assistant() with { ApprovalStatus = status })).Verdict);

    [Fact]
    public void A_paused_tool_gets_the_paused_verdict()
    {
        var answer = Answer(Question(Assistant("Chatbot") with { IsPaused = true }));

        Assert.Equal(Verdict.Paused, answer.Verdict);
        Assert.Contains("“Chatbot”, which is paused", Assert.Single(answer.Reasons));
    }

    [Fact]
    public void A_paused_tool_that_is_also_prohibited_is_not_allowed() =>
        Assert.Equal(Verdict.NotAllowed,
            Answer(Question(Assistant() with { IsPaused = true, ApprovalStatus = ToolApprovalStatus.Prohibited })).Verdict);

    [Fact]
    public void A_tool_approved_with_restrictions_adds_the_restrictions_as_a_condition()
    {
        var answer = Answer(Question(Assistant("Notes") with { ApprovalStatus = ToolApprovalStatus.ApprovedWithRestrictions }));

        Assert.Equal(Verdict.AllowedWithConditions, answer.Verdict);
        Assert.Equal(["Follow the restrictions compliance recorded for “Notes”."], answer.Conditions);
    }

    [Fact]
    public void Writing_code_needs_code_review()
    {
        var answer = Answer(Question(Assistant(), UsageTask.WritingCode));

        Assert.Equal(Verdict.AllowedWithConditions, answer.Verdict);
        Assert.Equal(["A developer reviews the AI-written code before it is merged or run."], answer.Conditions);
    }

    [Fact]
    public void Screening_applicants_with_an_approved_tool_is_only_done_in_an_approved_workflow_whose_owner_carries_the_obligations()
    {
        var answer = Answer(Question(Assistant(), UsageTask.ScreeningApplicants, rank: 3));

        Assert.Equal(Verdict.ApprovedWorkflowOnly, answer.Verdict);
        Assert.Empty(answer.Conditions);
        Assert.StartsWith("This is a high-risk use of AI: it makes or supports decisions about", answer.Reasons[0]);
        Assert.Contains("only by following a workflow that compliance has approved", answer.Reasons[0]);
        Assert.Contains("tested for bias", answer.Reasons[1]);
    }

    [Theory]
    [InlineData(UsageTask.EvaluatingEmployees)]
    [InlineData(UsageTask.AssessingApplications)]
    public void Other_decisions_about_people_are_high_risk_too(UsageTask task) =>
        Assert.Equal(Verdict.ApprovedWorkflowOnly, Answer(Question(Assistant(), task, rank: 3)).Verdict);

    [Fact]
    public void A_task_described_in_words_the_eu_ai_act_lists_as_high_risk_is_only_done_in_an_approved_workflow()
    {
        var answer = Answer(Question(Assistant(), UsageTask.Other) with { TaskDescription = "Grading students' exam marking sheets" });

        Assert.Equal(Verdict.ApprovedWorkflowOnly, answer.Verdict);
        Assert.Contains("EU AI Act", answer.Reasons[0]);
    }

    [Fact]
    public void A_prohibited_practice_is_not_allowed_at_all() =>
        Assert.Equal(Verdict.NotAllowed,
            Answer(Question(Assistant(), UsageTask.Other) with { TaskDescription = "social scoring of our customers" }).Verdict);

    [Fact]
    public void Conditions_are_only_what_the_person_asking_can_do()
    {
        foreach (var task in Enum.GetValues<UsageTask>())
        {
            foreach (var people in new[] { false, true })
            {
                var answer = Answer(Question(Assistant(), task, rank: 2, decidesAboutPeople: people));
                Assert.DoesNotContain(answer.Conditions, c => c.Contains("bias", StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    [Fact]
    public void A_plain_allowed_answer_lists_no_reasons_or_findings()
    {
        var answer = Answer(Question(Assistant(), UsageTask.Brainstorming));

        Assert.Equal(Verdict.Allowed, answer.Verdict);
        Assert.Empty(answer.Reasons);
        Assert.Empty(answer.Findings);
    }

    [Fact]
    public void Screening_applicants_with_a_tool_that_trains_on_our_data_is_not_allowed()
    {
        var answer = Answer(Question(Assistant() with { TrainsOnOurData = VendorTraining.Yes }, UsageTask.ScreeningApplicants, rank: 3));

        Assert.Equal(Verdict.NotAllowed, answer.Verdict);
        Assert.Equal([PersonalDataVendorTermsRule.RuleId], answer.Findings.Select(f => f.RuleId));
    }

    [Fact]
    public void Saying_the_output_decides_about_people_makes_it_a_high_risk_use()
    {
        var answer = Answer(Question(Assistant(), UsageTask.AnalysingData, decidesAboutPeople: true));

        Assert.Equal(Verdict.ApprovedWorkflowOnly, answer.Verdict);
        Assert.Contains(answer.Reasons, r => r.Contains("decisions about people's rights or opportunities"));
    }

    [Fact]
    public void An_agent_acting_on_its_own_with_confidential_data_is_not_allowed()
    {
        var answer = Answer(Question(Assistant(), UsageTask.ActingAutonomously, rank: 3));

        Assert.Equal(Verdict.NotAllowed, answer.Verdict);
        Assert.Contains(answer.Findings, f => f.RuleId == AutomationWithSensitiveDataRule.RuleId);
    }

    [Fact]
    public void The_checker_asks_for_the_smallest_spot_check_the_rules_accept()
    {
        var checker = new UsageChecker(new RuleEngine(RuleSettings.Default
            .Disable(ExternalOutputReviewRule.RuleId)
            .WithParameter(SpotCheckRateRule.RuleId, SpotCheckRateRule.MinimumPercentKey, 15)));

        var answer = Answer(Question(Assistant(), UsageTask.AnsweringCustomers), checker);

        Assert.Equal(["A person checks at least 15 % of the outputs."], answer.Conditions);
    }

    [Fact]
    public void Public_data_cannot_contain_special_category_data()
    {
        var result = Checker.Check(Question(Assistant(), rank: 1, data: DataCategories.SpecialCategoryData | DataCategories.Credentials), Today);

        Assert.False(result.Succeeded);
        Assert.Equal(["Public data cannot include special-category personal data and credentials or secrets: choose a more sensitive level, or leave those out."],
            result.Errors);
    }

    [Fact]
    public void A_classification_the_organisation_does_not_have_is_refused() =>
        Assert.Equal(["Choose how sensitive the data is."], Checker.Check(Question(Assistant(), rank: 9), Today).Errors);

    [Fact]
    public void Approved_alternatives_are_those_that_would_be_allowed_best_first()
    {
        UsageCheck check = Question(Assistant("ChatGPT", maxRank: 1), UsageTask.WritingEmails, rank: 3);
        RuleTool[] tools =
        [
            Assistant("ChatGPT", maxRank: 1),
            Assistant("Zed writer") with { ApprovalStatus = ToolApprovalStatus.ApprovedWithRestrictions },
            Assistant("Copilot 365"),
            Assistant("Internal only", maxRank: 2),
            Assistant("Banned") with { ApprovalStatus = ToolApprovalStatus.Prohibited },
            Assistant("Proposed") with { ApprovalStatus = ToolApprovalStatus.Proposed },
            Assistant("Paused") with { IsPaused = true },
        ];

        Assert.Equal(Verdict.NotAllowed, Answer(check).Verdict);
        var alternatives = Checker.ApprovedAlternatives(check, tools, Today);

        Assert.Equal(["Copilot 365", "Zed writer"], alternatives.Select(a => a.Tool.Name));
        Assert.Equal([Verdict.Allowed, Verdict.AllowedWithConditions], alternatives.Select(a => a.Answer.Verdict));
    }

    [Fact]
    public void Alternatives_fit_the_task_a_translator_is_offered_for_translating_only()
    {
        var translator = Assistant("Translator") with { Capabilities = ToolCapabilities.Translation };
        var painter = Assistant("Painter") with { Capabilities = ToolCapabilities.Image };
        RuleTool[] tools = [translator, painter, Assistant("Writer")];

        string[] Offered(UsageTask task, Audience audience = Audience.Internal) =>
            [.. Checker.ApprovedAlternatives(Question(tool: null, task, audience: audience), tools, Today).Select(a => a.Tool.Name)];

        Assert.Equal(["Writer"], Offered(UsageTask.WritingEmails, Audience.CustomerFacing));
        Assert.Equal(["Translator", "Writer"], Offered(UsageTask.Translating));
        Assert.Equal(["Painter"], Offered(UsageTask.CreatingImages));
        Assert.Empty(Offered(UsageTask.ScreeningApplicants));
    }

    [Fact]
    public void Alternatives_for_a_tool_that_is_not_listed_are_every_approved_tool_that_fits() =>
        Assert.Equal(["Team assistant"],
            Checker.ApprovedAlternatives(Question(tool: null), [Assistant(), Assistant("Tiny", maxRank: 1)], Today).Select(a => a.Tool.Name));

    [Fact]
    public void Every_task_has_a_profile_and_a_description()
    {
        foreach (var task in Enum.GetValues<UsageTask>())
        {
            Assert.NotNull(UsageTaskProfile.Of(task));
            Assert.NotNull(typeof(UsageTask).GetField(task.ToString())!.GetCustomAttribute<DescriptionAttribute>());
        }
        Assert.True(Enum.GetValues<UsageTask>().Length >= 20);
    }
}
