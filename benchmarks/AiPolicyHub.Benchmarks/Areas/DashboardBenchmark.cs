using System.Diagnostics;
using AiPolicyHub.Benchmarks.Measurement;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Benchmarks.Areas;

/// <summary>
/// The dashboard's queries over 100,000 generated workflows in a SQLite database built by the app's migrations (the
/// same data as the inventory benchmark): counts by tier and status, the heat map, the highest risks, overdue reviews
/// and paused items. Also the one-off assessment of every workflow, as start-up does for rows never assessed.
/// <c>--rows N</c> generates N workflows instead. Goal: the dashboard's figures in under one second.
/// </summary>
public sealed class DashboardBenchmark : IBenchmarkArea
{
    private const int DefaultRows = 100_000, Warmup = 3, Iterations = 21;
    private static readonly DateOnly Today = new(2026, 11, 22);

    public string Name => "dashboard";

    public string Description => "dashboard: its queries over 100,000 workflows in SQLite; assessing every workflow's risk once";

    public async Task RunAsync(Report report, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var rows = args is ["--rows", var n] && int.TryParse(n, out var parsed) && parsed > 0 ? parsed
            : args.Count == 0 ? DefaultRows
            : throw new BenchmarkUsageException("Usage: dashboard [--rows N]");
        var folder = Directory.CreateTempSubdirectory("aipolicyhub-bench-");
        try
        {
            var builder = new DbContextOptionsBuilder<AppDbContext>();
            builder.UseConfiguredDatabase(new DatabaseOptions { DataFolder = folder.FullName });
            await using var db = new AppDbContext(builder.Options);
            await db.Database.MigrateAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await ReferenceData.EnsureAsync(db, cancellationToken);
            await InventoryBenchmark.SeedReferenceDataAsync(db, cancellationToken);
            await WorkflowGenerator.GenerateAsync(db, rows, Today, cancellationToken: cancellationToken);
            report.Figure("rows", await db.Workflows.CountAsync(cancellationToken), "rows");

            var clock = Stopwatch.StartNew();
            await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
            {
                var assessed = await RiskIndex.UpdateUnassessedAsync(db, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                report.Figure("assessed_rows", assessed, "rows");
            }
            report.Figure("assess_all_time", clock.Elapsed.TotalSeconds, "s");

            DashboardSummary? summary = null;
            var timing = await Measure.RunAsync("dashboard_queries", Warmup, Iterations, async _ =>
            {
                db.ChangeTracker.Clear();
                summary = await Dashboard.SummariseAsync(db, Today, cancellationToken);
            });
            report.Timing(timing, TimeUnit.Milliseconds);
            report.Figure("dashboard_workflows_counted", summary!.Workflows, "rows");
            report.Figure("dashboard_heat_map_total", summary.HeatMap.Cast<int>().Sum(), "rows");

            // Filled in after the rest of the page is shown.
            IReadOnlyDictionary<AiPolicyHub.Core.Rules.FindingSeverity, int>? findings = null;
            var findingsTiming = await Measure.RunAsync("dashboard_findings_count", 1, 7, async _ =>
            {
                db.ChangeTracker.Clear();
                findings = await AiPolicyHub.Core.Rules.FindingsReport.CountBySeverityAsync(db, AiPolicyHub.Core.Rules.RuleEngine.Default, Today, cancellationToken);
            });
            report.Timing(findingsTiming, TimeUnit.Milliseconds);
            report.Figure("dashboard_open_findings", findings!.Values.Sum(), "findings");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
