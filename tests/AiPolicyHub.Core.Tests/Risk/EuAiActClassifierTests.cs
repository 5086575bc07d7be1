using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Risk;

public class EuAiActClassifierTests
{
    private static RuleSubject Workflow(string name, string purpose, Audience audience = Audience.Internal, Autonomy autonomy = Autonomy.Draft,
        PeopleImpact people = PeopleImpact.None, ToolCapabilities capabilities = ToolCapabilities.Text) =>
        Compliant() with
        {
            Name = name, Purpose = purpose, Audience = audience, Autonomy = autonomy, AffectsPeople = people,
            Tools = [Assistant() with { Capabilities = capabilities }],
        };

    public static TheoryData<RuleSubject, EuAiActCategory, string> Representative => new()
    {
        { Workflow("CV screening", "Ranks incoming CVs for open roles.", autonomy: Autonomy.RecommendDecision, people: PeopleImpact.Hiring), EuAiActCategory.HighRisk, "Annex III point 4" },
        { Workflow("Applicant shortlist", "Suggests which applicants to invite.", autonomy: Autonomy.RecommendDecision), EuAiActCategory.HighRisk, "Annex III point 4" },
        { Workflow("Credit scoring", "Scores consumer loan applications.", autonomy: Autonomy.RecommendDecision, people: PeopleImpact.Lending), EuAiActCategory.HighRisk, "Annex III point 5(b)" },
        { Workflow("Health insurance pricing", "Proposes premiums.", people: PeopleImpact.Insurance), EuAiActCategory.HighRisk, "Annex III point 5(c)" },
        { Workflow("Exam marking", "Marks written examination answers.", autonomy: Autonomy.RecommendDecision), EuAiActCategory.HighRisk, "Annex III point 3" },
        { Workflow("Customer chatbot", "Answers customer questions on the website.", Audience.CustomerFacing, Autonomy.ActAutomatically), EuAiActCategory.Transparency, "Art. 50(1)" },
        { Workflow("Help-centre assistant", "A chatbot for common questions.", Audience.Public, Autonomy.Draft), EuAiActCategory.Transparency, "Art. 50(1)" },
        { Workflow("Ad images", "Generates pictures for online ads.", Audience.Public, capabilities: ToolCapabilities.Image), EuAiActCategory.Transparency, "Art. 50(2)" },
        { Workflow("Citizen ranking", "Social scoring of residents by their behaviour.", autonomy: Autonomy.ActAutomatically), EuAiActCategory.Prohibited, "Art. 5(1)(c)" },
        { Workflow("Mood monitor", "Emotion recognition of employees in video calls.", autonomy: Autonomy.ActAutomatically), EuAiActCategory.Prohibited, "Art. 5(1)(f)" },
        { Workflow("Spam filter", "Moves spam out of the shared inbox.", autonomy: Autonomy.ActAutomatically), EuAiActCategory.Minimal, "Art. 95" },
        { Workflow("Meeting summaries", "Summarises internal meetings for attendees."), EuAiActCategory.Minimal, "Art. 4" },
        { Workflow("Ticket triage and routing", "Routes support tickets to the right queue.", autonomy: Autonomy.ActAutomatically), EuAiActCategory.Minimal, "Art. 95" },
    };

    [Theory]
    [MemberData(nameof(Representative))]
    public void Representative_workflows_get_the_expected_category_with_the_article(RuleSubject workflow, EuAiActCategory expected, string article)
    {
        var suggestion = EuAiActClassifier.Suggest(workflow);

        Assert.Equal(expected, suggestion.Category);
        Assert.Contains(article, suggestion.Articles);
        Assert.False(string.IsNullOrWhiteSpace(suggestion.Reason));
    }

    [Fact]
    public void A_preparatory_high_risk_use_mentions_the_article_6_3_exception()
    {
        var drafting = Workflow("Interview questions", "Drafts interview questions for hiring managers.", people: PeopleImpact.Hiring);

        Assert.Contains("Art. 6(3)", EuAiActClassifier.Suggest(drafting).Reason);
    }
}
