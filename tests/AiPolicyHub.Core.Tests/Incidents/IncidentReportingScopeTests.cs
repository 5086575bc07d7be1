using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Incidents;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Incidents;

/// <summary>Who may report an incident on which workflow (a critical report pauses it at once).</summary>
public sealed class IncidentReportingScopeTests : IAsyncLifetime
{
    private PauseScenario s = null!;
    private int supportFlow, salesFlow, tool, sales;

    public async Task InitializeAsync()
    {
        s = await PauseScenario.CreateAsync();
        tool = await s.ToolAsync("Chatty");
        supportFlow = await s.WorkflowAsync("Support replies", tool);
        sales = await s.Test.AddDepartmentAsync("Sales");
        salesFlow = await s.WorkflowAsync("Sales pitches", tool);
        await using var db = await s.Test.DbAsync();
        await db.Workflows.Where(w => w.Id == salesFlow).ExecuteUpdateAsync(u => u.SetProperty(w => w.DepartmentId, sales));
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    private async Task<ClaimsPrincipal> StaffOfAsync(int? department)
    {
        var staff = await s.Test.CreateUserAsync($"Staff {Guid.NewGuid():N}", Roles.Staff);
        await using var db = await s.Test.DbAsync();
        var id = staff.FindFirstValue(ClaimTypes.NameIdentifier);
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.DepartmentId, department));
        return staff;
    }

    private IncidentReport On(int? workflow, int? aboutTool = null, IncidentSeverity severity = IncidentSeverity.Critical) => new()
    {
        WorkflowId = workflow, ToolId = aboutTool, Title = "Customer data in a prompt", WhatHappened = "Customer records were pasted into the tool.",
        OccurredAt = s.Test.Clock.GetUtcNow().UtcDateTime.AddHours(-2), Severity = severity, Category = IncidentCategory.DataLeak,
    };

    [Fact]
    public async Task Staff_report_on_their_own_departments_workflows_and_on_any_tool_but_not_on_another_departments_workflow()
    {
        var sam = await StaffOfAsync(s.Support);

        var elsewhere = await s.Test.Incidents.ReportAsync(sam, On(salesFlow));
        var own = await s.Test.Incidents.ReportAsync(sam, On(supportFlow));
        var aboutTool = await s.Test.Incidents.ReportAsync(sam, On(null, tool, IncidentSeverity.Medium));

        Assert.Equal((SaveStatus.Forbidden, IncidentLog.OtherDepartmentRefusal), (elsewhere.Status, elsewhere.Message));
        Assert.Equal(SaveStatus.Saved, own.Status);
        Assert.Equal(SaveStatus.Saved, aboutTool.Status);
        // The refused critical report paused nothing; the accepted one paused its workflow.
        Assert.Equal(AiPolicyHub.Core.Inventory.WorkflowStatus.Approved, await s.StatusAsync(salesFlow));
        Assert.Equal(AiPolicyHub.Core.Inventory.WorkflowStatus.Paused, await s.StatusAsync(supportFlow));
    }

    [Fact]
    public async Task Managers_compliance_and_staff_whose_account_names_no_department_report_on_any_workflow()
    {
        foreach (var reporter in new[] { s.Maya, s.Cora, await StaffOfAsync(null) })
        {
            Assert.Equal(SaveStatus.Saved, (await s.Test.Incidents.ReportAsync(reporter, On(salesFlow))).Status);
        }
    }
}
