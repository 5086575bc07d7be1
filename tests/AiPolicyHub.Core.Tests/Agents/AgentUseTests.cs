using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;

namespace AiPolicyHub.Core.Tests.Agents;

/// <summary>The staff checker asked about an agent: its own record laid over the answer for the use.</summary>
public class AgentUseTests
{
    private static readonly UsageAnswer Allowed = new(Verdict.Allowed, [], [], []);

    private static AgentInQuestion Agent(WorkflowStatus status = WorkflowStatus.Approved, int rank = 3, IReadOnlyList<CheckpointForm>? checkpoints = null,
        IReadOnlyList<RuleFinding>? findings = null, IReadOnlyList<string>? pauses = null) =>
        new("Support inbox agent", status, pauses ?? [], rank, rank == 3 ? "Confidential" : "Internal", checkpoints ?? [], findings ?? []);

    private static RuleFinding Finding(IPolicyRule rule, string explanation) => RuleFinding.For(rule, explanation, "Fix it.");

    [Fact]
    public void An_approved_agent_without_findings_or_checkpoints_answers_as_the_use_itself()
    {
        Assert.Same(Allowed, AgentUse.Judge(Allowed, Agent(), 2, "Internal"));
        var refused = new UsageAnswer(Verdict.NotAllowed, ["The tool is prohibited."], [], []);
        Assert.Same(refused, AgentUse.Judge(refused, Agent(), 2, "Internal"));
    }

    [Fact]
    public void A_paused_agent_must_not_act_and_says_why()
    {
        var answer = AgentUse.Judge(Allowed, Agent(WorkflowStatus.Paused, pauses: ["The connector “Mail MCP” is paused."]), 2, "Internal");
        Assert.Equal(Verdict.Paused, answer.Verdict);
        Assert.Equal(["The agent “Support inbox agent” is paused: The connector “Mail MCP” is paused. It must not act until a compliance officer signs off its restart."],
            answer.Reasons);
    }

    [Theory]
    [InlineData(WorkflowStatus.Draft)]
    [InlineData(WorkflowStatus.Submitted)]
    [InlineData(WorkflowStatus.Rejected)]
    public void An_agent_compliance_has_not_approved_may_not_act(WorkflowStatus status)
    {
        var answer = AgentUse.Judge(Allowed, Agent(status), 2, "Internal");
        Assert.Equal(Verdict.NotAllowed, answer.Verdict);
        Assert.Contains("is not approved", Assert.Single(answer.Reasons));
    }

    [Theory]
    [InlineData(3, false)] // its own level
    [InlineData(4, true)] // above what its approval covers
    public void The_agents_approval_covers_data_up_to_its_recorded_level(int questionRank, bool refused)
    {
        var answer = AgentUse.Judge(Allowed, Agent(rank: 3), questionRank, questionRank == 4 ? "Restricted" : "Confidential");
        Assert.Equal(refused ? Verdict.NotAllowed : Verdict.Allowed, answer.Verdict);
        if (refused)
        {
            Assert.Contains("approved to reach Confidential data at most; this involves Restricted data", Assert.Single(answer.Reasons));
        }
    }

    [Fact]
    public void A_high_finding_of_the_agent_stops_it_and_a_lesser_one_becomes_a_condition()
    {
        var high = Finding(new AgentActionWithoutCheckpointRule(), "The agent may spend money with no person approving it first.");
        var stopped = AgentUse.Judge(Allowed, Agent(findings: [high]), 2, "Internal");
        Assert.Equal(Verdict.NotAllowed, stopped.Verdict);
        Assert.Equal(["The agent “Support inbox agent” breaks the AI policy: The agent may spend money with no person approving it first."], stopped.Reasons);
        Assert.Contains(high, stopped.Findings);

        var dormant = Finding(new DormantAgentRule(), "The agent has not acted since 1 June 2026.");
        var conditional = AgentUse.Judge(Allowed, Agent(findings: [dormant]), 2, "Internal");
        Assert.Equal(Verdict.AllowedWithConditions, conditional.Verdict);
        Assert.Equal(["Ask the agent's owner to deal with “Dormant agent to review” first: Fix it."], conditional.Conditions);
    }

    [Fact]
    public void The_agents_human_checkpoints_become_conditions_added_to_the_uses_own()
    {
        var use = new UsageAnswer(Verdict.AllowedWithConditions, ["Customers see it."], ["A person reviews the output before it is used or sent."], []);
        var answer = AgentUse.Judge(use, Agent(checkpoints: [new CheckpointForm(AgentPermissions.SendOutside, "Support team lead")]), 2, "Internal");
        Assert.Equal(Verdict.AllowedWithConditions, answer.Verdict);
        Assert.Equal(["A person reviews the output before it is used or sent.",
            "Before the agent can send messages outside the organisation, Support team lead approves it."], answer.Conditions);
        Assert.Equal(["Customers see it."], answer.Reasons);
    }

    [Fact]
    public void A_use_only_an_approved_workflow_may_do_stays_so_through_an_agent()
    {
        var workflowOnly = new UsageAnswer(Verdict.ApprovedWorkflowOnly, ["High-risk."], [], []);
        Assert.Same(workflowOnly, AgentUse.Judge(workflowOnly, Agent(checkpoints: [new CheckpointForm(AgentPermissions.SendOutside, "Lead")]), 2, "Internal"));
    }
}
