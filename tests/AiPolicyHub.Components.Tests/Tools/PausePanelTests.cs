using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AiPolicyHub.Components.Tests.Tools;

public sealed class PausePanelTests : ComponentTest
{
    private TestServices core = null!;
    private int tool, version;

    public override async Task InitializeAsync()
    {
        core = await UseCoreAsync();
        var cora = await core.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var internalLevel = await core.ClassificationIdAsync("Internal");
        var department = await core.AddDepartmentAsync("Support");
        var saved = await core.Tools.SaveAsync(cora, null, new ToolForm
        {
            Name = "Chatbot", Vendor = "Acme", MaxClassificationId = internalLevel, ApprovalStatus = ToolApprovalStatus.Approved,
        });
        (tool, version) = (saved.Id, saved.Version);
        foreach (var name in new[] { "Reply drafts", "Meeting notes" })
        {
            await core.Workflows.SaveAsync(cora, null, new WorkflowForm
            {
                Name = name, Purpose = "Drafts.", DepartmentId = department, DataClassificationId = internalLevel, ToolIds = [tool],
                ApprovingRole = "Team lead",
            });
        }
        Auth.SetAuthorized("Cora Compliance");
        Auth.SetRoles(Roles.ComplianceOfficer);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(cora)), new Claim(ClaimTypes.Name, "Cora Compliance"));
    }

    [Fact]
    public async Task Pausing_a_tool_first_asks_for_confirmation_naming_the_workflows_it_stops()
    {
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<PausePanel>(p => p.Add(c => c.ToolId, tool).Add(c => c.ToolVersion, version));
        panel.WaitForElement("#pause-reason");

        await panel.Find("#pause-reason").InputAsync(new ChangeEventArgs { Value = "The vendor changed its terms." });
        var pause = panel.FindAll("button").Single(b => b.TextContent.Contains("Pause tool"));
        _ = pause.ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Equal(["Meeting notes", "Reply drafts"],
            dialogs.FindAll("ul.pause-stops li").Select(li => li.TextContent)));
        Assert.Contains("Pause the tool and 2 workflows", dialogs.Markup);
        Assert.Null((await core.Tools.GetAsync(tool))!.PausedReason);
    }

    [Fact]
    public async Task Keeping_the_tool_running_in_the_confirmation_pauses_nothing()
    {
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<PausePanel>(p => p.Add(c => c.ToolId, tool).Add(c => c.ToolVersion, version));
        panel.WaitForElement("#pause-reason");
        await panel.Find("#pause-reason").InputAsync(new ChangeEventArgs { Value = "The vendor changed its terms." });
        _ = panel.FindAll("button").Single(b => b.TextContent.Contains("Pause tool")).ClickAsync(new());
        dialogs.WaitForElement("ul.pause-stops");

        await dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it running").ClickAsync(new());

        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("ul.pause-stops")));
        Assert.Null((await core.Tools.GetAsync(tool))!.PausedReason);
    }

    [Fact]
    public async Task Confirming_pauses_the_tool()
    {
        var dialogs = Render<MudDialogProvider>();
        var panel = Render<PausePanel>(p => p.Add(c => c.ToolId, tool).Add(c => c.ToolVersion, version));
        panel.WaitForElement("#pause-reason");
        await panel.Find("#pause-reason").InputAsync(new ChangeEventArgs { Value = "The vendor changed its terms." });
        _ = panel.FindAll("button").Single(b => b.TextContent.Contains("Pause tool")).ClickAsync(new());
        dialogs.WaitForElement("ul.pause-stops");

        await dialogs.FindAll("button").Single(b => b.TextContent.Contains("Pause the tool and 2 workflows")).ClickAsync(new());

        await WaitAsync(async () => (await core.Tools.GetAsync(tool))!.PausedReason is not null);
        Assert.Equal("The vendor changed its terms.", (await core.Tools.GetAsync(tool))!.PausedReason);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100 && !await condition(); i++)
        {
            await Task.Delay(50);
        }
    }
}
