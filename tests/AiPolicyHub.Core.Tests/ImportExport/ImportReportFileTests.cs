using System.Text;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.ImportExport.Export;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.ImportExport;

public sealed class ImportReportFileTests
{
    [Fact]
    public async Task The_full_report_lists_every_row_with_its_record_and_messages()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var csv = new StringBuilder("id,name,purpose\r\n");
        for (var i = 1; i <= 700; i++)
        {
            csv.Append($"W-{i},Workflow {i},{(i == 650 ? "" : "Drafts replies")}\r\n");
        }

        var report = await kit.ImportTextAsync(csv.ToString(), ImportTestKit.SimpleMapping with { }, dryRun: false);
        using var file = new MemoryStream();
        ImportReportFile.Write(report, ExportFormat.Csv, file);

        // Row 650 has no purpose: nothing is written, and the report still lists all 700 rows.
        Assert.False(report.Committed);
        Assert.Equal(700, report.AllRows.Count);
        Assert.True(report.RowResults.Count < 700, "the API's answer keeps only the rejected and the first rows");
        var lines = Encoding.UTF8.GetString(file.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Row,Outcome,Record id,Key,Name,Errors,Warnings", lines[0]);
        Assert.Equal(701, lines.Length);
        Assert.StartsWith("651,Rejected,,W-650,Workflow 650,", lines[650]);
        Assert.Contains("Purpose", lines[650]);
    }

    [Fact]
    public async Task Created_and_updated_rows_name_the_record_they_wrote()
    {
        await using var kit = await ImportTestKit.StartAsync();
        const string first = "id,name,purpose\r\nW-1,Ticket triage,Routes tickets\r\nW-2,Meeting notes,Summarises meetings\r\n";

        var created = await kit.ImportTextAsync(first, ImportTestKit.SimpleMapping);
        var updated = await kit.ImportTextAsync(first.Replace("Routes tickets", "Routes tickets to teams"), ImportTestKit.SimpleMapping);

        await using var db = await kit.Services.DbAsync();
        var ids = await db.Workflows.ToDictionaryAsync(w => w.ExternalId!, w => w.Id);
        Assert.Equal([ids["W-1"], ids["W-2"]], created.AllRows.Select(r => r.RecordId!.Value));
        Assert.Equal([RowOutcome.Updated, RowOutcome.Unchanged], updated.AllRows.Select(r => r.Outcome));
        Assert.Equal([ids["W-1"], ids["W-2"]], updated.AllRows.Select(r => r.RecordId!.Value));
        Assert.Equal("report-test-2026-12-03.xlsx", ImportReportFile.FileName(created, ExportFormat.Xlsx, new DateOnly(2026, 12, 3)));
    }
}
