using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using AiPolicyHub.Core.Risk;

namespace AiPolicyHub.Core.Tests.Obligations;

public sealed class WorkflowObligationsTests
{
    private static readonly ObligationTable Table = ObligationTable.BuiltIn;

    private static IEnumerable<string> InForce(ObligationFacts facts, DateOnly day) => WorkflowObligations.For(facts, Table, day).InForce.Select(o => o.Obligation.Code);
    private static IEnumerable<string> Coming(ObligationFacts facts, DateOnly day) => WorkflowObligations.For(facts, Table, day).Coming.Select(o => o.Obligation.Code);

    [Fact]
    public void A_customer_chat_deployers_transparency_duty_is_coming_until_2_August_2026_and_in_force_from_that_day()
    {
        var facts = ObligationFacts.Of(OperatorRole.Deployer, HighRiskArea.NotListed, null, EuAiActCategory.Minimal, Audience.CustomerFacing, friaRequired: false);

        Assert.Equal(["LITERACY"], InForce(facts, new DateOnly(2026, 8, 1)));
        Assert.Equal(["T-DEPLOYER"], Coming(facts, new DateOnly(2026, 8, 1)));
        Assert.Equal(new DateOnly(2026, 8, 2), WorkflowObligations.For(facts, Table, new DateOnly(2026, 8, 1)).Coming[0].Obligation.AppliesFrom);

        Assert.Equal(["LITERACY", "T-DEPLOYER"], InForce(facts, new DateOnly(2026, 8, 2)));
        Assert.Empty(Coming(facts, new DateOnly(2026, 8, 2)));
    }

    [Fact]
    public void A_credit_scoring_deployers_Annex_III_duties_and_FRIA_start_on_2_December_2027()
    {
        var facts = ObligationFacts.Of(OperatorRole.Deployer, HighRiskArea.CreditScoring, null, EuAiActCategory.HighRisk, Audience.Internal, friaRequired: true);

        var dayBefore = WorkflowObligations.For(facts, Table, new DateOnly(2027, 12, 1));
        Assert.Equal(["LITERACY"], dayBefore.InForce.Select(o => o.Obligation.Code));
        Assert.Contains(dayBefore.Coming, o => o.Obligation.Code == "D-FRIA" && o.Obligation.AppliesFrom == new DateOnly(2027, 12, 2));
        Assert.Contains(dayBefore.Coming, o => o.Obligation.Code == "D-MONITOR" && o.Source!.Id == "digital-omnibus-ai");

        var onTheDay = WorkflowObligations.For(facts, Table, new DateOnly(2027, 12, 2));
        Assert.Contains(onTheDay.InForce, o => o.Obligation.Code == "D-FRIA");
        Assert.Contains(onTheDay.InForce, o => o.Obligation.Code == "D-MONITOR");
        Assert.DoesNotContain(onTheDay.InForce, o => o.Obligation.Roles.Contains(OperatorRole.Deployer) is false);
        Assert.Empty(onTheDay.Coming);
    }

    [Fact]
    public void Obligations_follow_the_role_a_provider_of_the_same_system_gets_the_providers_articles()
    {
        var provider = ObligationFacts.Of(OperatorRole.Provider, HighRiskArea.Employment, null, EuAiActCategory.HighRisk, Audience.Internal, false);
        var importer = ObligationFacts.Of(OperatorRole.Importer, HighRiskArea.Employment, null, EuAiActCategory.HighRisk, Audience.Internal, false);
        var day = new DateOnly(2028, 1, 1);

        Assert.Equal(["LITERACY", "P-REQUIREMENTS", "P-CONFORMITY", "P-REGISTER", "P-POST-MARKET", "P-SERIOUS-INCIDENTS"], InForce(provider, day));
        Assert.Equal(["I-CHECKS"], InForce(importer, day));
    }

    [Fact]
    public void Annex_I_products_come_on_2_August_2028_and_a_prohibited_practice_is_forbidden_since_2_February_2025()
    {
        var product = ObligationFacts.Of(OperatorRole.Deployer, HighRiskArea.AnnexIProduct, null, EuAiActCategory.HighRisk, Audience.Internal, false);
        Assert.Equal(["D-ANNEX-I"], Coming(product, new DateOnly(2028, 8, 1)));
        Assert.Contains("D-ANNEX-I", InForce(product, new DateOnly(2028, 8, 2)));

        var prohibited = ObligationFacts.Of(OperatorRole.Deployer, HighRiskArea.NotListed, null, EuAiActCategory.Prohibited, Audience.Internal, false);
        Assert.DoesNotContain("PROHIBITED", InForce(prohibited, new DateOnly(2025, 2, 1)));
        Assert.Contains("PROHIBITED", InForce(prohibited, new DateOnly(2025, 2, 2)));
    }

    [Fact]
    public void A_decision_that_it_is_not_high_risk_takes_the_high_risk_duties_away()
    {
        var facts = ObligationFacts.Of(OperatorRole.Deployer, HighRiskArea.Employment, EuAiActCategory.Minimal, EuAiActCategory.HighRisk, Audience.Internal, false);
        Assert.Equal([ObligationScope.All], facts.Scopes);
    }
}
