using System.Text.RegularExpressions;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Definitions;
using AiPolicyHub.Core.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Incidents;

public sealed partial class PausedInReportsTests
{
    [Fact]
    public async Task The_register_and_the_assessment_sheet_say_do_not_use_paused_with_the_reason_and_list_the_incident()
    {
        await using var s = await PauseScenario.CreateAsync();
        var workflow = await s.WorkflowAsync("Reply drafts", await s.ToolAsync("Chatty"));
        await s.Test.Incidents.ReportAsync(s.Sue, new IncidentReport
        {
            WorkflowId = workflow, Title = "Refund promised wrongly", WhatHappened = "A reply promised a refund we do not offer.",
            OccurredAt = s.Test.Clock.GetUtcNow().UtcDateTime.AddHours(-1), Severity = IncidentSeverity.Critical, Category = IncidentCategory.WrongOutputReachedCustomer,
        });
        var service = new ReportService(s.Test.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>(), s.Test.RuleSettings, s.Test.Directory,
            s.Test.Provider.GetRequiredService<AuditTrail>(), s.Test.Clock, new ReportOptions());
        using var folder = new TempFolder();

        var register = await TextOfAsync(service, s, folder, new ReportRequest(ReportKind.RiskRegister));
        var sheet = await TextOfAsync(service, s, folder, new ReportRequest(ReportKind.WorkflowAssessment, WorkflowId: workflow));

        Assert.Contains("Do not use — paused", register);
        Assert.Contains("Critical incident #1: Refund promised wrongly (risk trigger “A critical incident”)", register);
        Assert.Contains("Refund promised wrongly Wrong output reached a customer Reply drafts Critical Reported", register);
        Assert.Contains("Do not use — paused", sheet);
        Assert.Contains("Critical incident #1: Refund promised wrongly (paused by Sue Staff", sheet);
    }

    private static async Task<string> TextOfAsync(ReportService service, PauseScenario s, TempFolder folder, ReportRequest request)
    {
        var outcome = await service.GenerateAsync(s.Cora, request);
        Assert.True(outcome.Succeeded, outcome.Message);
        var path = Path.Combine(folder.Path, $"{request.Kind}.pdf");
        await File.WriteAllBytesAsync(path, outcome.Pdf!);
        return Spaces().Replace(PdfTools.Text(path), " ");
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
