using System.ComponentModel;

namespace AiPolicyHub.Core.Obligations;

/// <summary>
/// The organisation's role for an AI system under the EU AI Act (Art. 3(3)–(7)). Stored as numbers; a workflow the
/// organisation merely uses is a deployer's, so that is 0 and every workflow recorded before the field starts there.
/// </summary>
public enum OperatorRole
{
    [Description("Deployer (we use it)")] Deployer = 0,
    [Description("Provider (we develop it or put our name on it)")] Provider = 1,
    [Description("Importer (we bring it into the EU)")] Importer = 2,
    [Description("Distributor (we pass it on)")] Distributor = 3,
}

/// <summary>
/// Where a workflow sits among the high-risk uses: a safety component of a product under the EU laws of Annex I, or one
/// of the Annex III areas (Art. 6). Numbered by Annex III point (5(b) is 51) so the stored numbers read like the Annex.
/// </summary>
public enum HighRiskArea
{
    [Description("Not a listed high-risk use")] NotListed = 0,
    [Description("Annex I: safety component of a regulated product")] AnnexIProduct = 1,
    [Description("Annex III 1: biometrics")] Biometrics = 10,
    [Description("Annex III 2: critical infrastructure")] CriticalInfrastructure = 20,
    [Description("Annex III 3: education and vocational training")] Education = 30,
    [Description("Annex III 4: employment and workers")] Employment = 40,
    [Description("Annex III 5(a): public assistance benefits and services")] PublicBenefits = 50,
    [Description("Annex III 5(b): creditworthiness and credit scoring")] CreditScoring = 51,
    [Description("Annex III 5(c): life and health insurance pricing")] LifeHealthInsurance = 52,
    [Description("Annex III 5(d): emergency calls and triage")] EmergencyServices = 53,
    [Description("Annex III 6: law enforcement")] LawEnforcement = 60,
    [Description("Annex III 7: migration, asylum and border control")] Migration = 70,
    [Description("Annex III 8: justice and democratic processes")] Justice = 80,
}

public static class HighRiskAreas
{
    public static bool IsAnnexIII(this HighRiskArea area) => (int)area >= (int)HighRiskArea.Biometrics && Enum.IsDefined(area);
}
