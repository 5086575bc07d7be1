using AiPolicyHub.Core.Risk;

namespace AiPolicyHub.Core.Obligations;

/// <summary>Why a fundamental rights impact assessment is due for a workflow, or why not.</summary>
public sealed record FriaVerdict(bool Required, string Reason);

/// <summary>
/// When Art. 27 asks a deployer for a fundamental rights impact assessment (FRIA) before first use: the system is
/// high-risk under Art. 6(2) (an Annex III area, except point 2, critical infrastructure), and the deployer is a body
/// governed by public law, a private entity providing public services, or uses it for credit scoring (Annex III 5(b))
/// or life and health insurance pricing (5(c)). A category compliance decided other than high-risk (the Art. 6(3)
/// exception) means none is due.
/// </summary>
public static class FriaRequirement
{
    public static FriaVerdict Of(OperatorRole role, HighRiskArea area, EuAiActCategory? decidedCategory, bool organisationIsPublicBody,
        bool providesPublicService)
    {
        if (role != OperatorRole.Deployer)
        {
            return new(false, "Art. 27 asks deployers for it; this workflow is recorded with another role.");
        }
        if (!area.IsAnnexIII())
        {
            return new(false, "Art. 27 concerns the high-risk uses of Annex III; this workflow is not recorded in one.");
        }
        if (area == HighRiskArea.CriticalInfrastructure)
        {
            return new(false, "Art. 27 leaves out critical infrastructure (Annex III point 2).");
        }
        if (decidedCategory is { } decided && decided != EuAiActCategory.HighRisk)
        {
            return new(false, "Compliance decided it is not high-risk, so Art. 27 does not apply.");
        }
        if (area is HighRiskArea.CreditScoring or HighRiskArea.LifeHealthInsurance)
        {
            return new(true, area == HighRiskArea.CreditScoring
                ? "Deployers that score creditworthiness (Annex III 5(b)) assess the impact on fundamental rights before first use."
                : "Deployers that price life or health insurance (Annex III 5(c)) assess the impact on fundamental rights before first use.");
        }
        if (organisationIsPublicBody)
        {
            return new(true, "The organisation is a body governed by public law using a high-risk system: Art. 27 applies.");
        }
        if (providesPublicService)
        {
            return new(true, "This workflow provides a public service with a high-risk system: Art. 27 applies.");
        }
        return new(false, "Only public bodies, providers of public services, credit scoring and life or health insurance pricing need one.");
    }
}
