using AiPolicyHub.Core;
using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Workflows;
using AiPolicyHub.Web.Components.Shared;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AiPolicyHub.Components.Tests.WorkflowEditing;

/// <summary>
/// The workflow page over a test database: a department with its manager, two compliance officers, one approved tool
/// that may receive internal data. The pause panel (tested on its own) is stubbed.
/// </summary>
public abstract class WorkflowFormTest : ComponentTest
{
    protected static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
    protected static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    protected TestServices Core { get; private set; } = null!;
    protected ClaimsPrincipal Maya { get; private set; } = null!;
    protected ClaimsPrincipal Cora { get; private set; } = null!;
    protected ClaimsPrincipal Olga { get; private set; } = null!;
    protected int General { get; private set; }
    protected int Internal { get; private set; }
    protected int Confidential { get; private set; }
    protected int Summarizer { get; private set; }

    public override async Task InitializeAsync()
    {
        Core = await UseCoreAsync(new TestClock(Now));
        ComponentFactories.AddStub<PausePanel>();
        General = await Core.AddDepartmentAsync("Board office");
        Internal = await Core.ClassificationIdAsync("Internal");
        Confidential = await Core.ClassificationIdAsync("Confidential");
        Maya = await Core.CreateUserAsync("Maya Manager", Roles.Manager, General);
        Cora = await Core.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        Olga = await Core.CreateUserAsync("Olga Officer", Roles.ComplianceOfficer);
        Summarizer = (await Core.Tools.SaveAsync(Cora, null, new ToolForm
        {
            Name = "Summarizer", Vendor = "Acme", MaxClassificationId = Internal, HasDataProcessingAgreement = true,
            ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
    }

    protected void SignIn(ClaimsPrincipal who)
    {
        var name = who.FindFirstValue(ClaimTypes.Name) ?? TestServices.UserId(who);
        Auth.SetAuthorized(name);
        Auth.SetRoles(who.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray());
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(who)), new Claim(ClaimTypes.Name, name));
    }

    /// <summary>Maya records a workflow in her department (with the given data classification) and returns its id.</summary>
    protected async Task<int> CreateWorkflowAsync(int? classification = null, string name = "Board minutes")
    {
        var outcome = await Core.Workflows.SaveAsync(Maya, null, new AiPolicyHub.Core.Inventory.WorkflowForm
        {
            Name = name, DepartmentId = General, OwnerId = TestServices.UserId(Maya), Purpose = "Drafts minutes from the recording.",
            ToolIds = [Summarizer], Stage = LifecycleStage.Pilot, Autonomy = Autonomy.Draft, Audience = Audience.Internal,
            DataClassificationId = classification ?? Internal, Oversight = HumanOversight.ReviewBeforeUse, ApprovingRole = "Secretary",
        });
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return outcome.Id;
    }

    protected IRenderedComponent<WorkflowEdit> RenderPage(int? id = null, string? grant = null)
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo((id is null ? "/workflows/new" : $"/workflows/{id}") + (grant is null ? "" : $"?grant={grant}"));
        Render<MudPopoverProvider>(); // where the selects' options render
        var cut = Render<WorkflowEdit>(p => p.Add(x => x.Id, id));
        cut.WaitForState(() => cut.FindAll("form.edit-form").Count > 0, TimeSpan.FromSeconds(10));
        return cut;
    }

    /// <summary>The input a visible label names (as a browser's getByLabel finds it).</summary>
    protected static IElement Field(IRenderedComponent<IComponent> cut, string label)
    {
        var forId = cut.FindAll("label").First(l => l.TextContent.Trim() == label).GetAttribute("for");
        return cut.Find($"[id='{forId}']");
    }

    /// <summary>The whole field (input, label, help or error text) around the input a label names.</summary>
    protected static IElement FieldBox(IRenderedComponent<IComponent> cut, string label) =>
        cut.FindAll("label").First(l => l.TextContent.Trim() == label).Closest(".mud-input-control")!;
}
