using AiPolicyHub.Core.Obligations;
using AiPolicyHub.Core.Risk;

namespace AiPolicyHub.Core.Tests.Obligations;

public sealed class FriaRequirementTests
{
    private static readonly EuAiActCategory?[] Decisions = [null, .. Enum.GetValues<EuAiActCategory>().Cast<EuAiActCategory?>()];

    /// <summary>Art. 27(1), written out independently of the predicate: the oracle the exhaustive test compares with.</summary>
    private static bool Expected(OperatorRole role, HighRiskArea area, EuAiActCategory? decided, bool publicBody, bool publicService)
    {
        var annexIII = area is HighRiskArea.Biometrics or HighRiskArea.Education or HighRiskArea.Employment or HighRiskArea.PublicBenefits
            or HighRiskArea.CreditScoring or HighRiskArea.LifeHealthInsurance or HighRiskArea.EmergencyServices or HighRiskArea.LawEnforcement
            or HighRiskArea.Migration or HighRiskArea.Justice; // point 2, critical infrastructure, is left out by Art. 27
        var stillHighRisk = decided is null || decided == EuAiActCategory.HighRisk;
        var listedDeployer = publicBody || publicService || area is HighRiskArea.CreditScoring or HighRiskArea.LifeHealthInsurance;
        return role == OperatorRole.Deployer && annexIII && stillHighRisk && listedDeployer;
    }

    [Fact]
    public void A_FRIA_is_required_exactly_for_the_deployers_Article_27_lists_and_for_no_one_else()
    {
        var checkedCases = 0;
        foreach (var role in Enum.GetValues<OperatorRole>())
        foreach (var area in Enum.GetValues<HighRiskArea>())
        foreach (var decided in Decisions)
        foreach (var publicBody in new[] { false, true })
        foreach (var publicService in new[] { false, true })
        {
            var verdict = FriaRequirement.Of(role, area, decided, publicBody, publicService);
            Assert.True(Expected(role, area, decided, publicBody, publicService) == verdict.Required,
                $"{role}, {area}, decided {decided?.ToString() ?? "nothing"}, public body {publicBody}, public service {publicService}: {verdict.Reason}");
            Assert.False(string.IsNullOrWhiteSpace(verdict.Reason));
            checkedCases++;
        }
        Assert.Equal(4 * 13 * 5 * 2 * 2, checkedCases);
    }

    [Theory]
    [InlineData(HighRiskArea.CreditScoring)]
    [InlineData(HighRiskArea.LifeHealthInsurance)]
    public void A_private_deployer_scoring_credit_or_pricing_life_and_health_insurance_needs_one(HighRiskArea area) =>
        Assert.True(FriaRequirement.Of(OperatorRole.Deployer, area, null, organisationIsPublicBody: false, providesPublicService: false).Required);

    [Fact]
    public void A_private_employer_screening_candidates_needs_none_but_a_public_body_or_a_public_service_does()
    {
        Assert.False(FriaRequirement.Of(OperatorRole.Deployer, HighRiskArea.Employment, null, false, false).Required);
        Assert.True(FriaRequirement.Of(OperatorRole.Deployer, HighRiskArea.Employment, null, true, false).Required);
        Assert.True(FriaRequirement.Of(OperatorRole.Deployer, HighRiskArea.Employment, null, false, true).Required);
    }

    [Fact]
    public void Critical_infrastructure_annex_I_products_providers_and_a_decision_that_it_is_not_high_risk_need_none()
    {
        Assert.False(FriaRequirement.Of(OperatorRole.Deployer, HighRiskArea.CriticalInfrastructure, null, true, true).Required);
        Assert.False(FriaRequirement.Of(OperatorRole.Deployer, HighRiskArea.AnnexIProduct, null, true, true).Required);
        Assert.False(FriaRequirement.Of(OperatorRole.Provider, HighRiskArea.CreditScoring, null, true, true).Required);
        Assert.False(FriaRequirement.Of(OperatorRole.Deployer, HighRiskArea.CreditScoring, EuAiActCategory.Minimal, true, true).Required);
        Assert.True(FriaRequirement.Of(OperatorRole.Deployer, HighRiskArea.CreditScoring, EuAiActCategory.HighRisk, false, false).Required);
    }
}
