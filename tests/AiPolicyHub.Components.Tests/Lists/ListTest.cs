using System.Security.Claims;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Tests;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Lists;

/// <summary>The lists' tests: Core over a test database, signed in as a person stored in it.</summary>
public abstract class ListTest : ComponentTest
{
    protected TestServices Core { get; private set; } = null!;
    protected int Marketing { get; private set; }
    protected int Finance { get; private set; }
    protected int Internal { get; private set; }
    protected int Confidential { get; private set; }
    protected int Summarizer { get; private set; }
    protected ClaimsPrincipal Cora { get; private set; } = null!;

    // The lists load after rendering, from a database, on a machine shared with other builds.
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public override async Task InitializeAsync()
    {
        DefaultWaitTimeout = Patience;
        Core = await UseCoreAsync();
        Marketing = await Core.AddDepartmentAsync("Marketing");
        Finance = await Core.AddDepartmentAsync("Finance");
        Internal = await Core.ClassificationIdAsync("Internal");
        Confidential = await Core.ClassificationIdAsync("Confidential");
        Cora = await Core.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        Summarizer = (await Core.Tools.SaveAsync(Cora, null, new ToolForm
        {
            Name = "Summarizer", Vendor = "Acme", MaxClassificationId = Internal, ApprovalStatus = ToolApprovalStatus.Approved,
        })).Id;
        RenderAsLiveSession();
    }

    /// <summary>Signs in as a new stored person with <paramref name="role"/>.</summary>
    protected async Task<ClaimsPrincipal> SignInStoredAsync(string name, string role, params int[] departments)
    {
        var principal = await Core.CreateUserAsync(name, role, departments);
        SignInStored(principal, name, role);
        return principal;
    }

    protected void SignInStored(ClaimsPrincipal principal, string name, string role)
    {
        Auth.SetAuthorized(name);
        Auth.SetRoles(role);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(principal)), new Claim(ClaimTypes.Name, name));
    }

    /// <summary>Records a workflow through the page's save path; Confidential data breaks the Summarizer's limit.</summary>
    protected async Task<int> AddWorkflowAsync(string name, int department, bool confidential = false)
    {
        var saved = await Core.Workflows.SaveAsync(Cora, null, new WorkflowForm
        {
            Name = name, Purpose = "Summaries.", DepartmentId = department, DataClassificationId = confidential ? Confidential : Internal,
            ToolIds = [Summarizer], ApprovingRole = "Team lead",
        });
        Assert.Equal(SaveStatus.Saved, saved.Status);
        return saved.Id;
    }

    protected void GoTo(string address) => Services.GetRequiredService<NavigationManager>().NavigateTo(address);
}
