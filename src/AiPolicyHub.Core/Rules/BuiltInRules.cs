using AiPolicyHub.Core.Rules.BuiltIn;

namespace AiPolicyHub.Core.Rules;

/// <summary>
/// The rules that ship with AiPolicyHub, in the order findings are listed. A new rule is one file in BuiltIn/ and one
/// line here; ids are stored with settings and exceptions, so they never change.
/// </summary>
public static class BuiltInRules
{
    public static IReadOnlyList<IPolicyRule> All { get; } =
    [
        new DataAboveToolLimitRule(),
        new ToolNotApprovedRule(),
        new ExternalOutputReviewRule(),
        new DecisionsAboutPeopleRule(),
        new AiCodeReviewRule(),
        new AutomationWithSensitiveDataRule(),
        new ProductionOwnershipRule(),
        new PersonalDataVendorTermsRule(),
        new IndependentValidationRule(),
        new PausedInUseRule(),
        new SpotCheckRateRule(),
        new EvidenceExpiredRule(),
        new FriaMissingRule(),
        new TransparencyMeasureRule(),
        // Agents (IPolicyRule.AppliesToAgents)
        new AgentActsAloneOnSensitiveDataRule(),
        new AgentActionWithoutCheckpointRule(),
        new AgentConnectorNotApprovedRule(),
        new DormantAgentRule(),
        new AgentDataAboveToolLimitRule(),
    ];

    public static IPolicyRule? Find(string id) => All.FirstOrDefault(r => r.Id == id);
}
