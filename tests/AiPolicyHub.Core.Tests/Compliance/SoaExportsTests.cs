using AiPolicyHub.Core.Compliance;
using AiPolicyHub.Core.ImportExport.Reading;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Tests.Incidents;
using AiPolicyHub.Core.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Compliance;

public sealed class SoaExportsTests : IAsyncLifetime
{
    private PauseScenario s = null!;
    private SoaExports Exports => s.Test.Provider.GetRequiredService<SoaExports>();

    public async Task InitializeAsync() => s = await PauseScenario.CreateAsync();

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task The_PDF_lists_every_control_with_its_coverage_and_carries_the_fingerprint_recorded_in_the_report_history()
    {
        await s.WorkflowOnUnapprovedToolAsync("Support reply drafts");
        await s.AttachToControlAsync("A.2.2", "AI policy, signed by the board");
        await s.Statement().SaveAsync(s.Cora, "A.7.2", new SoaControlForm { Applicable = false, Justification = "We train no models ourselves." }, 0);

        var export = await Exports.ExportAsync(s.Cora, SoaExportFormat.Pdf, null);

        Assert.True(export.Succeeded, export.Message);
        var path = Path.Combine(s.Test.Folder, "soa.pdf");
        await File.WriteAllBytesAsync(path, export.Content!);
        KeepForALook(path);
        var text = PdfTools.Text(path);
        Assert.Contains("Statement of Applicability", text);
        Assert.Contains("A.10.4", text);
        Assert.Contains("We train no models ourselves.", text);
        Assert.Contains(export.Metadata!.Fingerprint, text.Replace("\n", ""));
        var history = await s.Test.Provider.GetRequiredService<ReportService>().CheckAsync(s.Sue, export.Metadata.ReportId, export.Metadata.Fingerprint);
        Assert.True(history.Matches, history.Message);
    }

    [Fact]
    public async Task The_workbook_reads_back_with_a_row_per_control_and_the_fingerprint_below()
    {
        await s.AttachToControlAsync("A.2.2", "AI policy, signed by the board");

        var export = await Exports.ExportAsync(s.Colin, SoaExportFormat.Xlsx, null);

        using var reader = new XlsxTableReader(new MemoryStream(export.Content!), null);
        reader.Open(1);
        var rows = reader.Rows().Select(r => r.Cells).ToList();
        Assert.Equal("Control", reader.Headers[0]);
        Assert.Equal(AnnexAControls.All.Select(c => c.Code), rows.Take(38).Select(r => r[0]));
        Assert.Equal("Evidenced", rows.Single(r => r[0] == "A.2.2")[reader.Headers.ToList().IndexOf("Coverage")]);
        Assert.Equal(export.Metadata!.Fingerprint, rows.Single(r => r[0] == "Data fingerprint")[1]);
    }

    [Fact]
    public async Task A_published_version_exports_the_same_fingerprint_whatever_changed_since()
    {
        await s.Statement().PublishAsync(s.Cora, "First statement for the certification audit.");
        var before = await Exports.ExportAsync(s.Cora, SoaExportFormat.Pdf, 1);
        await s.AttachToControlAsync("A.2.2", "AI policy, signed by the board");

        var after = await Exports.ExportAsync(s.Cora, SoaExportFormat.Pdf, 1);
        var live = await Exports.ExportAsync(s.Cora, SoaExportFormat.Pdf, null);

        Assert.Equal(before.Metadata!.Fingerprint, after.Metadata!.Fingerprint);
        Assert.NotEqual(after.Metadata.Fingerprint, live.Metadata!.Fingerprint);
        Assert.Equal(ReportRefusal.NotFound, (await Exports.ExportAsync(s.Cora, SoaExportFormat.Pdf, 9)).Refusal);
        Assert.Equal(ReportRefusal.Forbidden, (await Exports.ExportAsync(s.Maya, SoaExportFormat.Xlsx, null)).Refusal);
    }

    private static void KeepForALook(string path)
    {
        // Set AIPOLICYHUB_KEEP_REPORTS to a folder to keep the file for a look (e.g. pdftoppm -png).
        if (Environment.GetEnvironmentVariable("AIPOLICYHUB_KEEP_REPORTS") is { Length: > 0 } keep)
        {
            File.Copy(path, Path.Combine(keep, "statement-of-applicability.pdf"), overwrite: true);
        }
    }
}
