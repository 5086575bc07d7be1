using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using FsCheck;
using FsCheck.Fluent;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Agents;

/// <summary>
/// Properties over random agents and settings: giving an agent another permission, or more autonomy, never lowers its
/// risk (inherent or residual) and never clears a finding.
/// </summary>
public class AgentMonotonicityProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(500);

    private static readonly AgentPermissions[] Single = [.. Enum.GetValues<AgentPermissions>().Where(p => p != AgentPermissions.None)];

    private static readonly Gen<AgentPermissions> Permissions = Gen.Choose(0, 63).Select(p => (AgentPermissions)p);

    private static readonly Gen<RuleConnector> Connector =
        from status in Gen.Elements(Enum.GetValues<ToolApprovalStatus>())
        from paused in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
        select new RuleConnector("Connector", status, paused);

    private static readonly Gen<RuleSubject> Agent =
        from permissions in Permissions
        from autonomy in Gen.Elements(Enum.GetValues<AgentAutonomy>())
        from checkpoints in Permissions
        from rank in Gen.Choose(1, 4)
        from toolRank in Gen.Choose(1, 4)
        from toolStatus in Gen.Elements(Enum.GetValues<ToolApprovalStatus>())
        from connectors in Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(Connector, n))
        from inactive in Gen.OneOf(Gen.Constant<DateOnly?>(null), Gen.Choose(0, 200).Select(d => (DateOnly?)Today.AddDays(-d)))
        select AgentRules.Subject("Random agent", WorkflowStatus.Approved, permissions, autonomy, checkpoints, rank, LevelNames[rank],
            new RuleTool("Tool", toolStatus, toolRank, LevelNames[toolRank], VendorTraining.No, true, ToolCapabilities.Text), connectors, inactive, true);

    private static readonly Gen<RuleEngine> Engine =
        from level in Gen.Choose(1, 4)
        from days in Gen.Choose(1, 365)
        select new RuleEngine(RuleSettings.Default
            .WithParameter(Core.Rules.BuiltIn.AgentActsAloneOnSensitiveDataRule.RuleId, Core.Rules.BuiltIn.AgentActsAloneOnSensitiveDataRule.MinimumRankKey, level)
            .WithParameter(Core.Rules.BuiltIn.DormantAgentRule.RuleId, Core.Rules.BuiltIn.DormantAgentRule.DaysKey, days));

    private static RuleSubject WithPermission(RuleSubject subject, AgentPermissions added) =>
        subject with { Agent = subject.Agent! with { Permissions = subject.Agent.Permissions | added } };

    private static RuleSubject WithAutonomy(RuleSubject subject, AgentAutonomy autonomy) =>
        subject with { Autonomy = AgentRules.OnWorkflowScale(autonomy), Agent = subject.Agent! with { Autonomy = autonomy } };

    private static void NeverSafer(RuleEngine engine, RuleSubject before, RuleSubject after)
    {
        var scale = ClassificationScale.Default;
        var riskBefore = RiskAssessor.Assess(before, scale);
        var riskAfter = RiskAssessor.Assess(after, scale);
        Assert.True(riskAfter.Residual.Score >= riskBefore.Residual.Score,
            $"Residual fell {riskBefore.Residual.Score} → {riskAfter.Residual.Score}: {before.Agent} → {after.Agent}");
        Assert.True(riskAfter.Inherent.Score >= riskBefore.Inherent.Score,
            $"Inherent fell {riskBefore.Inherent.Score} → {riskAfter.Inherent.Score}: {before.Agent} → {after.Agent}");
        Assert.True(riskAfter.Tier >= riskBefore.Tier);
        var findingsAfter = engine.Evaluate(after, Today).Select(f => f.RuleId).ToHashSet();
        var cleared = engine.Evaluate(before, Today).Select(f => f.RuleId).Where(id => !findingsAfter.Contains(id)).ToList();
        Assert.True(cleared.Count == 0, $"Cleared {string.Join(", ", cleared)}: {before.Agent} → {after.Agent}");
    }

    [Fact]
    public void Adding_a_permission_never_lowers_the_risk_and_never_clears_a_finding() =>
        Prop.ForAll(Agent.ToArbitrary(), Gen.Elements(Single).ToArbitrary(), Engine.ToArbitrary(),
            (agent, added, engine) => NeverSafer(engine, agent, WithPermission(agent, added))).Check(Runs);

    [Fact]
    public void Raising_autonomy_never_lowers_the_risk_and_never_clears_a_finding() =>
        Prop.ForAll(Agent.ToArbitrary(), Gen.Elements(Enum.GetValues<AgentAutonomy>()).ToArbitrary(), Engine.ToArbitrary(), (agent, autonomy, engine) =>
        {
            if (autonomy > agent.Agent!.Autonomy)
            {
                NeverSafer(engine, agent, WithAutonomy(agent, autonomy));
            }
        }).Check(Runs);

    [Fact]
    public void The_agent_factors_are_explained_in_words_and_acting_alone_with_spending_scores_higher_than_suggesting()
    {
        var suggesting = AgentRulesTests.Agent(AgentPermissions.ReadData | AgentPermissions.SpendMoney, AgentAutonomy.SuggestsOnly, rank: 3);
        var alone = WithAutonomy(suggesting, AgentAutonomy.ActsAlone);
        var risk = RiskAssessor.Assess(alone, ClassificationScale.Default);
        var texts = risk.Factors.Select(f => f.Describe()).ToList();
        Assert.Contains("+2 likelihood: the agent acts alone, with no person approving", texts);
        Assert.Contains("+2 impact: it can spend money or commit the organisation", texts);
        Assert.Contains("+1 likelihood: no person approves when it acts alone to spend money or commit the organisation", texts);
        Assert.True(risk.Residual.Score > RiskAssessor.Assess(suggesting, ClassificationScale.Default).Residual.Score);
        Assert.Contains(risk.WouldLower, w => w.StartsWith("Have a person approve when it acts to spend money", StringComparison.Ordinal));
    }
}
