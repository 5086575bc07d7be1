using AiPolicyHub.Core;
using Microsoft.Extensions.DependencyInjection;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiPolicyHub.Benchmarks.Measurement;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace AiPolicyHub.Benchmarks.Areas;

/// <summary>
/// The workflow list page with 100,000 workflows in a SQLite database built by the app's migrations, measured three
/// ways side by side for each scenario: the app's own query (<see cref="WorkflowInventory.ListAsync"/>: a COUNT and a
/// page query, a fresh context per call as in the app), the same COUNT and page query hand-written in SQL through
/// Microsoft.Data.Sqlite (the floor), and the in-memory way (load every workflow with its department and
/// classification names on each request, then filter, sort and page with LINQ to Objects). All three must return
/// the same page and total before anything is timed; the app's query and the SQL are timed alternately, so changing
/// machine load does not skew their ratio. The SQL mirrors the app's: its search uses the same full-text index.
/// <c>--explain</c> also prints the app's SQL and SQLite's query plans to standard error;
/// <c>--rows N</c> generates N workflows instead of 100,000.
/// </summary>
public sealed class InventoryBenchmark : IBenchmarkArea
{
    private const int DefaultRows = 100_000, UserCount = 20;
    private static readonly DateOnly Today = new(2026, 11, 22);

    public string Name => "inventory";

    public string Description => "workflow list page among 100,000 workflows: the app's query vs hand-written SQL vs filtering in memory";

    private sealed record Scenario(string Name, WorkflowListQuery Query, int Warmup, int Iterations, int MemoryIterations);

    public async Task RunAsync(Report report, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (rows, explain) = ParseArguments(args);
        var folder = Directory.CreateTempSubdirectory("aipolicyhub-bench-");
        try
        {
            var database = new DatabaseOptions { DataFolder = folder.FullName };
            var builder = new DbContextOptionsBuilder<AppDbContext>();
            builder.UseConfiguredDatabase(database);
            var options = builder.Options;
            var connectionString = DatabaseProvider.SqliteConnectionString(database);

            int engineering;
            await using (var db = new AppDbContext(options))
            {
                // What DatabaseInitializer and StartupTasks do: migrate, WAL, reference data.
                await db.Database.MigrateAsync(cancellationToken);
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
                await ReferenceData.EnsureAsync(db, cancellationToken);
                engineering = await SeedReferenceDataAsync(db, cancellationToken);

                var clock = Stopwatch.StartNew();
                await WorkflowGenerator.GenerateAsync(db, rows, Today, cancellationToken: cancellationToken);
                var generation = clock.Elapsed;
                report.Figure("rows", await db.Workflows.CountAsync(cancellationToken), "rows");
                report.Figure("tool_links", await db.WorkflowTools.CountAsync(cancellationToken), "rows");
                report.Figure("generation_time", generation.TotalSeconds, "s");
            }

            await using var services = CoreServices.For(database);
            var inventory = services.GetRequiredService<WorkflowInventory>();
            Scenario[] scenarios =
            [
                // A department's list, retired hidden, by name, third page.
                // 200 warm-up calls each: .NET promotes a method to fully optimised code only after 30 calls and a short
                // delay, and a server answers thousands of list requests, so the steady state is what users get.
                new("department_by_name", new WorkflowListQuery(DepartmentId: engineering, Sort: WorkflowSort.Name, Skip: 100, Take: 50),
                    Warmup: 200, Iterations: 300, MemoryIterations: 5),
                // A search (about 4 % of workflows mention invoices), retired hidden, latest review date first, third page.
                new("search_by_review_desc", new WorkflowListQuery(Search: "invoice", Sort: WorkflowSort.NextReview, Descending: true,
                    Skip: 100, Take: 50), Warmup: 3, Iterations: 25, MemoryIterations: 5),
            ];

            foreach (var scenario in scenarios)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var query = scenario.Query;
                var app = await inventory.ListAsync(query, cancellationToken);
                var raw = await RawSqlAsync(connectionString, query, cancellationToken);
                var memory = await InMemoryAsync(options, query, cancellationToken);
                EnsureSame(scenario.Name, "hand-written SQL", app, raw);
                EnsureSame(scenario.Name, "in-memory", app, memory);
                report.Figure($"{scenario.Name}_matching_rows", app.Total, "rows");

                if (explain)
                {
                    await ExplainAsync(options, connectionString, scenario, cancellationToken);
                }

                var (appTiming, rawTiming) = await SideBySideAsync($"{scenario.Name}_app", () => inventory.ListAsync(query, cancellationToken),
                    $"{scenario.Name}_raw_sql", () => RawSqlAsync(connectionString, query, cancellationToken),
                    scenario.Warmup, scenario.Iterations, cancellationToken);
                var memoryTiming = await Measure.RunAsync($"{scenario.Name}_in_memory", 1, scenario.MemoryIterations,
                    _ => InMemoryAsync(options, query, cancellationToken));

                report.Timing(appTiming, TimeUnit.Milliseconds, throughput: false);
                report.Timing(rawTiming, TimeUnit.Milliseconds, throughput: false);
                report.Timing(memoryTiming, TimeUnit.Milliseconds, throughput: false);
                report.Figure($"{scenario.Name}_ratio_to_raw_sql", appTiming.Median / rawTiming.Median, "x");
                report.Figure($"{scenario.Name}_speedup_vs_in_memory", memoryTiming.Median / appTiming.Median, "x");
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools(); // pooled connections keep the file open
            folder.Delete(recursive: true);
        }
    }

    /// <summary>
    /// Times two operations alternately (a, b, a, b, …), so a change in machine load during the run affects both alike
    /// and their ratio stays fair.
    /// </summary>
    private static async Task<(Timing A, Timing B)> SideBySideAsync(string nameA, Func<Task> a, string nameB, Func<Task> b,
        int warmup, int iterations, CancellationToken cancellationToken)
    {
        for (var i = 0; i < warmup; i++)
        {
            await a();
            await b();
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var samplesA = new TimeSpan[iterations];
        var samplesB = new TimeSpan[iterations];
        for (var i = 0; i < iterations; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            await a();
            samplesA[i] = Stopwatch.GetElapsedTime(start);
            start = Stopwatch.GetTimestamp();
            await b();
            samplesB[i] = Stopwatch.GetElapsedTime(start);
        }
        return (new Timing(nameA, samplesA), new Timing(nameB, samplesB));
    }

    private static (int Rows, bool Explain) ParseArguments(IReadOnlyList<string> args)
    {
        var rows = DefaultRows;
        var explain = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--explain":
                    explain = true;
                    break;
                case "--rows" when i + 1 < args.Count && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) && n > 0:
                    rows = n;
                    i++;
                    break;
                default:
                    throw new BenchmarkUsageException($"The inventory area takes [--rows N] [--explain] (got: {string.Join(' ', args)}).");
            }
        }
        return (rows, explain);
    }

    /// <summary>The departments of the demo data, a few tools and users (owners); returns the Engineering department's id.</summary>
    internal static async Task<int> SeedReferenceDataAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        db.Departments.AddRange(DemoData.DepartmentNames.Select(name => new Department { Name = name }));
        var levels = await db.ClassificationLevels.OrderBy(l => l.Rank).Select(l => l.Id).ToListAsync(cancellationToken);
        db.Tools.AddRange(
            Tool("ChatGPT Enterprise", "OpenAI", ToolCapabilities.Text | ToolCapabilities.Code, levels[2], ToolApprovalStatus.Approved),
            Tool("GitHub Copilot Business", "GitHub (Microsoft)", ToolCapabilities.Code, levels[2], ToolApprovalStatus.ApprovedWithRestrictions),
            Tool("DeepL Pro", "DeepL SE", ToolCapabilities.Text, levels[2], ToolApprovalStatus.Approved),
            Tool("Internal Llama assistant", "Our IT", ToolCapabilities.Text, levels[3], ToolApprovalStatus.Approved),
            Tool("Free consumer AI chatbots", "Various", ToolCapabilities.Text, levels[0], ToolApprovalStatus.Prohibited));
        var normalizer = new UpperInvariantLookupNormalizer();
        for (var n = 1; n <= UserCount; n++)
        {
            var email = $"owner{n:D2}@example.org";
            db.Users.Add(new AppUser
            {
                UserName = email, NormalizedUserName = normalizer.NormalizeName(email),
                Email = email, NormalizedEmail = normalizer.NormalizeEmail(email),
                DisplayName = $"Owner {n:D2}", CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            });
        }
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return await db.Departments.Where(d => d.Name == "Engineering").Select(d => d.Id).SingleAsync(cancellationToken);
    }

    private static AiTool Tool(string name, string vendor, ToolCapabilities capabilities, int maxClassification, ToolApprovalStatus status) => new()
    {
        Name = name, Vendor = vendor, Capabilities = capabilities, MaxClassificationId = maxClassification, ApprovalStatus = status,
        TrainsOnOurData = VendorTraining.No, HasDataProcessingAgreement = true, DataResidency = "European Union", Version = 1,
    };

    // ---- (b) hand-written SQL: the same COUNT and page query, without EF ----

    private static (string Where, List<(string Name, object Value)> Parameters) RawWhere(WorkflowListQuery query)
    {
        var conditions = new List<string>();
        var parameters = new List<(string, object)>();
        if (!query.IncludeRetired && query.Status != WorkflowStatus.Retired)
        {
            conditions.Add($"w.Status <> {(int)WorkflowStatus.Retired}");
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // The app's search: the FTS5 trigram index over name and purpose (migration WorkflowSearch).
            conditions.Add("w.Id IN (SELECT rowid FROM WorkflowSearch WHERE WorkflowSearch MATCH $search)");
            parameters.Add(("$search", "\"" + query.Search.Trim().Replace("\"", "\"\"") + "\""));
        }
        if (query.DepartmentId is { } department)
        {
            conditions.Add("w.DepartmentId = $department");
            parameters.Add(("$department", department));
        }
        if (query.Status is { } status)
        {
            conditions.Add("w.Status = $status");
            parameters.Add(("$status", (int)status));
        }
        if (query.Stage is { } stage)
        {
            conditions.Add("w.Stage = $stage");
            parameters.Add(("$stage", (int)stage));
        }
        if (query.ClassificationId is { } level)
        {
            conditions.Add("w.DataClassificationId = $level");
            parameters.Add(("$level", level));
        }
        return (conditions.Count == 0 ? "" : "WHERE " + string.Join(" AND ", conditions), parameters);
    }

    private static string RawOrderBy(WorkflowListQuery query) => (query.Sort, query.Descending) switch
    {
        (WorkflowSort.Name, false) => "w.Name, w.Id",
        (WorkflowSort.Name, true) => "w.Name DESC, w.Id DESC",
        (WorkflowSort.NextReview, false) => "w.NextReviewDate, w.Name, w.Id",
        (WorkflowSort.NextReview, true) => "w.NextReviewDate DESC, w.Name, w.Id",
        _ => throw new NotSupportedException($"The hand-written query covers the benchmark's sorts only, not {query.Sort}."),
    };

    internal static (string Count, string Page, List<(string Name, object Value)> Parameters) RawSql(WorkflowListQuery query)
    {
        var (where, parameters) = RawWhere(query);
        var count = $"SELECT COUNT(*) FROM Workflows AS w {where}";
        var page = $"""
            SELECT w.Id, w.Name, d.Name, w.Stage, w.Status, c.Name, c.Rank, w.Autonomy, w.Audience, w.Oversight, w.NextReviewDate, u.DisplayName, w.RiskScore, w.RiskTier
            FROM Workflows AS w
            JOIN Departments AS d ON d.Id = w.DepartmentId
            JOIN ClassificationLevels AS c ON c.Id = w.DataClassificationId
            LEFT JOIN AspNetUsers AS u ON u.Id = w.OwnerId
            {where}
            ORDER BY {RawOrderBy(query)}
            LIMIT $take OFFSET $skip
            """;
        parameters.Add(("$take", Math.Clamp(query.Take, 1, 500)));
        parameters.Add(("$skip", Math.Max(0, query.Skip)));
        return (count, page, parameters);
    }

    private static async Task<Page<WorkflowListItem>> RawSqlAsync(string connectionString, WorkflowListQuery query, CancellationToken cancellationToken)
    {
        var (countSql, pageSql, parameters) = RawSql(query);
        await using var connection = await OpenAsync(connectionString, cancellationToken);

        await using var count = Command(connection, countSql, parameters);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        await using var page = Command(connection, pageSql, parameters);
        await using var reader = await page.ExecuteReaderAsync(cancellationToken);
        var items = new List<WorkflowListItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new WorkflowListItem(reader.GetInt32(0), reader.GetString(1), reader.GetString(2),
                (LifecycleStage)reader.GetInt32(3), (WorkflowStatus)reader.GetInt32(4), reader.GetString(5), reader.GetInt32(6),
                (Autonomy)reader.GetInt32(7), (Audience)reader.GetInt32(8), (HumanOversight)reader.GetInt32(9),
                reader.IsDBNull(10) ? null : DateOnly.ParseExact(reader.GetString(10), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.IsDBNull(11) ? null : reader.GetString(11), reader.GetInt32(12), (AiPolicyHub.Core.Risk.RiskTier)reader.GetInt32(13)));
        }
        return new Page<WorkflowListItem>(items, total);
    }

    /// <summary>A pooled connection, as EF's are.</summary>
    private static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, IEnumerable<(string Name, object Value)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters.Where(p => sql.Contains(p.Name, StringComparison.Ordinal)))
        {
            command.Parameters.AddWithValue(name, value);
        }
        return command;
    }

    // ---- (c) in memory: load everything, then LINQ to Objects ----

    private sealed record MemoryRow(int Id, string Name, string Purpose, int DepartmentId, string Department, LifecycleStage Stage,
        WorkflowStatus Status, int ClassificationId, string Classification, int ClassificationRank, Autonomy Autonomy, Audience Audience,
        HumanOversight Oversight, DateOnly? NextReviewDate, string? OwnerId, int RiskScore, AiPolicyHub.Core.Risk.RiskTier RiskTier);

    private static async Task<Page<WorkflowListItem>> InMemoryAsync(DbContextOptions<AppDbContext> options, WorkflowListQuery query,
        CancellationToken cancellationToken)
    {
        await using var db = new AppDbContext(options);
        var all = await db.Workflows.AsNoTracking()
            .Select(w => new MemoryRow(w.Id, w.Name, w.Purpose, w.DepartmentId, w.Department!.Name, w.Stage, w.Status,
                w.DataClassificationId, w.DataClassification!.Name, w.DataClassification.Rank, w.Autonomy, w.Audience, w.Oversight,
                w.NextReviewDate, w.OwnerId, w.RiskScore, w.RiskTier))
            .ToListAsync(cancellationToken);
        var owners = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);

        IEnumerable<MemoryRow> rows = all;
        if (!query.IncludeRetired && query.Status != WorkflowStatus.Retired)
        {
            rows = rows.Where(w => w.Status != WorkflowStatus.Retired);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim();
            rows = rows.Where(w => w.Name.Contains(search, StringComparison.CurrentCultureIgnoreCase)
                || w.Purpose.Contains(search, StringComparison.CurrentCultureIgnoreCase));
        }
        if (query.DepartmentId is { } department)
        {
            rows = rows.Where(w => w.DepartmentId == department);
        }
        if (query.Status is { } status)
        {
            rows = rows.Where(w => w.Status == status);
        }
        if (query.Stage is { } stage)
        {
            rows = rows.Where(w => w.Stage == stage);
        }
        if (query.ClassificationId is { } level)
        {
            rows = rows.Where(w => w.ClassificationId == level);
        }
        var matching = rows.ToList();
        // Workflow names have SQLite's NOCASE collation (A–Z folded); the generated names are ASCII, where this is the same.
        var byName = StringComparer.OrdinalIgnoreCase;
        var sorted = (query.Sort, query.Descending) switch
        {
            (WorkflowSort.Name, false) => matching.OrderBy(w => w.Name, byName).ThenBy(w => w.Id),
            (WorkflowSort.Name, true) => matching.OrderByDescending(w => w.Name, byName).ThenByDescending(w => w.Id),
            (WorkflowSort.NextReview, false) => matching.OrderBy(w => w.NextReviewDate).ThenBy(w => w.Name, byName).ThenBy(w => w.Id),
            (WorkflowSort.NextReview, true) => matching.OrderByDescending(w => w.NextReviewDate).ThenBy(w => w.Name, byName).ThenBy(w => w.Id),
            _ => throw new NotSupportedException($"The in-memory query covers the benchmark's sorts only, not {query.Sort}."),
        };
        var items = sorted.Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, 500))
            .Select(w => new WorkflowListItem(w.Id, w.Name, w.Department, w.Stage, w.Status, w.Classification, w.ClassificationRank,
                w.Autonomy, w.Audience, w.Oversight, w.NextReviewDate, w.OwnerId is { } id ? owners.GetValueOrDefault(id) : null, w.RiskScore, w.RiskTier))
            .ToList();
        return new Page<WorkflowListItem>(items, matching.Count);
    }

    private static void EnsureSame(string scenario, string what, Page<WorkflowListItem> app, Page<WorkflowListItem> other)
    {
        if (app.Total != other.Total || !app.Items.SequenceEqual(other.Items))
        {
            throw new InvalidOperationException(
                $"Scenario {scenario}: the {what} result differs from the app's (total {other.Total} vs {app.Total}, " +
                $"first ids {string.Join(',', other.Items.Take(5).Select(i => i.Id))} vs {string.Join(',', app.Items.Take(5).Select(i => i.Id))}).");
        }
        if (app.Items.Count == 0)
        {
            throw new InvalidOperationException($"Scenario {scenario}: the page is empty; the benchmark would measure nothing.");
        }
    }

    // ---- --explain: the SQL the app runs and how SQLite executes it ----

    private static async Task ExplainAsync(DbContextOptions<AppDbContext> options, string connectionString, Scenario scenario,
        CancellationToken cancellationToken)
    {
        var recorder = new CommandRecorder();
        var recording = new DbContextOptionsBuilder<AppDbContext>(options).AddInterceptors(recorder).Options;
        await WorkflowInventory.ListAsync(new Contexts(recording), scenario.Query, cancellationToken);

        var (count, page, parameters) = RawSql(scenario.Query);
        var commands = recorder.Commands.Select((c, i) => ($"app query {i + 1}", c.Sql, c.Parameters))
            .Append(("hand-written COUNT", count, parameters)).Append(("hand-written page", page, parameters));
        await using var connection = await OpenAsync(connectionString, cancellationToken);
        foreach (var (label, sql, values) in commands)
        {
            var text = new StringBuilder($"---- {scenario.Name}: {label}\n{sql}\n-- plan:\n");
            await using (var explain = Command(connection, "EXPLAIN QUERY PLAN " + sql, values))
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    text.Append(CultureInfo.InvariantCulture, $"   {reader.GetInt32(0)}<-{reader.GetInt32(1)} {reader.GetString(3)}\n");
                }
            }
            await using (var run = Command(connection, sql, values))
            {
                var timing = Measure.Run(label, 2, 9, _ =>
                {
                    using var reader = run.ExecuteReader();
                    while (reader.Read())
                    {
                    }
                });
                text.Append(CultureInfo.InvariantCulture, $"-- median {timing.Median.TotalMilliseconds:0.0} ms on one open connection\n");
            }
            await Console.Error.WriteLineAsync(text.ToString());
        }
    }

    private sealed class CommandRecorder : DbCommandInterceptor
    {
        public List<(string Sql, List<(string Name, object Value)> Parameters)> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command) => Commands.Add((command.CommandText,
            command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value ?? DBNull.Value)).ToList()));
    }

    /// <summary>A context per call from fixed options, as the app's <see cref="IDbContextFactory{TContext}"/> does.</summary>
    private sealed class Contexts(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
