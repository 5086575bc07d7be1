using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using static AiPolicyHub.Core.Tests.Rules.RuleTestData;

namespace AiPolicyHub.Core.Tests.Agents;

public class AgentRulesTests
{
    /// <summary>An agent that keeps every rule: approved tool cleared to Confidential, Internal data, reads only, suggests only, active today.</summary>
    internal static RuleSubject Agent(AgentPermissions permissions = AgentPermissions.ReadData, AgentAutonomy autonomy = AgentAutonomy.SuggestsOnly,
        AgentPermissions checkpoints = AgentPermissions.None, int rank = 2, IReadOnlyList<RuleConnector>? connectors = null, DateOnly? lastActivity = null,
        int toolMaxRank = 3) =>
        AgentRules.Subject("Inbox agent", WorkflowStatus.Approved, permissions, autonomy, checkpoints, rank, LevelNames[rank], Assistant(maxRank: toolMaxRank),
            connectors ?? [new RuleConnector("Mail MCP", ToolApprovalStatus.Approved)], lastActivity ?? Today, hasOwner: true);

    private static IReadOnlyList<string> Broken(RuleSubject subject, RuleSettings? settings = null) =>
        [.. Evaluate(subject, settings).Select(f => f.RuleId)];

    [Fact]
    public void A_well_kept_agent_breaks_no_rule_and_workflow_rules_never_judge_an_agent()
    {
        Assert.Empty(Broken(Agent()));
        // Its subject has no oversight and no review date, which workflow rules would flag: they do not run on agents.
        Assert.Empty(Broken(Agent(AgentPermissions.ReadData | AgentPermissions.WriteData, AgentAutonomy.ActsWithApproval, rank: 2)));
    }

    [Fact]
    public void Agent_rules_never_judge_a_workflow()
    {
        Assert.DoesNotContain(Evaluate((Compliant() with { Autonomy = Autonomy.ActAutomatically, Tools = [] }).WithRank(4)),
            f => BuiltInRules.Find(f.RuleId)!.AppliesToAgents);
    }

    [Theory]
    [InlineData(AgentAutonomy.ActsAlone, 2, false)] // below Confidential
    [InlineData(AgentAutonomy.ActsAlone, 3, true)] // at the level: from this level up
    [InlineData(AgentAutonomy.ActsAlone, 4, true)]
    [InlineData(AgentAutonomy.ActsWithApproval, 4, false)]
    [InlineData(AgentAutonomy.SuggestsOnly, 4, false)]
    public void An_agent_acting_alone_is_flagged_from_the_administrators_level_up(AgentAutonomy autonomy, int rank, bool flagged)
    {
        var found = Broken(Agent(autonomy: autonomy, rank: rank, toolMaxRank: 4)).Contains(AgentActsAloneOnSensitiveDataRule.RuleId);
        Assert.Equal(flagged, found);
    }

    [Fact]
    public void The_administrator_sets_the_level_from_which_an_agent_may_not_act_alone()
    {
        var restrictedOnly = RuleSettings.Default.WithParameter(AgentActsAloneOnSensitiveDataRule.RuleId, AgentActsAloneOnSensitiveDataRule.MinimumRankKey, 4);
        Assert.DoesNotContain(AgentActsAloneOnSensitiveDataRule.RuleId, Broken(Agent(autonomy: AgentAutonomy.ActsAlone, rank: 3, toolMaxRank: 4), restrictedOnly));
        Assert.Contains(AgentActsAloneOnSensitiveDataRule.RuleId, Broken(Agent(autonomy: AgentAutonomy.ActsAlone, rank: 4, toolMaxRank: 4), restrictedOnly));
    }

    [Theory]
    [InlineData(AgentPermissions.SendOutside, AgentPermissions.None, AgentAutonomy.ActsAlone, true)]
    [InlineData(AgentPermissions.SpendMoney, AgentPermissions.None, AgentAutonomy.ActsWithApproval, true)]
    [InlineData(AgentPermissions.SpendMoney, AgentPermissions.SpendMoney, AgentAutonomy.ActsAlone, false)]
    [InlineData(AgentPermissions.SpendMoney | AgentPermissions.SendOutside, AgentPermissions.SpendMoney, AgentAutonomy.ActsAlone, true)]
    [InlineData(AgentPermissions.SendOutside, AgentPermissions.None, AgentAutonomy.SuggestsOnly, false)] // a person takes every action
    [InlineData(AgentPermissions.WriteData | AgentPermissions.ChangeCode, AgentPermissions.None, AgentAutonomy.ActsAlone, false)]
    public void Sending_outside_or_spending_needs_a_human_checkpoint(AgentPermissions permissions, AgentPermissions checkpoints, AgentAutonomy autonomy,
        bool flagged)
    {
        var findings = Evaluate(Agent(permissions | AgentPermissions.ReadData, autonomy, checkpoints));
        var finding = findings.SingleOrDefault(f => f.RuleId == AgentActionWithoutCheckpointRule.RuleId);
        Assert.Equal(flagged, finding is not null);
        if (finding is not null)
        {
            Assert.Contains("no person approving it first", finding.Explanation);
        }
    }

    [Fact]
    public void An_unapproved_or_paused_connector_is_named_in_the_finding()
    {
        RuleConnector[] connectors =
        [
            new("Mail MCP", ToolApprovalStatus.Approved), new("Payments MCP", ToolApprovalStatus.Proposed),
            new("Files MCP", ToolApprovalStatus.ApprovedWithRestrictions, IsPaused: true), new("CRM", ToolApprovalStatus.ApprovedWithRestrictions),
        ];
        var finding = Assert.Single(Evaluate(Agent(connectors: connectors)), f => f.RuleId == AgentConnectorNotApprovedRule.RuleId);
        Assert.Contains("“Payments MCP” is proposed", finding.Explanation);
        Assert.Contains("“Files MCP” is paused", finding.Explanation);
        Assert.DoesNotContain("Mail MCP", finding.Explanation);
        Assert.DoesNotContain("CRM", finding.Explanation);
        Assert.Empty(Broken(Agent(connectors: [connectors[0], connectors[3]])));
        Assert.Empty(Broken(Agent(connectors: [])));
    }

    [Theory]
    [InlineData(89, false)]
    [InlineData(90, true)] // inactive for the full 90 days
    [InlineData(400, true)]
    public void An_agent_inactive_for_the_set_days_is_to_be_reviewed(int daysAgo, bool flagged)
    {
        Assert.Equal(flagged, Broken(Agent(lastActivity: Today.AddDays(-daysAgo))).Contains(DormantAgentRule.RuleId));
    }

    [Fact]
    public void The_administrator_sets_the_dormant_days_and_an_agent_not_stored_yet_is_not_called_dormant()
    {
        var thirty = RuleSettings.Default.WithParameter(DormantAgentRule.RuleId, DormantAgentRule.DaysKey, 30);
        Assert.Contains(DormantAgentRule.RuleId, Broken(Agent(lastActivity: Today.AddDays(-30)), thirty));
        Assert.DoesNotContain(DormantAgentRule.RuleId, Broken(Agent(lastActivity: Today.AddDays(-29)), thirty));
        var unsaved = Agent() with { Agent = Agent().Agent! with { LastActivity = null, InUseSince = null } };
        Assert.DoesNotContain(DormantAgentRule.RuleId, Broken(unsaved));
    }

    [Theory]
    [InlineData(89, false)]
    [InlineData(90, true)] // no activity recorded in the 90 days since its approval: it does not escape review
    [InlineData(365, true)]
    public void An_agent_with_no_recorded_activity_is_dormant_counted_from_its_approval_or_creation(int daysAgo, bool flagged)
    {
        var idle = Agent() with { Agent = Agent().Agent! with { LastActivity = null, InUseSince = Today.AddDays(-daysAgo) } };
        var finding = Evaluate(idle).SingleOrDefault(f => f.RuleId == DormantAgentRule.RuleId);
        Assert.Equal(flagged, finding is not null);
        if (finding is not null)
        {
            Assert.Contains($"No activity of the agent has been recorded since it was approved or recorded on", finding.Explanation);
            Assert.Contains($"({daysAgo} days; the limit is 90)", finding.Explanation);
        }
        // A recorded activity counts, however old the approval.
        var active = idle with { Agent = idle.Agent! with { LastActivity = Today.AddDays(-10) } };
        Assert.DoesNotContain(DormantAgentRule.RuleId, Broken(active));
    }

    [Theory]
    [InlineData(3, 3, false)]
    [InlineData(4, 3, true)]
    [InlineData(1, 2, false)]
    public void An_agent_may_not_reach_data_its_tool_may_not_receive(int agentRank, int toolMaxRank, bool flagged)
    {
        var finding = Evaluate(Agent(rank: agentRank, toolMaxRank: toolMaxRank)).SingleOrDefault(f => f.RuleId == AgentDataAboveToolLimitRule.RuleId);
        Assert.Equal(flagged, finding is not null);
        if (finding is not null)
        {
            Assert.Contains("may receive Confidential data at most", finding.Explanation);
        }
    }

    [Fact]
    public void Every_agent_rule_cites_NIST_AI_600_1_the_EU_AI_Act_and_OWASP_where_it_concerns_agentic_risk()
    {
        var agentRules = BuiltInRules.All.Where(r => r.AppliesToAgents).ToList();
        Assert.Equal(5, agentRules.Count);
        Assert.All(agentRules, r =>
        {
            Assert.Contains(r.References, x => x.StartsWith("NIST AI 600-1", StringComparison.Ordinal));
            Assert.Contains(r.References, x => x.StartsWith("EU AI Act", StringComparison.Ordinal));
            Assert.Contains(r.References, x => x.StartsWith("OWASP", StringComparison.Ordinal));
        });
    }
}
