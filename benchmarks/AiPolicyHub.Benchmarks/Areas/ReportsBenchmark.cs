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
/// The report renderer on a register-like document: cover, contents, summary with heat map and bar
/// chart, and one 8-column table row per workflow with realistic text (seeded, so every run renders
/// the same). For 1,000 and 10,000 rows (or <c>--rows N[,N…]</c>) it prints the render time (the model
/// is built beforehand, as a report's data would be read first), page count, peak managed-heap growth
/// while rendering (sampled every millisecond on another thread) and bytes allocated; then, side by
/// side, the time headless Chromium takes to print the HTML preview of the same document to PDF.
/// <c>--no-chromium</c> skips the browser; <c>--keep DIR</c> leaves the PDFs and HTML there.
/// </summary>
public sealed class ReportsBenchmark : IBenchmarkArea
{
    private const string Chromium = "/usr/bin/chromium";
    private const int Seed = 20261122;

    public string Name => "reports";

    public string Description => "PDF report renderer: a register of 1,000 and 10,000 workflows (time, pages, heap growth) beside headless Chromium printing its HTML";

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
                await ChromiumPrint(report, document, rows, timing.Median, keep, cancellationToken);
            }
            await RegisterFromDatabaseAsync(report, renderer, rows, cancellationToken);
        }
    }

    /// <summary>
    /// The real risk register: <paramref name="rows"/> generated workflows in a migrated SQLite database, their risk
    /// assessed, then the register built from the database (its queries, findings and summary) and rendered.
    /// </summary>
    private static async Task RegisterFromDatabaseAsync(Report report, PdfReportRenderer renderer, int rows, CancellationToken cancellationToken)
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
            var pages = 0;
            for (var run = 0; run < (rows <= 2_000 ? 3 : 2); run++)
            {
                db.ChangeTracker.Clear();
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var document = await RiskRegisterReport.BuildAsync(db, RuleSettings.Default, stamp, ReportFilters.None, cancellationToken);
                pages = renderer.Render(document, Stream.Null).PageCount;
                times.Add(clock.Elapsed);
            }
            var timing = new Timing($"register_db_{rows}_build_and_render", times);
            report.Figure($"register_db_{rows}_workflows_in_use", inUse, "rows");
            report.Timing(timing, TimeUnit.Milliseconds, throughput: false);
            report.Figure($"register_db_{rows}_pages", pages, "pages");
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
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var baseline = GC.GetTotalMemory(forceFullCollection: false);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
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

        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var start = Stopwatch.GetTimestamp();
        using var output = new MemoryStream();
        var result = renderer.Render(document, output);
        var time = Stopwatch.GetElapsedTime(start);
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        stop.Cancel();
        sampler.Join();
        // The finished PDF bytes are part of the growth too: the last sample may predate them.
        var end = GC.GetTotalMemory(forceFullCollection: false);
        return new RenderMeasurement(time, result.PageCount, Math.Max(peak, end) - baseline, allocated, output.ToArray());
    }

    /// <summary>The usual alternative: print the HTML preview with headless Chromium, timed from process start to exit.</summary>
    private static async Task ChromiumPrint(Report report, ReportDocument document, int rows, TimeSpan pdfMedian, string? keep, CancellationToken cancellationToken)
    {
        if (!File.Exists(Chromium))
        {
            Console.Error.WriteLine($"{Chromium} is missing (apt-get install chromium); skipping the Chromium comparison.");
            return;
        }
        var folder = Directory.CreateTempSubdirectory("aipolicyhub-bench-reports-");
        try
        {
            var html = Path.Combine(keep ?? folder.FullName, $"register-{rows}.html");
            var pdf = Path.Combine(keep ?? folder.FullName, $"register-{rows}-chromium.pdf");
            await File.WriteAllTextAsync(html, new HtmlReportRenderer().RenderDocument(document), cancellationToken);
            var start = new ProcessStartInfo(Chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var arg in new[]
            {
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run", $"--user-data-dir={Path.Combine(folder.FullName, "profile")}",
                "--no-pdf-header-footer", $"--print-to-pdf={pdf}", new Uri(html).AbsoluteUri,
            })
            {
                start.ArgumentList.Add(arg);
            }
            var started = Stopwatch.GetTimestamp();
            using var process = Process.Start(start)!;
            var drainOut = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var drainErr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromMinutes(10));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }
            var elapsed = Stopwatch.GetElapsedTime(started);
            await Task.WhenAll(drainOut, drainErr);
            if (!File.Exists(pdf))
            {
                var reason = string.Join('\n', drainErr.Result.Split('\n').Where(line => !line.Contains("dbus", StringComparison.Ordinal)).TakeLast(5));
                Console.Error.WriteLine($"Chromium produced no PDF for {rows} rows after {elapsed.TotalSeconds:0.0} s (exit {process.ExitCode}): {reason}");
                return;
            }
            report.Figure($"chromium_{rows}_print", elapsed.TotalMilliseconds, "ms");
            report.Figure($"chromium_{rows}_pages", PageCount(pdf), "pages");
            report.Figure($"chromium_{rows}_vs_pdf", elapsed / pdfMedian, "x");
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
