using System.Security.Claims;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules.Stored;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Agents;
using AiPolicyHub.Web.Components.Shared;
using MudBlazor;

namespace AiPolicyHub.Components.Tests.Shared;

/// <summary>The evidence of an agent (on its page), of a pause and of an exception (each under its item, opened on demand).</summary>
public sealed class EvidenceDisclosureTests : ComponentTest
{
    private TestServices core = null!;
    private ClaimsPrincipal cora = null!;
    private int support, level, tool, workflow;

    public override async Task InitializeAsync()
    {
        core = await UseCoreAsync();
        support = await core.AddDepartmentAsync("Support");
        level = await core.ClassificationIdAsync("Internal");
        cora = await core.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        tool = (await core.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "Chatbot", Vendor = "Acme", MaxClassificationId = level, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
        workflow = (await core.Workflows.SaveAsync(cora, null, new WorkflowForm
        {
            Name = "Reply drafts", Purpose = "Drafts.", DepartmentId = support, DataClassificationId = level, ToolIds = [tool], ApprovingRole = "Team lead",
        })).Id;
        Auth.SetAuthorized("Cora Compliance");
        Auth.SetRoles(Roles.ComplianceOfficer);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(cora)), new Claim(ClaimTypes.Name, "Cora Compliance"));
    }

    [Fact]
    public async Task A_saved_agents_page_shows_its_evidence_panel()
    {
        ComponentFactories.AddStub<PausePanel>();
        int agent;
        await using (var db = await core.DbAsync())
        {
            var stored = new Agent
            {
                Name = "Ticket triage agent", Purpose = "Sorts tickets.", DepartmentId = support, ToolId = tool, DataClassificationId = level,
                Permissions = AgentPermissions.ReadData, Status = WorkflowStatus.Draft, Version = 1,
            };
            db.Agents.Add(stored);
            await db.SaveChangesAsync();
            agent = stored.Id;
        }
        Render<MudPopoverProvider>();

        var cut = Render<AgentEdit>(p => p.Add(c => c.Id, agent));

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("section#evidence [data-testid=no-evidence]")), TimeSpan.FromSeconds(10));
        Assert.Equal("Evidence", cut.Find("#evidence-title").TextContent);
        Assert.Contains(cut.FindAll("#evidence button"), b => b.TextContent.Contains("Attach a file"));
    }

    [Fact]
    public async Task Each_pause_in_force_opens_its_own_evidence_under_it()
    {
        var paused = await core.Pauses.PauseWorkflowAsync(cora, workflow, "Drafts promised refunds we do not give.");
        Assert.Equal(SaveStatus.Saved, paused.Status);
        var pauseId = (await core.Pauses.ForWorkflowAsync(cora, workflow)).Current.Single().Id;
        var panel = Render<PausePanel>(p => p.Add(c => c.WorkflowId, workflow));
        panel.WaitForElement("[data-testid=pause]");
        Assert.Empty(panel.FindAll(".evidence-panel"));   // nothing is read until asked

        var button = panel.FindAll("button").Single(b => b.GetAttribute("aria-label") == $"Evidence of pause #{pauseId}");
        Assert.Equal("false", button.GetAttribute("aria-expanded"));
        await button.ClickAsync(new());

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find($"section#evidence-pause-{pauseId} [data-testid=no-evidence]")));
        Assert.Equal("true", panel.FindAll("button").Single(b => b.GetAttribute("aria-label") == $"Evidence of pause #{pauseId}").GetAttribute("aria-expanded"));
        Assert.Equal("Evidence", panel.Find($"#evidence-pause-{pauseId}-title").TextContent);
        Assert.Contains(panel.FindAll($"#evidence-pause-{pauseId} button"), b => b.TextContent.Contains("Add a link"));
    }

    [Fact]
    public async Task Each_exception_opens_its_own_evidence_under_it()
    {
        int id;
        await using (var db = await core.DbAsync())
        {
            var granted = new RuleException
            {
                WorkflowId = workflow, RuleId = "human-oversight", Justification = "A pilot with five users.", ExpiresOn = new DateOnly(2099, 1, 1),
                GrantedById = TestServices.UserId(cora), GrantedByName = "Cora Compliance", GrantedAt = new DateTime(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc),
            };
            db.RuleExceptions.Add(granted);
            await db.SaveChangesAsync();
            id = granted.Id;
        }
        var items = await core.Exceptions.ForWorkflowAsync(workflow);
        var panel = Render<ExceptionsPanel>(p => p.Add(c => c.WorkflowId, workflow).Add(c => c.Items, items).Add(c => c.Rules, []));
        var title = Assert.Single(items).RuleTitle;

        await panel.FindAll("button").Single(b => b.GetAttribute("aria-label") == $"Evidence of the exception to {title}").ClickAsync(new());

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find($"section#evidence-ruleexception-{id} [data-testid=no-evidence]")));
        Assert.Contains(panel.FindAll($"#evidence-ruleexception-{id} button"), b => b.TextContent.Contains("Attach a file"));
    }
}
