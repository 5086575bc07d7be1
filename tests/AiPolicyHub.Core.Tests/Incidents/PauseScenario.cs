using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Incidents;

/// <summary>A small organisation for the pause tests: two compliance officers, a manager of Support, a staff member, tools and workflows.</summary>
internal sealed class PauseScenario : IAsyncDisposable
{
    public required TestServices Test { get; init; }
    public required ClaimsPrincipal Cora { get; init; }
    public required ClaimsPrincipal Colin { get; init; }
    public required ClaimsPrincipal Maya { get; init; }
    public required ClaimsPrincipal Sue { get; init; }
    public required int Support { get; init; }
    public required int Internal { get; init; }

    public static async Task<PauseScenario> CreateAsync(TimeProvider? clock = null)
    {
        var test = await new TestServices(clock).InitializeAsync();
        var support = await test.AddDepartmentAsync("Support");
        return new PauseScenario
        {
            Test = test,
            Cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer),
            Colin = await test.CreateUserAsync("Colin Compliance", Roles.ComplianceOfficer),
            Maya = await test.CreateUserAsync("Maya Manager", Roles.Manager, support),
            Sue = await test.CreateUserAsync("Sue Staff", Roles.Staff),
            Support = support,
            Internal = await test.ClassificationIdAsync("Internal"),
        };
    }

    public async Task<int> ToolAsync(string name, Action<ToolForm>? change = null)
    {
        var form = new ToolForm { Name = name, Vendor = "Acme", MaxClassificationId = Internal, ApprovalStatus = ToolApprovalStatus.Approved };
        change?.Invoke(form);
        var outcome = await Test.Tools.SaveAsync(Cora, null, form);
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return outcome.Id;
    }

    /// <summary>An approved workflow of Support using <paramref name="tools"/>.</summary>
    public async Task<int> WorkflowAsync(string name, params int[] tools)
    {
        var outcome = await Test.Workflows.SaveAsync(Maya, null, new WorkflowForm
        {
            Name = name, Purpose = "Drafts replies.", DepartmentId = Support, DataClassificationId = Internal, ToolIds = [.. tools],
            ApprovingRole = "Team lead", Oversight = HumanOversight.ReviewBeforeUse,
        });
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        await using var db = await Test.DbAsync();
        await db.Workflows.Where(w => w.Id == outcome.Id).ExecuteUpdateAsync(s => s.SetProperty(w => w.Status, WorkflowStatus.Approved));
        return outcome.Id;
    }

    public async Task<WorkflowStatus> StatusAsync(int workflowId) => (await Test.Workflows.GetAsync(workflowId))!.Status;

    public async Task<PauseItem> ActivePauseAsync(ClaimsPrincipal reader, int workflowId) =>
        Assert.Single((await Test.Pauses.ForWorkflowAsync(reader, workflowId)).Current, p => p.IsActive);

    /// <summary>Ticks every restart condition of the pause as <paramref name="by"/>; returns its version after.</summary>
    public async Task<int> TickAllAsync(ClaimsPrincipal by, int pauseId, int version)
    {
        foreach (var condition in Enum.GetValues<RestartCondition>())
        {
            var ticked = await Test.Pauses.SetConditionAsync(by, pauseId, version, condition, met: true);
            Assert.Equal(SaveStatus.Saved, ticked.Status);
            version = ticked.Version;
        }
        return version;
    }

    public ValueTask DisposeAsync() => Test.DisposeAsync();
}
