using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.Identity;
using Xunit.Abstractions;

namespace AiPolicyHub.Web.Tests.Api;

/// <summary>Runs alone, so the working set it samples is the hostile import's and no other test's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MemoryMeasuredCollection
{
    public const string Name = "Memory measured";
}

/// <summary>Import limits that hold whatever the file: cells and unpacked parts of a workbook, the upload size, the proxy's size.</summary>
[Collection(MemoryMeasuredCollection.Name)]
public sealed class ImportLimitTests(AppFactory app, ITestOutputHelper output) : IClassFixture<AppFactory>
{
    /// <summary>
    /// The app idles at about 270 MB; what an import may add on top so that it stays under 500 MB. Measured as growth, because
    /// this test process also holds the apps of the tests that ran before it (the old code grew by about 1.8 GB here).
    /// </summary>
    private const long GrowthLimit = 230L * 1024 * 1024;

    private static string Address(string fileName) =>
        $"/api/v1/imports?preset={Uri.EscapeDataString(BuiltInPresets.ExportTools)}&fileName={fileName}&dryRun=true";

    [Fact]
    public async Task A_410_KB_workbook_with_one_400_MB_cell_is_refused_clearly_without_the_memory_it_asks_for()
    {
        var client = app.ClientWith((await app.CreateTokenUserAsync(Roles.ComplianceOfficer)).Token);
        using var file = HostileWorkbook(sheetCell: 400L * 1024 * 1024);
        Assert.True(file.Length < 1024 * 1024, $"{file.Length} bytes");

        var (response, peak) = await MeasuredAsync(() => client.PostAsync(Address("hostile.xlsx"), Xlsx(file)));
        output.WriteLine($"hostile workbook {file.Length / 1024} KB; working set grew by at most {peak / 1024 / 1024} MB during its import");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(body.Contains("xl/worksheets/sheet1.xml unpacks to more than 128 MB"), body);
        Assert.True(body.Length < 10_000, $"the answer is {body.Length} characters long: it echoes the cell");
        Assert.DoesNotContain("AAAAAAAAAA", body);
        Assert.True(peak < GrowthLimit, $"working set grew by {peak / 1024 / 1024} MB");
    }

    [Fact]
    public async Task A_workbook_cell_longer_than_a_csv_cell_may_be_is_refused_and_not_echoed()
    {
        var client = app.ClientWith((await app.CreateTokenUserAsync(Roles.ComplianceOfficer)).Token);
        using var file = HostileWorkbook(sheetCell: 2L * 1024 * 1024);

        var response = await client.PostAsync(Address("long-cell.xlsx"), Xlsx(file));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True(body.Contains("A cell in row 2 is longer than 100,000 characters"), body);
        Assert.DoesNotContain("AAAAAAAAAA", body);
    }

    [Fact]
    public async Task A_workbook_part_that_unpacks_past_the_limit_is_refused_before_it_is_read()
    {
        var client = app.ClientWith((await app.CreateTokenUserAsync(Roles.ComplianceOfficer)).Token);
        using var file = HostileWorkbook(sheetCell: 0, paddingRows: (int)(ImportLimits.MaxInflatedPartBytes / 40) + 1000);

        var (response, peak) = await MeasuredAsync(() => client.PostAsync(Address("padded.xlsx"), Xlsx(file)));
        output.WriteLine($"padded workbook {file.Length / 1024} KB; working set grew by at most {peak / 1024 / 1024} MB during its import");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("unpacks to more than 128 MB", await response.Content.ReadAsStringAsync());
        Assert.True(peak < GrowthLimit, $"working set grew by {peak / 1024 / 1024} MB");
    }

    [Fact]
    public async Task An_upload_over_50_MB_gets_413_with_its_size()
    {
        var client = app.ClientWith((await app.CreateTokenUserAsync(Roles.ComplianceOfficer)).Token);
        var content = new ByteArrayContent(new byte[ImportLimits.MaxFileBytes + 1024 * 1024]);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");

        var response = await client.PostAsync(Address("big.csv"), content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = (await ApiFixture.JsonOf(response)).GetProperty("detail").GetString();
        Assert.Contains("51.0 MB", detail);
        Assert.Contains("up to 50 MB", detail);
    }

    [Fact]
    public void The_proxy_takes_uploads_exactly_as_large_as_the_app()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder!.FullName, "AiPolicyHub.sln")))
        {
            folder = folder.Parent;
        }
        var nginx = File.ReadAllText(Path.Combine(folder.FullName, "infra", "nginx", "aipolicyhub.conf"));

        var limit = Regex.Match(nginx, @"client_max_body_size\s+(\d+)m;");

        Assert.True(limit.Success);
        Assert.Equal(ImportLimits.MaxFileBytes / 1024 / 1024, long.Parse(limit.Groups[1].Value));
    }

    private static StreamContent Xlsx(Stream file)
    {
        file.Position = 0;
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        return content;
    }

    /// <summary>Runs <paramref name="send"/> while sampling the process's working set; how far the highest sample is above the start.</summary>
    private static async Task<(HttpResponseMessage Response, long Peak)> MeasuredAsync(Func<Task<HttpResponseMessage>> send)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        var baseline = self.WorkingSet64;
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peak = Math.Max(peak, process.WorkingSet64);
                try { await Task.Delay(25, stop.Token); } catch (OperationCanceledException) { }
            }
        });
        var response = await send();
        stop.Cancel();
        await sampler;
        return (response, peak - baseline);
    }

    /// <summary>
    /// A workbook of the tool export's columns with, in row 2, a cell of <paramref name="sheetCell"/> letters (written in
    /// pieces: the test never holds it), and <paramref name="paddingRows"/> rows of filler after it. Compressed, a few hundred KB.
    /// </summary>
    private static FileStream HostileWorkbook(long sheetCell, int paddingRows = 0)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Write(zip, "_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Write(zip, "xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Tools" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Write(zip, "xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            using var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open(), new UTF8Encoding(false));
            sheet.Write("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            sheet.Write("""<row r="1"><c r="A1" t="inlineStr"><is><t>External id</t></is></c><c r="B1" t="inlineStr"><is><t>Name</t></is></c></row>""");
            sheet.Write("""<row r="2"><c r="A2" t="inlineStr"><is><t>T-1</t></is></c><c r="B2" t="inlineStr"><is><t>""");
            var chunk = new string('A', 1024 * 1024);
            for (long written = 0; written < sheetCell; written += chunk.Length)
            {
                sheet.Write(chunk);
            }
            sheet.Write("</t></is></c></row>");
            for (var row = 3; row < paddingRows + 3; row++)
            {
                sheet.Write($"""<row r="{row}"><c r="A{row}"><v>1</v></c></row>""");
            }
            sheet.Write("</sheetData></worksheet>");
        }
        file.Position = 0;
        return file;
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
