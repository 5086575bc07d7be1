using System.Text;
using AiPolicyHub.Core.ImportExport;

namespace AiPolicyHub.Core.Tests.ImportExport;

/// <summary>Acceptance 2: broken files get a clear message and leave the database exactly as it was.</summary>
public class BrokenInputTests
{
    private const string Header = "id,name,purpose\r\n";

    private static string ValidRows(int count) =>
        string.Concat(Enumerable.Range(1, count).Select(i => $"W-{i},Workflow {i},\"Drafts replies, with care\"\r\n"));

    public static TheoryData<string, string> Cases() => new()
    {
        { "truncated", "cut off" },
        { "unbalanced-quotes", "unbalanced" },
        { "unclosed-quote-at-the-end", "never closed" },
        { "wrong-encoding-declared", "UTF-8" },
        { "binary-renamed-csv", "not text" },
        { "empty", "empty" },
        { "header-only", "no rows" },
        { "random-20-mb", "not text" },
        { "ten-thousand-columns", "10,000 cells" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_broken_file_is_refused_with_a_clear_message_and_changes_nothing(string kind, string expected)
    {
        await using var kit = await ImportTestKit.StartAsync();
        // Something already stored, so "unchanged" means more than "still empty".
        var seeded = await kit.ImportTextAsync(Header + ValidRows(3), ImportTestKit.SimpleMapping);
        Assert.True(seeded.Committed, seeded.Summary);
        var before = await kit.SnapshotAsync();

        var (content, mapping) = Broken(kind);
        var report = await kit.ImportAsync(content, "inventory.csv", mapping);

        Assert.False(report.Committed);
        var messages = string.Join(" ", report.FileErrors.Concat(report.RowResults.SelectMany(r => r.Issues).Select(i => i.Message))) + " " + report.Summary;
        Assert.Contains(expected, messages, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, await kit.SnapshotAsync());
    }

    private static (byte[] Content, ImportMapping Mapping) Broken(string kind)
    {
        var mapping = ImportTestKit.SimpleMapping;
        var valid = Encoding.UTF8.GetBytes(Header + ValidRows(50) + "W-51,Last one,Complete purpose\r\n");
        switch (kind)
        {
            case "truncated":
                // Cut in the middle of the last record: its row is short.
                var text = Header + ValidRows(50) + "W-51,Last one";
                return (Encoding.UTF8.GetBytes(text), mapping);
            case "unbalanced-quotes":
                return (Encoding.UTF8.GetBytes(Header + ValidRows(5) + "W-6,Broken,\"This quote never closes\r\n" + ValidRows(5)), mapping);
            case "unclosed-quote-at-the-end":
                return (Encoding.UTF8.GetBytes(Header + ValidRows(5) + "W-6,Broken,\"This quote never closes\r\nand the file ends"), mapping);
            case "wrong-encoding-declared":
                // Windows-1252 bytes ("é" as 0xE9) declared as UTF-8.
                var latin = Encoding.Latin1.GetBytes(Header + "W-1,Café assistant,Drafts menus\r\n");
                return (latin, mapping with { Source = new SourceOptions { Encoding = "utf-8" } });
            case "binary-renamed-csv":
                return (File.ReadAllBytes(typeof(BrokenInputTests).Assembly.Location), mapping);
            case "empty":
                return ([], mapping);
            case "header-only":
                return (Encoding.UTF8.GetBytes(Header), mapping);
            case "random-20-mb":
                var random = new byte[20 * 1024 * 1024];
                new Random(7).NextBytes(random);
                return (random, mapping);
            case "ten-thousand-columns":
                var wide = Header + ValidRows(2) + "W-9,Wide,purpose," + string.Join(",", Enumerable.Repeat("x", 10_000 - 3)) + "\r\n";
                return (Encoding.UTF8.GetBytes(wide), mapping);
            default:
                return (valid, mapping);
        }
    }

    [Fact]
    public async Task A_Windows_1252_file_is_detected_and_reads_without_mojibake()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var latin = CodePages().GetBytes(Header + "W-1,Café “naïve” assistant,Drafts menus – fast\r\n");

        var report = await kit.ImportAsync(latin, "cafe.csv", ImportTestKit.SimpleMapping);

        Assert.True(report.Committed, report.Summary);
        Assert.Equal("windows-1252", report.DetectedEncoding);
        await using var db = await kit.Services.DbAsync();
        Assert.Equal("Café “naïve” assistant", db.Workflows.Single().Name);
    }

    [Theory]
    [InlineData("utf-16")]
    [InlineData("utf-8-bom")]
    [InlineData("semicolon")]
    [InlineData("tab")]
    public async Task Other_encodings_and_delimiters_are_detected(string variant)
    {
        await using var kit = await ImportTestKit.StartAsync();
        var text = "id;name;purpose\r\nW-1;Ünïcødé 名前;\"Line one\nline two; with a semicolon\"\r\n";
        var bytes = variant switch
        {
            "utf-16" => [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text.Replace(';', ','))],
            "utf-8-bom" => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.Replace(';', ',').Replace("Line one\nline two, with", "Line one\nline two; with"))],
            "tab" => Encoding.UTF8.GetBytes(text.Replace(';', '\t')),
            _ => Encoding.UTF8.GetBytes(text),
        };

        var report = await kit.ImportAsync(bytes, "x.csv", ImportTestKit.SimpleMapping);

        Assert.True(report.Committed, report.Summary + string.Join(" ", report.RowResults.SelectMany(r => r.Issues).Select(i => i.Message)));
        await using var db = await kit.Services.DbAsync();
        var stored = db.Workflows.Single();
        Assert.Equal("Ünïcødé 名前", stored.Name);
        Assert.StartsWith("Line one\nline two", stored.Purpose);
    }

    [Fact]
    public async Task Cancelling_in_the_middle_of_an_import_writes_nothing()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var before = await kit.SnapshotAsync();
        var content = Encoding.UTF8.GetBytes(Header + ValidRows(5_000));
        using var cancel = new CancellationTokenSource();
        var progress = new Progress<ImportProgress>();
        var request = new ImportRequest { FileName = "big.csv", Mapping = ImportTestKit.SimpleMapping };
        // Cancel once the first batch is written inside the transaction.
        var reporter = new CancelAfterFirstBatch(cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            kit.Services.Importer.ImportAsync(kit.Officer, new MemoryStream(content), request, reporter, cancel.Token));

        Assert.True(reporter.Batches >= 1);
        Assert.Equal(before, await kit.SnapshotAsync());
    }

    private sealed class CancelAfterFirstBatch(CancellationTokenSource cancel) : IProgress<ImportProgress>
    {
        public int Batches { get; private set; }

        public void Report(ImportProgress value)
        {
            Batches++;
            cancel.Cancel();
        }
    }

    [Fact]
    public async Task A_rejected_row_keeps_the_whole_file_out_unless_rejected_rows_are_skipped()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var csv = Header + ValidRows(3) + "W-4,,No name given\r\n";

        var strict = await kit.ImportTextAsync(csv, ImportTestKit.SimpleMapping);
        var dry = await kit.ImportAsync(Encoding.UTF8.GetBytes(csv), "x.csv", ImportTestKit.SimpleMapping, dryRun: true, skipRejected: true);
        var lenient = await kit.ImportAsync(Encoding.UTF8.GetBytes(csv), "x.csv", ImportTestKit.SimpleMapping, skipRejected: true);

        Assert.False(strict.Committed);
        var rejected = Assert.Single(strict.RowResults, r => r.Outcome == RowOutcome.Rejected);
        Assert.Equal(5, rejected.Row);
        Assert.Contains(rejected.Issues, i => i.Field == nameof(ImportFieldKey.Name) && i.Message == "Enter a name.");
        Assert.Equal((3, 1), (dry.Created, dry.Rejected));
        Assert.False(dry.Committed);
        Assert.True(lenient.Committed);
        Assert.Equal(3, lenient.Created);
        await using var db = await kit.Services.DbAsync();
        Assert.Equal(3, db.Workflows.Count());
    }

    private static Encoding CodePages()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
