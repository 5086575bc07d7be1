using System.Diagnostics;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace AiPolicyHub.Core.Tests.Backups;

/// <summary>A test that needs the PostgreSQL pass of ./test.sh (AIPOLICYHUB_TEST_POSTGRES); reported as skipped, with why, on the SQLite pass.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!TestDatabase.IsPostgres)
        {
            Skip = $"PostgreSQL only: runs in ./test.sh's PostgreSQL pass ({TestDatabase.Variable}).";
        }
    }
}

/// <summary>The PostgreSQL backup steps of infra/README.md (pg_dump -Fc, pg_restore), run for real while the app writes.</summary>
public sealed class PostgresDumpTests(ITestOutputHelper output)
{
    private static readonly Actor Writer = new("writer", "Continuous writer", new HashSet<string>(), new HashSet<int>());

    [PostgresFact]
    public async Task A_pg_dump_taken_while_another_task_writes_restores_with_pg_restore_as_the_database_was_at_one_moment()
    {
        await using var test = await new TestServices().InitializeAsync();
        await test.CreateUserAsync("Ana Admin", Roles.Administrator);
        await using (var seed = await test.DbAsync())
        {
            await DemoData.SeedAsync(seed, test.Audit, default);
            await WorkflowGenerator.GenerateAsync(seed, 5_000, DateOnly.FromDateTime(TestClock.Start.UtcDateTime));
        }
        int workflows;
        await using (var count = await test.DbAsync())
        {
            workflows = await count.Workflows.CountAsync();
        }
        var contexts = test.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var trail = test.Provider.GetRequiredService<AuditTrail>();
        var committed = 0;
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var n = 1; !stop.IsCancellationRequested; n++)
            {
                await using var db = await contexts.CreateDbContextAsync();
                await using var transaction = await db.Database.BeginTransactionAsync();
                var department = db.Departments.Add(new Department { Name = $"Writer {n}" }).Entity;
                await db.SaveChangesAsync();
                await trail.AppendAsync(db, Writer, "Department", department.Id.ToString(), department.Name, AuditAction.Created, []);
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
                Volatile.Write(ref committed, n);
            }
        });
        await WaitUntilAsync(() => Volatile.Read(ref committed) >= 20);

        using var folder = new TempFolder();
        var dump = Path.Combine(folder.Path, "aipolicyhub.dump");
        var source = new NpgsqlConnectionStringBuilder(test.Database.ConnectionString);
        var before = Volatile.Read(ref committed);
        var watch = Stopwatch.StartNew();
        await RunAsync("pg_dump", source, "-Fc", "-d", source.Database!, "-f", dump);
        var dumpTime = watch.Elapsed;
        var after = Volatile.Read(ref committed);
        await WaitUntilAsync(() => Volatile.Read(ref committed) >= after + 20);
        await stop.CancelAsync();
        await writer;

        var restoredName = $"restore_{Guid.NewGuid():N}"[..30];
        var restored = TestDatabase.CreateEmptyPostgres(restoredName);
        try
        {
            watch.Restart();
            await RunAsync("pg_restore", source, "-d", restoredName, "--clean", "--if-exists", dump);
            output.WriteLine($"pg_dump {dumpTime.TotalMilliseconds:N0} ms ({new FileInfo(dump).Length:N0} bytes), pg_restore {watch.Elapsed.TotalMilliseconds:N0} ms; " +
                $"writes committed before {before}, after {after}, in all {committed}");

            var options = new DbContextOptionsBuilder<AppDbContext>();
            options.UseConfiguredDatabase(new DatabaseOptions { Provider = "Postgres", ConnectionString = restored });
            await using var db = new AppDbContext(options.Options);
            var verification = await trail.VerifyAsync(db);
            Assert.True(verification.Intact, verification.Message);
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            var numbers = (await db.Departments.Where(d => d.Name.StartsWith("Writer ")).Select(d => d.Name).ToListAsync())
                .Select(n => int.Parse(n["Writer ".Length..])).Order().ToList();
            Assert.InRange(numbers.Count, before, after);
            Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
            Assert.Equal(numbers.Count, await db.AuditEntries.CountAsync(e => e.UserId == Writer.UserId));
            Assert.Equal(workflows, await db.Workflows.CountAsync());
            Assert.True(numbers.Count < committed, "the writer went on after the dump");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            TestDatabase.DropDatabase(TestDatabase.PostgresServer!, restoredName);
        }
    }

    /// <summary>Runs a PostgreSQL client tool of the installed server's version against the test server.</summary>
    private static async Task RunAsync(string tool, NpgsqlConnectionStringBuilder server, params string[] args)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .OrderBy(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).Last();
        var start = new ProcessStartInfo(Path.Combine(bin, tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in (string[])["-h", server.Host!, "-p", server.Port.ToString(), "-U", server.Username!, .. args])
        {
            start.ArgumentList.Add(arg);
        }
        if (server.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} exited with {process.ExitCode}: {await error}");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "timed out");
            await Task.Delay(10);
        }
    }
}
