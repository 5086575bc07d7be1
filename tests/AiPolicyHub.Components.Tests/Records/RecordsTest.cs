using System.Security.Claims;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Shared;
using AiPolicyHub.Web.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Records;

/// <summary>
/// Pages about records (incidents, pauses, reports, the policy) over Core's services and a test database, with the
/// signed-in user being a real user of that database, so Core's own role checks decide what the page may show.
/// </summary>
public abstract class RecordsTest : ComponentTest
{
    protected static readonly UserTime Berlin = UserTime.FromCookie("Europe%2FBerlin");

    protected TestServices Core { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Core = await UseCoreAsync();
        Services.AddSingleton<HtmlReportRenderer>();
        // The test clock, also for the pages (bUnit brings a clock of its own).
        Services.AddSingleton(Core.Clock);
        Services.AddScoped<PolicyAcknowledgementNotice>();
        // Not interactive, so the bell starts no refresh timer. Last: it builds the renderer, after which no service can be added.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: false));
    }

    /// <summary>Creates a user with <paramref name="role"/> in the test database and signs them in.</summary>
    protected async Task<ClaimsPrincipal> SignInNewAsync(string name, string role, params int[] managedDepartments)
    {
        var principal = await Core.CreateUserAsync(name, role, managedDepartments);
        Auth.SetAuthorized(name);
        Auth.SetRoles(role);
        Auth.SetClaims(new Claim(ClaimTypes.NameIdentifier, TestServices.UserId(principal)), new Claim(ClaimTypes.Name, name));
        return principal;
    }

    /// <summary>Approved workflows in <paramref name="department"/>, stored directly.</summary>
    protected async Task<IReadOnlyList<int>> AddWorkflowsAsync(int department, int count, string name = "Support reply drafts")
    {
        var level = await Core.ClassificationIdAsync("Internal");
        var workflows = Enumerable.Range(1, count).Select(i => new Workflow
        {
            Name = count == 1 ? name : $"{name} {i}", Purpose = "Drafts replies.", DepartmentId = department, DataClassificationId = level,
            ApprovingRole = "Lead", Stage = LifecycleStage.Pilot, Status = WorkflowStatus.Approved,
            NextReviewDate = DateOnly.FromDateTime(Core.Clock.GetUtcNow().UtcDateTime).AddMonths(6),
        }).ToList();
        await Core.AddWorkflowsAsync(workflows);
        return [.. workflows.Select(w => w.Id)];
    }

    /// <summary>An incident reported by <paramref name="reporter"/> against a new workflow in <paramref name="department"/>.</summary>
    protected async Task<int> ReportIncidentAsync(ClaimsPrincipal reporter, int department, DateTime occurredAtUtc)
    {
        var workflow = (await AddWorkflowsAsync(department, 1))[0];
        var outcome = await Core.Incidents.ReportAsync(reporter, new IncidentReport
        {
            WorkflowId = workflow, Title = "Refund promised that we do not offer", WhatHappened = "A drafted reply promised a refund.",
            OccurredAt = occurredAtUtc, Severity = IncidentSeverity.Medium,
        });
        Assert.Equal(SaveStatus.Saved, outcome.Status);
        return outcome.Id;
    }
}
