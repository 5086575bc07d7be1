using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Auditing;

/// <summary>
/// A database whose audit trail was written before the chain had a key (SHA-256 only), brought up to date: its entries
/// still verify, entries from then on are sealed with the key, and those cannot be passed off as old unkeyed ones.
/// </summary>
public sealed class UnkeyedChainUpgradeTests : IAsyncLifetime
{
    private const string LastMigrationWithoutKeys = "20261201050000_MultiInstance";
    private readonly TempFolder folder = new();
    private readonly string postgresName = "legacy_" + Guid.NewGuid().ToString("N")[..20];
    private ServiceProvider provider = null!;
    private List<long> oldIds = [];

    public async Task InitializeAsync()
    {
        var database = TestDatabase.IsPostgres
            ? new DatabaseOptions { Provider = "Postgres", DataFolder = folder.Path, ConnectionString = TestDatabase.CreateEmptyPostgres(postgresName) }
            : new DatabaseOptions { DataFolder = folder.Path };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAiPolicyHubCore(new CoreSettings(database) { PoolContexts = false });
        provider = services.BuildServiceProvider();

        await using var db = await Contexts.CreateDbContextAsync();
        await db.GetInfrastructure().GetRequiredService<IMigrator>().MigrateAsync(LastMigrationWithoutKeys);
        // Three entries as the version before wrote them: SHA-256 over the fields, linked by hash.
        var previous = "";
        for (var i = 1; i <= 3; i++)
        {
            var entry = new AuditEntry
            {
                At = new DateTime(2026, 11, 30, 9, i, 0, DateTimeKind.Utc), UserId = "old-user", UserName = "Otto Old", EntityType = "Tool",
                EntityId = i.ToString(System.Globalization.CultureInfo.InvariantCulture), EntityName = $"Tool {i}", Action = AuditAction.Created,
                ChangesJson = "[]", PreviousHash = previous,
            };
            entry.Hash = AnchoredAuditChainTests.PublicHash(entry);
            db.AuditEntries.Add(entry);
            await db.SaveChangesAsync();
            previous = entry.Hash;
            oldIds.Add(entry.Id);
        }
    }

    public async Task DisposeAsync()
    {
        await provider.DisposeAsync();
        if (TestDatabase.PostgresServer is { } server)
        {
            TestDatabase.DropDatabase(server, postgresName);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Dispose();
    }

    private IDbContextFactory<AppDbContext> Contexts => provider.GetRequiredService<IDbContextFactory<AppDbContext>>();

    private AuditTrail Audit => provider.GetRequiredService<AuditTrail>();

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var db = await Contexts.CreateDbContextAsync();
        return await Audit.VerifyAsync(db);
    }

    private async Task AppendTwoAsync()
    {
        var actor = new Actor("new-user", "Nina New", new HashSet<string>(), new HashSet<int>());
        await using var db = await Contexts.CreateDbContextAsync();
        foreach (var id in new[] { "4", "5" })
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            await Audit.AppendAsync(db, actor, "Tool", id, $"Tool {id}", AuditAction.Changed, [new FieldChange("Notes", null, "checked")]);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }
    }

    [Fact]
    public async Task The_old_entries_verify_after_the_upgrade_and_new_entries_are_sealed_with_the_key()
    {
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        Assert.Equal(new AuditVerification(true, 3, null, "All 3 entries are intact."), await VerifyAsync());

        await AppendTwoAsync();

        Assert.Equal(new AuditVerification(true, 5, null, "All 5 entries are intact."), await VerifyAsync());
        await using var db = await Contexts.CreateDbContextAsync();
        var entries = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(oldIds, entries.Take(3).Select(e => e.Id));
        Assert.All(entries.Take(3), e => Assert.Equal(AnchoredAuditChainTests.PublicHash(e), e.Hash));
        Assert.All(entries.Skip(3), e => Assert.NotEqual(AnchoredAuditChainTests.PublicHash(e), e.Hash));
        Assert.Equal(entries[2].Hash, entries[3].PreviousHash);
    }

    [Fact]
    public async Task New_entries_rewritten_with_the_old_unkeyed_formula_are_reported_at_the_first_of_them()
    {
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await AppendTwoAsync();
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            // Edit the first keyed entry and pass both off as entries from before the upgrade.
            var entries = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
            entries[3].ChangesJson = "[]";
            for (var i = 3; i < entries.Count; i++)
            {
                entries[i].PreviousHash = entries[i - 1].Hash;
                entries[i].Hash = AnchoredAuditChainTests.PublicHash(entries[i]);
            }
            await db.SaveChangesAsync();
        }

        var result = await VerifyAsync();

        await using var check = await Contexts.CreateDbContextAsync();
        var firstKeyed = await check.AuditEntries.OrderBy(e => e.Id).Skip(3).Select(e => e.Id).FirstAsync();
        Assert.Equal((false, firstKeyed), (result.Intact, result.FirstBrokenEntryId));
        Assert.Contains("rewritten without the key", result.Message);
    }

    [Fact]
    public async Task Removing_the_newest_old_entry_after_the_upgrade_is_reported()
    {
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            await db.AuditEntries.Where(e => e.Id == oldIds[2]).ExecuteDeleteAsync();
        }

        var result = await VerifyAsync();

        Assert.Equal((false, oldIds[2]), (result.Intact, result.FirstBrokenEntryId));
        Assert.Contains("missing", result.Message);
    }

    [Fact]
    public async Task Old_entries_rewritten_with_their_own_formula_after_the_upgrade_are_reported_where_the_old_part_ends()
    {
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        await using (var db = await Contexts.CreateDbContextAsync())
        {
            var entries = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
            entries[1].UserName = "Someone Else";
            for (var i = 1; i < entries.Count; i++)
            {
                entries[i].PreviousHash = entries[i - 1].Hash;
                entries[i].Hash = AnchoredAuditChainTests.PublicHash(entries[i]);
            }
            await db.SaveChangesAsync();
        }

        var result = await VerifyAsync();

        Assert.Equal((false, oldIds[2]), (result.Intact, result.FirstBrokenEntryId));
        Assert.Contains("rewritten", result.Message);
    }
}
