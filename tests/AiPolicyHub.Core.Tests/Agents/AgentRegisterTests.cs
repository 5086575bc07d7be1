using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Definitions;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Rules.BuiltIn;
using AiPolicyHub.Core.Tests.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Agents;

/// <summary>Agents where the organisation looks: the dashboard's counts, the findings page, the checker, the registers, the demo data.</summary>
public class AgentRegisterTests
{
    private static AgentRegister Register(PauseScenario s) => s.Test.Provider.GetRequiredService<AgentRegister>();

    /// <summary>An approved agent that keeps every rule, and a draft that acts alone and spends through a proposed connector.</summary>
    private static async Task<(int Kept, int Risky)> TwoAgentsAsync(PauseScenario s)
    {
        var tool = await s.ToolAsync("Chatty");
        var mail = await s.ConnectorAsync("Mail MCP");
        var erp = await s.ConnectorAsync("ERP API", ToolApprovalStatus.Proposed);
        var kept = s.Form(tool, [mail]);
        kept.Name = "Reply agent";
        kept.Purpose = "Drafts replies to customer emails for a person to send.";
        var keptId = await s.ApprovedAgentAsync(kept);
        var risky = s.Form(tool, [erp]);
        risky.Name = "Payment agent";
        risky.Autonomy = AgentAutonomy.ActsAlone;
        risky.Checkpoints = [];
        var riskyId = (await s.Agents().SaveAsync(s.Maya, null, risky)).Id;
        return (keptId, riskyId);
    }

    [Fact]
    public async Task The_dashboard_counts_agents_by_status_with_findings_and_paused_for_managers_and_compliance_only()
    {
        await using var s = await PauseScenario.CreateAsync();
        var (kept, _) = await TwoAgentsAsync(s);

        var summary = await Register(s).SummaryAsync(s.Cora);

        Assert.NotNull(summary);
        Assert.Equal(2, summary.Agents);
        Assert.Equal(1, summary.ByStatus[WorkflowStatus.Approved]);
        Assert.Equal(1, summary.ByStatus[WorkflowStatus.Draft]);
        Assert.Equal(1, summary.WithFindings);
        Assert.Equal(0, summary.Paused);
        Assert.Equal(2, summary.FindingsBySeverity[FindingSeverity.High]); // the unguarded spend and the proposed connector
        Assert.Null(await Register(s).SummaryAsync(s.Sue));

        Assert.Equal(SaveStatus.Saved, (await s.Test.Pauses.PauseAgentAsync(s.Cora, kept, "It answered a customer with another's data.")).Status);
        var after = await Register(s).SummaryAsync(s.Maya);
        Assert.Equal(1, after!.Paused);
        Assert.Equal(1, after.ByStatus[WorkflowStatus.Paused]);
    }

    [Fact]
    public async Task The_findings_page_lists_the_agents_findings_filtered_by_rule_severity_and_department_and_in_pages()
    {
        await using var s = await PauseScenario.CreateAsync();
        var (_, risky) = await TwoAgentsAsync(s);

        var all = await Register(s).FindingsAsync(new AgentFindingsQuery());
        Assert.Equal(2, all.Total);
        Assert.All(all.Items, f => Assert.Equal(risky, f.AgentId));
        Assert.Equal(["agent-action-without-checkpoint", "agent-connector-not-approved"], all.Items.Select(f => f.Finding.RuleId).Order());

        var connectors = await Register(s).FindingsAsync(new AgentFindingsQuery(RuleId: AgentConnectorNotApprovedRule.RuleId));
        Assert.Equal("Payment agent", Assert.Single(connectors.Items).AgentName);
        Assert.Equal(0, (await Register(s).FindingsAsync(new AgentFindingsQuery(Severity: FindingSeverity.Low))).Total);
        Assert.Equal(0, (await Register(s).FindingsAsync(new AgentFindingsQuery(DepartmentId: await s.Test.AddDepartmentAsync("Sales")))).Total);
        var second = await Register(s).FindingsAsync(new AgentFindingsQuery(Skip: 1, Take: 1));
        Assert.Equal(2, second.Total);
        Assert.Equal(all.Items[1], Assert.Single(second.Items));
    }

    [Fact]
    public async Task The_checker_answers_for_an_agent_with_its_tool_autonomy_checkpoints_and_findings()
    {
        await using var s = await PauseScenario.CreateAsync();
        var (kept, risky) = await TwoAgentsAsync(s);
        var confidential = await s.Test.ClassificationIdAsync("Confidential");

        // The approved agent: its checkpoint is a condition; the tool is the agent's, whatever was chosen.
        var viaAgent = (await s.Test.Advisor.AskAsync(new UsageQuestion(null, UsageTask.WritingEmails, s.Internal, DataCategories.None, Audience.Internal,
            false, AgentId: kept))).Value!;
        Assert.Equal("Chatty", viaAgent.ToolName);
        Assert.Equal("Reply agent", viaAgent.AgentName);
        Assert.Equal(Verdict.AllowedWithConditions, viaAgent.Answer.Verdict);
        Assert.Contains("Before the agent can spend money or commit the organisation, Finance lead approves it.", viaAgent.Answer.Conditions);
        Assert.Empty(viaAgent.Alternatives);

        // Beyond the data its approval covers.
        var tooSensitive = (await s.Test.Advisor.AskAsync(new UsageQuestion(null, UsageTask.WritingEmails, confidential, DataCategories.None,
            Audience.Internal, false, AgentId: kept))).Value!;
        Assert.Equal(Verdict.NotAllowed, tooSensitive.Answer.Verdict);

        // A draft agent acting alone may not act at all.
        var draft = (await s.Test.Advisor.AskAsync(new UsageQuestion(null, UsageTask.WritingEmails, s.Internal, DataCategories.None, Audience.Internal,
            false, AgentId: risky))).Value!;
        Assert.Equal(Verdict.NotAllowed, draft.Answer.Verdict);
        Assert.Contains("is not approved (it is draft)", Assert.Single(draft.Answer.Reasons));

        // Without an agent, the approved agent that writes emails is named.
        var tool = (await s.Agents().GetAsync(kept))!.ToolId;
        var chatty = (await s.Test.Advisor.AskAsync(new UsageQuestion(tool, UsageTask.WritingEmails, s.Internal, DataCategories.None, Audience.Internal,
            false))).Value!;
        Assert.Equal("Reply agent", Assert.Single(chatty.Agents).Name);
        Assert.Null(chatty.AgentName);
    }

    [Fact]
    public async Task The_risk_register_ranks_the_agents_with_their_risk_factors_and_findings_and_the_tool_register_names_them()
    {
        await using var s = await PauseScenario.CreateAsync();
        await TwoAgentsAsync(s);
        await using var db = await s.Test.DbAsync();
        var stamp = new ReportStamp("Acme", "PREVIEW", s.Test.Clock.GetUtcNow(), "Cora Compliance");

        var register = await RiskRegisterReport.BuildAsync(db, await s.Test.RuleSettings.LoadAsync(db), stamp, ReportFilters.None);

        Assert.Contains(register.Blocks.OfType<HeadingBlock>(), h => h.Text == RiskRegisterReport.AgentsHeading);
        var agents = register.Blocks.OfType<TableBlock>().Single(t => t.Columns[0].Header == "Agent");
        Assert.Equal(["Payment agent", "Reply agent"], agents.Rows.Select(r => r.Cells[0]));
        Assert.Contains("+2 likelihood: the agent acts alone, with no person approving", agents.Rows[0].Cells[5]);
        Assert.Contains("+2 impact: it can spend money or commit the organisation", agents.Rows[0].Cells[5]);
        var findings = register.Blocks.OfType<TableBlock>().Single(t => t.Columns.Select(c => c.Header).SequenceEqual(["Severity", "Agent", "Rule", "Why, and what to change"]));
        Assert.Equal(2, findings.Rows.Count);

        var tools = await ToolRegisterReport.BuildAsync(db, stamp);
        var facts = tools.Blocks.OfType<KeyValueBlock>().SelectMany(b => b.Items).Single(i => i.Key == "Agents running on it");
        Assert.Equal("Payment agent (draft)\nReply agent (approved)", facts.Value);
    }

    [Fact]
    public async Task The_demo_agents_are_decided_by_the_agent_save_and_the_approved_one_by_a_second_officer()
    {
        await using var test = await new TestServices().InitializeAsync();
        await test.CreateUserAsync("Ada Admin", Core.Identity.Roles.Administrator);
        await using (var seed = await test.DbAsync())
        {
            await DemoData.SeedAsync(seed, test.Audit, default);
        }
        await using var db = await test.DbAsync();
        var agents = await db.Agents.AsNoTracking().OrderBy(a => a.Name).ToListAsync();
        Assert.Equal(["Invoice payment agent", "Support inbox agent"], agents.Select(a => a.Name));
        var support = agents.Single(a => a.Name == "Support inbox agent");
        Assert.Equal(WorkflowStatus.Approved, support.Status);
        Assert.Equal(support.CreatedOn, support.ApprovedOn);
        var history = await AuditTrail.HistoryAsync(db, AgentSave.EntityType, support.Id.ToString());
        Assert.Equal([AuditAction.Approved, AuditAction.Created], history.Select(e => e.Action)); // newest first
        Assert.NotEqual(history[0].UserId, history[1].UserId);
        Assert.Contains(AuditTrail.ChangesOf(history[1]), c => c.Field == nameof(AgentForm.Status) && c.After == "Submitted");
        Assert.Equal(WorkflowStatus.Draft, agents.Single(a => a.Name == "Invoice payment agent").Status);
        Assert.Equal(3, await db.AuditEntries.CountAsync(e => e.EntityType == ConnectorCatalog.EntityType && e.Action == AuditAction.Created));
        Assert.True((await test.Audit.VerifyAsync(db)).Intact);
    }
}
