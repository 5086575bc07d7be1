using System.Text;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Obligations;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Import;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Import;

/// <summary>The import wizard bringing agents in with the built-in agents export preset, as a compliance officer does.</summary>
public sealed class AgentImportWizardTests : ComponentTest
{
    private TestServices core = null!;

    public override async Task InitializeAsync()
    {
        core = await UseCoreAsync();
        await core.AddDepartmentAsync("Finance");
        var officer = await core.CreateUserAsync("Olivia Officer", Roles.ComplianceOfficer);
        var tool = await core.Provider.GetRequiredService<ToolCatalog>().SaveAsync(officer, null, new ToolForm
        {
            Name = "Agent model", Vendor = "Acme", MaxClassificationId = await core.ClassificationIdAsync("Internal"), ApprovalStatus = ToolApprovalStatus.Approved,
        });
        Assert.Equal(SaveStatus.Saved, tool.Status);
        Auth.SetAuthorized("Olivia Officer");
        Auth.SetRoles(Roles.ComplianceOfficer);
        Auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, TestServices.UserId(officer)));
    }

    private static void Click(IRenderedComponent<ImportPage> page, string text)
    {
        // Found and clicked in one turn of the renderer: a render between the two would leave the click on a stale handler.
        page.WaitForAssertion(() => page.InvokeAsync(() =>
                page.FindAll("button").First(b => b.TextContent.Trim() == text && !b.HasAttribute("disabled")).Click()).GetAwaiter().GetResult(),
            TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task An_agents_file_imports_with_the_agents_preset_found_again_by_name_within_its_department()
    {
        var file = string.Join(',', ImportFields.Agent.Select(f => f.Label)) + "\r\n"
            + "Invoice reader,Finance,,Reads supplier invoices.,Agent model,Read data,,Suggests only,,,Internal,,Draft,Provider\r\n";
        var page = Render<ImportPage>();
        page.Find("#i-target").Change(ImportTarget.Agents.ToString());
        Assert.Contains(page.FindAll("#i-preset option"), o => o.TextContent.Trim() == BuiltInPresets.ExportAgents);
        page.Find("#i-preset").Change(BuiltInPresets.ExportAgents);
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(file, "agents.csv"));
        page.WaitForAssertion(() => Assert.Contains("column names in row 1: 14 columns", page.Find("[data-testid=detected]").TextContent), TimeSpan.FromSeconds(20));

        Click(page, "Next"); // columns
        Click(page, "Next"); // values
        Click(page, "Next"); // key
        page.WaitForAssertion(() => Assert.Equal(["The name within its department"],
            page.FindAll(".import-key-choice strong").Select(s => s.TextContent.Trim())));
        Click(page, "Next"); // dry run and import
        Click(page, "Import");
        page.WaitForAssertion(() => Assert.Contains("Imported.", page.Find("[data-testid=import-summary]").TextContent), TimeSpan.FromSeconds(30));

        var agents = await core.Provider.GetRequiredService<AgentInventory>().ListAsync();
        var agent = Assert.Single(agents);
        Assert.Equal(("Invoice reader", "Finance", WorkflowStatus.Draft), (agent.Name, agent.Department, agent.Status));
        Assert.Equal(OperatorRole.Provider, (await core.Provider.GetRequiredService<AgentInventory>().GetAsync(agent.Id))!.OperatorRole);
        Assert.Contains($"Agent {agent.Id}", page.Markup, StringComparison.Ordinal);
    }
}
