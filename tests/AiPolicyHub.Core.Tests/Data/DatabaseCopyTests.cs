using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Data;

/// <summary>
/// The SQLite → PostgreSQL move (<c>--copy-database-to</c>): a seeded SQLite database is copied into the test database —
/// PostgreSQL in ./test.sh's second pass, another SQLite file in the first — and every row arrives.
/// </summary>
public class DatabaseCopyTests
{
    [Fact]
    public async Task A_seeded_sqlite_database_is_copied_row_for_row_with_its_audit_chain_intact_and_new_rows_get_new_ids()
    {
        using var sourceFolder = new TempFolder();
        using var targetFolder = new TempFolder();
        await using var source = Context(new DatabaseOptions { DataFolder = sourceFolder.Path });
        await source.Database.MigrateAsync();
        await ReferenceData.EnsureAsync(source);
        source.Users.Add(new AppUser { UserName = "ana@example.com", Email = "ana@example.com", DisplayName = "Ana Ñúñez", CreatedAt = TestClock.Start });
        await source.SaveChangesAsync();
        // The copy is verified with the key the source was sealed with, as the copy command uses the app's own.
        var audit = new AuditTrail(new TestClock(), AuditChainKey.Generate());
        await DemoData.SeedAsync(source, audit, default);
        Assert.True((await audit.VerifyAsync(source)).EntriesChecked > 0);

        var targetOptions = TestDatabase.For(targetFolder.Path);
        try
        {
            await using var target = Context(targetOptions);
            var result = await DatabaseCopy.CopyAsync(source, target);

            Assert.True(result.TotalRows > 100, $"only {result.TotalRows} rows copied");
            await using var copy = Context(targetOptions);
            Assert.Equal(await Rows(source), await Rows(copy));
            Assert.Equal(await source.Workflows.OrderBy(w => w.Id).Select(w => new { w.Id, w.Name, w.Purpose, w.RiskScore, w.NextReviewDate }).ToListAsync(),
                await copy.Workflows.OrderBy(w => w.Id).Select(w => new { w.Id, w.Name, w.Purpose, w.RiskScore, w.NextReviewDate }).ToListAsync());
            Assert.Equal("Ana Ñúñez", (await copy.Users.SingleAsync(u => u.Email == "ana@example.com")).DisplayName);
            var verification = await audit.VerifyAsync(copy);
            Assert.True(verification.Intact, verification.Message);
            Assert.Equal((await audit.VerifyAsync(source)).EntriesChecked, verification.EntriesChecked);
            // The sealed head moves with the chain, so a copy missing its newest entries would still be found out.
            Assert.Equal(await Head(source), await Head(copy));

            // The copy continues where the source stopped: a new department gets an id after the copied ones.
            var department = copy.Departments.Add(new Department { Name = "Newly added" }).Entity;
            await copy.SaveChangesAsync();
            Assert.True(department.Id > await source.Departments.MaxAsync(d => d.Id));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestDatabase.Drop(targetFolder.Path);
        }
    }

    [Fact]
    public async Task A_target_that_already_has_data_is_refused()
    {
        using var sourceFolder = new TempFolder();
        using var targetFolder = new TempFolder();
        await using var source = Context(new DatabaseOptions { DataFolder = sourceFolder.Path });
        var targetOptions = TestDatabase.For(targetFolder.Path);
        try
        {
            await using var target = Context(targetOptions);
            await target.Database.MigrateAsync();
            await ReferenceData.EnsureAsync(target);

            var error = await Assert.ThrowsAsync<StartupException>(() => DatabaseCopy.CopyAsync(source, target));
            Assert.Contains("Copy only into a new, empty database", error.Message);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TestDatabase.Drop(targetFolder.Path);
        }
    }

    private static AppDbContext Context(DatabaseOptions database)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseConfiguredDatabase(database);
        return new AppDbContext(options.Options);
    }

    private static Task<string> Head(AppDbContext db) =>
        db.AuditChainHeads.Select(h => h.EntryCount + " " + h.LastEntryId + " " + h.LastHash + " " + h.Mac).SingleAsync();

    private static async Task<List<string>> Rows(AppDbContext db) =>
    [
        $"users {await db.Users.CountAsync()}", $"departments {await db.Departments.CountAsync()}", $"tools {await db.Tools.CountAsync()}",
        $"workflows {await db.Workflows.CountAsync()}", $"links {await db.WorkflowTools.CountAsync()}", $"audit {await db.AuditEntries.CountAsync()}",
        $"levels {await db.ClassificationLevels.CountAsync()}", $"roles {await db.Roles.CountAsync()}",
    ];
}
