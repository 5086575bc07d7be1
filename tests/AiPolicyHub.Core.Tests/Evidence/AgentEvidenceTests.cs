using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;
using AiPolicyHub.Core.Tests.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Evidence;

/// <summary>Evidence of an AI agent: kept like a workflow's — changed by those who may edit the agent, read by everyone.</summary>
public sealed class AgentEvidenceTests : IAsyncLifetime
{
    private readonly TestClock clock = new();
    private PauseScenario s = null!;
    private EvidenceRegister Register => s.Test.Provider.GetRequiredService<EvidenceRegister>();
    private DateOnly Today => DateOnly.FromDateTime(clock.Now.UtcDateTime);

    public async Task InitializeAsync() => s = await PauseScenario.CreateAsync(clock);

    public async Task DisposeAsync() => await s.DisposeAsync();

    private EvidenceForm Link(string description = "Red-team report") =>
        new() { Description = description, Url = "https://security.example.com/red-team", ProducedOn = Today.AddDays(-3) };

    /// <summary>An agent of Support, stored as it is (the agent's own rules are tested with the agents).</summary>
    private async Task<EvidenceSubject> AgentAsync(string name, WorkflowStatus status = WorkflowStatus.Approved)
    {
        var tool = await s.ToolAsync($"Model for {name}");
        await using var db = await s.Test.DbAsync();
        var agent = new Agent { Name = name, Purpose = "Answers tickets.", DepartmentId = s.Support, ToolId = tool, DataClassificationId = s.Internal, Status = status };
        db.Agents.Add(agent);
        await db.SaveChangesAsync();
        return new EvidenceSubject(EvidenceSubjectKind.Agent, agent.Id);
    }

    [Fact]
    public async Task Managers_of_the_agents_department_and_compliance_change_its_evidence_and_everyone_else_only_reads_it()
    {
        var agent = await AgentAsync("Ticket triage agent");
        var finance = await s.Test.AddDepartmentAsync("Finance");
        var otto = await s.Test.CreateUserAsync("Otto Other", Roles.Manager, finance);

        Assert.Equal(SaveStatus.Forbidden, (await Register.AddAsync(s.Sue, agent, Link(), null)).Status);
        Assert.Equal(SaveStatus.Forbidden, (await Register.AddAsync(otto, agent, Link(), null)).Status);
        Assert.Equal(SaveStatus.Saved, (await Register.AddAsync(s.Maya, agent, Link("Red-team report"), null)).Status);
        Assert.Equal(SaveStatus.Saved, (await Register.AddAsync(s.Cora, agent, Link("Vendor agent card"), null)).Status);

        var read = await Register.ListAsync(s.Sue, agent);
        Assert.NotNull(read);
        Assert.Equal(["Red-team report", "Vendor agent card"], read.Items.Select(e => e.Description).Order());
        Assert.False(read.Subject.CanChange);
        Assert.Equal("Only managers of the agent's department and compliance officers can change its evidence.", read.Subject.ChangeRefusal);
        Assert.Equal(("Ticket triage agent", $"/agents/{agent.Id}", "Agent “Ticket triage agent”"), (read.Subject.Name, read.Subject.Link, read.Subject.Described));
        Assert.True((await Register.ListAsync(s.Maya, agent))!.Subject.CanChange);
    }

    [Fact]
    public async Task A_retired_agent_keeps_its_evidence_as_it_is()
    {
        var agent = await AgentAsync("Old mail agent", WorkflowStatus.Retired);

        var refused = await Register.AddAsync(s.Cora, agent, Link(), null);

        Assert.Equal(SaveStatus.Forbidden, refused.Status);
        Assert.Equal("This agent is retired; its evidence is kept as it is.", (await Register.ListAsync(s.Cora, agent))!.Subject.ChangeRefusal);
    }

    [Fact]
    public async Task A_missing_agent_has_no_evidence_to_read_or_change()
    {
        var missing = new EvidenceSubject(EvidenceSubjectKind.Agent, 9999);

        Assert.Null(await Register.ListAsync(s.Cora, missing));
        Assert.NotEqual(SaveStatus.Saved, (await Register.AddAsync(s.Cora, missing, Link(), null)).Status);
    }

    [Fact]
    public async Task The_evidence_index_names_the_agent()
    {
        var agent = await AgentAsync("Ticket triage agent");
        await Register.AddAsync(s.Maya, agent, Link(), null);

        var row = Assert.Single((await s.Test.Provider.GetRequiredService<EvidenceIndex>().ListAsync(s.Cora)).Value!);

        Assert.Equal((EvidenceSubjectKind.Agent, agent.Id, "Ticket triage agent"), (row.SubjectKind, row.SubjectId, row.SubjectName));
    }

    [Fact]
    public async Task The_expiry_notice_links_to_the_evidence_on_the_agent_page()
    {
        var agent = await AgentAsync("Ticket triage agent");
        var form = Link();
        form.ExpiresOn = Today.AddDays(10);
        form.OwnerId = TestServices.UserId(s.Maya);
        Assert.Equal(SaveStatus.Saved, (await Register.AddAsync(s.Cora, agent, form, null)).Status);

        Assert.Equal(1, await s.Test.Provider.GetRequiredService<EvidenceExpiryCheck>().RunAsync());

        await using var db = await s.Test.DbAsync();
        var notice = await db.Notifications.SingleAsync(n => n.Kind == NotificationKind.EvidenceExpiring);
        Assert.Equal($"/agents/{agent.Id}#evidence", notice.Link);
    }
}
