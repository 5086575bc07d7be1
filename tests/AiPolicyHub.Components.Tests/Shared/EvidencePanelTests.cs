using System.Security.Claims;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AiPolicyHub.Components.Tests.Shared;

public sealed class EvidencePanelTests : ComponentTest
{
    private TestServices core = null!;
    private ClaimsPrincipal maya = null!;
    private int workflow;

    public override async Task InitializeAsync()
    {
        core = await UseCoreAsync();
        var support = await core.AddDepartmentAsync("Support");
        maya = await core.CreateUserAsync("Maya Manager", Roles.Manager, support);
        var saved = await core.Workflows.SaveAsync(maya, null, new WorkflowForm
        {
            Name = "Reply drafts", Purpose = "Drafts.", DepartmentId = support, DataClassificationId = await core.ClassificationIdAsync("Internal"),
            ApprovingRole = "Team lead",
        });
        workflow = saved.Id;
    }

    private void SignIn(ClaimsPrincipal who, string name, string role)
    {
        Auth.SetAuthorized(name);
        Auth.SetRoles(role);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(who)), new Claim(ClaimTypes.Name, name));
    }

    [Fact]
    public void Without_evidence_the_panel_says_so_and_offers_a_file_or_a_link_to_those_who_may_change_it()
    {
        SignIn(maya, "Maya Manager", Roles.Manager);

        var panel = Render<EvidencePanel>(p => p.Add(c => c.Subject, new EvidenceSubject(EvidenceSubjectKind.Workflow, workflow)));

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=no-evidence]")));
        Assert.Contains(panel.FindAll("button"), b => b.TextContent.Contains("Attach a file"));
        Assert.Contains(panel.FindAll("button"), b => b.TextContent.Contains("Add a link"));
    }

    [Fact]
    public async Task Staff_read_the_evidence_with_its_expiry_and_download_links_but_get_no_buttons()
    {
        var register = core.Provider.GetRequiredService<EvidenceRegister>();
        var today = DateOnly.FromDateTime(core.Clock.GetUtcNow().UtcDateTime);
        await register.AddAsync(maya, new(EvidenceSubjectKind.Workflow, workflow), new EvidenceForm
        {
            Description = "Impact assessment", ProducedOn = today.AddDays(-400), ExpiresOn = today.AddDays(-1),
        }, new EvidenceUpload("dpia.pdf", new MemoryStream("%PDF-1.7\n%%EOF\n"u8.ToArray())));
        var sue = await core.CreateUserAsync("Sue Staff", Roles.Staff);
        SignIn(sue, "Sue Staff", Roles.Staff);

        var panel = Render<EvidencePanel>(p => p.Add(c => c.Subject, new EvidenceSubject(EvidenceSubjectKind.Workflow, workflow)));

        panel.WaitForAssertion(() => Assert.Single(panel.FindAll(".evidence-item")));
        Assert.Contains("Expired", panel.Find(".evidence-head .badge").TextContent);
        Assert.Equal("/evidence/", panel.Find(".evidence-meta a").GetAttribute("href")![..10]);
        Assert.Empty(panel.FindAll("button"));
        Assert.Contains("Only managers of the workflow's department and compliance officers", panel.Markup);
    }

    [Fact]
    public async Task Deleting_asks_first_and_keeping_it_deletes_nothing()
    {
        var register = core.Provider.GetRequiredService<EvidenceRegister>();
        var today = DateOnly.FromDateTime(core.Clock.GetUtcNow().UtcDateTime);
        await register.AddAsync(maya, new(EvidenceSubjectKind.Workflow, workflow), new EvidenceForm
        {
            Description = "Vendor terms", Url = "https://vendor.example.com/terms", ProducedOn = today,
        }, null);
        SignIn(maya, "Maya Manager", Roles.Manager);
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<EvidencePanel>(p => p.Add(c => c.Subject, new EvidenceSubject(EvidenceSubjectKind.Workflow, workflow)));
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll(".evidence-item")));

        _ = panel.FindAll("button").Single(b => b.TextContent.Contains("Delete")).ClickAsync(new());
        dialogs.WaitForAssertion(() => Assert.Contains("Delete the link “Vendor terms”?", dialogs.Markup));
        await dialogs.FindAll("button").Single(b => b.TextContent.Contains("Keep it")).ClickAsync(new());

        Assert.Single((await register.ListAsync(maya, new(EvidenceSubjectKind.Workflow, workflow)))!.Items);
    }
}
