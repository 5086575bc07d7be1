using Microsoft.EntityFrameworkCore;
using AiPolicyHub.Core.Reports.Definitions;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Data;
using System.Diagnostics;
using System.Globalization;
using AiPolicyHub.Benchmarks.Measurement;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Pdf;
using AiPolicyHub.Web.Reports;

namespace AiPolicyHub.Benchmarks.Areas;

/// <summary>
/// Two registers for 1,000 and 10,000 workflows (or <c>--rows N[,N…]</c>). First a synthetic register-like document
/// (cover, contents, summary with heat map and bar chart, one 8-column row per workflow with seeded text): render time
/// (the model built beforehand), pages, peak managed-heap growth and bytes allocated. Then the real risk register built
/// from a generated SQLite inventory (queries, findings, summary) and rendered: time, pages and peak heap growth. Each
/// is set beside the time headless Chromium takes to print its HTML preview to PDF. Then the audit pack over the same
/// inventory with two evidence records per workflow (<see cref="AuditPackBenchmark"/>). <c>--no-chromium</c> skips the
/// browser; <c>--keep DIR</c> leaves the PDFs and HTML there.
/// </summary>
public sealed class ReportsBenchmark : IBenchmarkArea
{
    private const string Chromium = "/usr/bin/chromium";
    private const int Seed = 20261122;

    public string Name => "reports";

    public string Description => "PDF report renderer: a register of 1,000 and 10,000 workflows (time, pages, heap growth) beside headless Chromium printing its HTML; the audit pack with two evidence records per workflow";

    public async Task RunAsync(Report report, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (rowCounts, withChromium, keep) = ParseArguments(args);
        var renderer = new PdfReportRenderer();
        // JIT (through tiered compilation), fonts and metrics before anything is timed.
        var warmup = SyntheticRegister.Build(1_000, Seed + 1);
        for (var i = 0; i < 4; i++)
        {
            renderer.Render(warmup);
        }

        foreach (var rows in rowCounts)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var document = SyntheticRegister.Build(rows, Seed);
            var runs = rows <= 2_000 ? 5 : 3;
            var times = new List<TimeSpan>();
            long peakGrowth = 0, allocated = 0, size = 0;
            var pages = 0;
            for (var run = 0; run < runs; run++)
            {
                var measured = MeasureRender(renderer, document);
                times.Add(measured.Time);
                peakGrowth = Math.Max(peakGrowth, measured.PeakHeapGrowth);
                allocated = measured.Allocated;
                pages = measured.Pages;
                size = measured.Pdf.Length;
                if (keep is not null && run == 0)
                {
                    await File.WriteAllBytesAsync(Path.Combine(keep, $"register-{rows}.pdf"), measured.Pdf, cancellationToken);
                }
            }
            var timing = new Timing($"pdf_{rows}_render", times);
            report.Figure($"pdf_{rows}_rows", rows, "rows");
            report.Timing(timing, TimeUnit.Milliseconds, throughput: false);
            report.Figure($"pdf_{rows}_per_row", timing.Median.TotalMicroseconds / rows, "µs");
            report.Figure($"pdf_{rows}_pages", pages, "pages");
            report.Figure($"pdf_{rows}_size", size / 1024.0, "KiB");
            report.Figure($"pdf_{rows}_peak_heap_growth", peakGrowth / 1048576.0, "MiB");
            report.Figure($"pdf_{rows}_allocated", allocated / 1048576.0, "MiB");

            if (withChromium)
            {
                await ChromiumPrint(report, $"pdf_{rows}", document, timing.Median, keep, cancellationToken);
            }
            await RegisterFromDatabaseAsync(report, renderer, rows, withChromium, keep, cancellationToken);
        }
    }

    /// <summary>
    /// The real risk register: <paramref name="rows"/> generated workflows in a migrated SQLite database, their risk
    /// assessed, then the register built from the database (its queries, findings and summary) and rendered.
    /// </summary>
    private static async Task RegisterFromDatabaseAsync(Report report, PdfReportRenderer renderer, int rows, bool withChromium, string? keep, CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("aipolicyhub-bench-");
        try
        {
            var builder = new DbContextOptionsBuilder<AppDbContext>();
            builder.UseConfiguredDatabase(new DatabaseOptions { DataFolder = folder.FullName });
            await using var db = new AppDbContext(builder.Options);
            await db.Database.MigrateAsync(cancellationToken);
            await ReferenceData.EnsureAsync(db, cancellationToken);
            await InventoryBenchmark.SeedReferenceDataAsync(db, cancellationToken);
            await WorkflowGenerator.GenerateAsync(db, rows, new DateOnly(2026, 11, 22), cancellationToken: cancellationToken);
            await RiskIndex.UpdateUnassessedAsync(db, cancellationToken);
            var inUse = await db.Workflows.CountAsync(w => w.Status != WorkflowStatus.Retired, cancellationToken);

            var stamp = new ReportStamp("Benchmark GmbH", "RPT-BENCH", new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero), "bench");
            var times = new List<TimeSpan>();
            var builds = new List<TimeSpan>();
            var pages = 0;
            long peakGrowth = 0;
            ReportDocument? last = null;
            // The first run pays for JIT of the register's queries and rule paths, which a running server has paid.
            for (var run = 0; run < (rows <= 2_000 ? 5 : 3); run++)
            {
                db.ChangeTracker.Clear();
                last = null;
                using var heap = HeapPeak.Start();
                var started = Stopwatch.GetTimestamp();
                var document = await RiskRegisterReport.BuildAsync(db, RuleSettings.Default, stamp, ReportFilters.None, cancellationToken);
                var built = Stopwatch.GetElapsedTime(started);
                pages = renderer.Render(document, Stream.Null).PageCount;
                var elapsed = Stopwatch.GetElapsedTime(started);
                peakGrowth = Math.Max(peakGrowth, heap.Stop());
                if (run > 0)
                {
                    builds.Add(built);
                    times.Add(elapsed);
                }
                last = document;
            }
            var timing = new Timing($"register_db_{rows}_build_and_render", times);
            report.Figure($"register_db_{rows}_workflows_in_use", inUse, "rows");
            report.Timing(timing, TimeUnit.Milliseconds, throughput: false);
            report.Figure($"register_db_{rows}_build_median", new Timing("build", builds).Median.TotalMilliseconds, "ms");
            report.Figure($"register_db_{rows}_pages", pages, "pages");
            report.Figure($"register_db_{rows}_peak_heap_growth", peakGrowth / 1048576.0, "MiB");
            if (withChromium)
            {
                await ChromiumPrint(report, $"register_db_{rows}", last!, timing.Median, keep, cancellationToken);
            }
            await db.DisposeAsync();
            await AuditPackBenchmark.RunAsync(report, new DatabaseOptions { DataFolder = folder.FullName }, rows, cancellationToken);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private sealed record RenderMeasurement(TimeSpan Time, int Pages, long PeakHeapGrowth, long Allocated, byte[] Pdf);

    private static RenderMeasurement MeasureRender(PdfReportRenderer renderer, ReportDocument document)
    {
        using var heap = HeapPeak.Start();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        using var output = new MemoryStream();
        var result = renderer.Render(document, output);
        var time = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        return new RenderMeasurement(time, result.PageCount, heap.Stop(), allocated, output.ToArray());
    }

    /// <summary>Peak managed-heap growth over a stretch of work, sampled every millisecond on another thread.</summary>
    private sealed class HeapPeak : IDisposable
    {
        private readonly long baseline;
        private readonly CancellationTokenSource stop = new();
        private readonly Thread sampler;
        private long peak;

        private HeapPeak()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            baseline = peak = GC.GetTotalMemory(forceFullCollection: false);
            sampler = new Thread(() =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var now = GC.GetTotalMemory(forceFullCollection: false);
                    if (now > Volatile.Read(ref peak))
                    {
                        Volatile.Write(ref peak, now);
                    }
                    Thread.Sleep(1);
                }
            }) { IsBackground = true, Priority = ThreadPriority.AboveNormal };
            sampler.Start();
        }

        public static HeapPeak Start() => new();

        /// <summary>Bytes above the starting heap at the peak; what is still held at the end counts too.</summary>
        public long Stop()
        {
            stop.Cancel();
            sampler.Join();
            return Math.Max(Volatile.Read(ref peak), GC.GetTotalMemory(forceFullCollection: false)) - baseline;
        }

        public void Dispose()
        {
            if (!stop.IsCancellationRequested)
            {
                Stop();
            }
            stop.Dispose();
        }
    }

    /// <summary>
    /// The usual alternative: print the HTML preview with headless Chromium, timed from browser start to the PDF on
    /// disk. Driven through Playwright (DevTools printToPDF, which streams the result): the command line's
    /// <c>--print-to-pdf</c> silently writes nothing for a document of a thousand pages or more.
    /// </summary>
    private static async Task ChromiumPrint(Report report, string name, ReportDocument document, TimeSpan pdfMedian, string? keep, CancellationToken cancellationToken)
    {
        if (!File.Exists(Chromium))
        {
            Console.Error.WriteLine($"{Chromium} is missing (apt-get install chromium); skipping the Chromium comparison.");
            return;
        }
        var folder = Directory.CreateTempSubdirectory("aipolicyhub-bench-reports-");
        var started = Stopwatch.GetTimestamp();
        try
        {
            var html = Path.Combine(keep ?? folder.FullName, $"{name}.html");
            var pdf = Path.Combine(keep ?? folder.FullName, $"{name}-chromium.pdf");
            await File.WriteAllTextAsync(html, new HtmlReportRenderer().RenderDocument(document), cancellationToken);
            started = Stopwatch.GetTimestamp();
            using var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = Chromium,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync();
            page.SetDefaultTimeout((float)TimeSpan.FromMinutes(10).TotalMilliseconds);
            await page.GotoAsync(new Uri(html).AbsoluteUri);
            await page.PdfAsync(new() { Path = pdf, Format = "A4", DisplayHeaderFooter = false });
            var elapsed = Stopwatch.GetElapsedTime(started);
            report.Figure($"{name}_chromium_print", elapsed.TotalMilliseconds, "ms");
            report.Figure($"{name}_chromium_pages", PageCount(pdf), "pages");
            report.Figure($"{name}_chromium_vs_pdf", elapsed / pdfMedian, "x");
        }
        catch (Microsoft.Playwright.PlaywrightException e)
        {
            // Seen here for the 10,000-row registers (700+ pages): "Printing failed", from the command line and DevTools alike.
            Console.Error.WriteLine($"{name}_chromium: no PDF after {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s: {e.Message.Split('\n')[0]}");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static long PageCount(string pdf)
    {
        var start = new ProcessStartInfo("pdfinfo", [pdf]) { RedirectStandardOutput = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("Pages:", StringComparison.Ordinal));
        return line is null ? -1 : long.Parse(line["Pages:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private static (int[] Rows, bool Chromium, string? Keep) ParseArguments(IReadOnlyList<string> args)
    {
        int[] rows = [1_000, 10_000];
        var chromium = true;
        string? keep = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--rows" when i + 1 < args.Count:
                    rows = [.. args[++i].Split(',').Select(text =>
                        int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new BenchmarkUsageException($"Bad row count '{text}'."))];
                    break;
                case "--no-chromium":
                    chromium = false;
                    break;
                case "--keep" when i + 1 < args.Count && Directory.Exists(args[i + 1]):
                    keep = args[++i];
                    break;
                default:
                    throw new BenchmarkUsageException($"The reports area takes --rows N[,N…], --no-chromium and --keep DIR (got: {string.Join(' ', args)}).");
            }
        }
        return (rows, chromium, keep);
    }
}
