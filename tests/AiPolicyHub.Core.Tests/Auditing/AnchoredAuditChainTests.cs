using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiPolicyHub.Core.Tests.Auditing;

/// <summary>
/// What someone with write access to the database, but not the audit key, would try: removing the newest entries,
/// removing or editing one and recomputing the hashes after it with the public formula, re-hashing everything. Each is
/// reported by Verify integrity and by the hourly check, naming the first entry affected.
/// </summary>
public sealed class AnchoredAuditChainTests : IAsyncLifetime
{
    private TestServices test = null!;
    private ClaimsPrincipal cora = null!;
    private int department, level;
    private readonly string exportFolder = Directory.CreateTempSubdirectory("audit-export-").FullName;

    public async Task InitializeAsync()
    {
        test = await new TestServices(audit: new AuditOptions { CheckpointExport = exportFolder + Path.DirectorySeparatorChar }).InitializeAsync();
        cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        department = await test.AddDepartmentAsync("Marketing");
        level = await test.ClassificationIdAsync("Internal");
    }

    public async Task DisposeAsync()
    {
        await test.DisposeAsync();
        Directory.Delete(exportFolder, recursive: true);
    }

    /// <summary>Six workflows saved through the app: six entries. Returns their ids in order.</summary>
    private Task<List<long>> SixEntriesAsync() => EntriesAsync(1, 6);

    private async Task<List<long>> EntriesAsync(int first, int last)
    {
        for (var i = first; i <= last; i++)
        {
            Assert.Equal(SaveStatus.Saved, (await test.Workflows.SaveAsync(cora, null, new WorkflowForm
            {
                Name = $"Workflow {i}", DepartmentId = department, Purpose = "Purpose", DataClassificationId = level, ApprovingRole = "Team lead",
            })).Status);
        }
        await using var db = await test.DbAsync();
        return await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
    }

    public enum Tampering
    {
        LastEntryDeleted,
        LastThreeEntriesDeleted,
        MiddleEntryDeletedAndLaterOnesRelinked,
        EntryEditedAndRehashedFromThere,
        WholeChainRehashed,
    }

    /// <summary>Does it to the six entries; returns the index of the entry the report must name.</summary>
    private async Task<int> TamperAsync(Tampering tampering, List<long> ids)
    {
        switch (tampering)
        {
            case Tampering.LastEntryDeleted:
                await DeleteAsync(ids[5]);
                return 5;
            case Tampering.LastThreeEntriesDeleted:
                await DeleteAsync(ids[3], ids[4], ids[5]);
                return 3;
            case Tampering.MiddleEntryDeletedAndLaterOnesRelinked:
                await DeleteAsync(ids[2]);
                await RehashWithThePublicFormulaAsync(from: ids[3]);
                return 2;
            case Tampering.EntryEditedAndRehashedFromThere:
                await using (var db = await test.DbAsync())
                {
                    await db.AuditEntries.Where(e => e.Id == ids[2]).ExecuteUpdateAsync(set => set.SetProperty(e => e.ChangesJson, "[]"));
                }
                await RehashWithThePublicFormulaAsync(from: ids[2]);
                return 2;
            case Tampering.WholeChainRehashed:
                await RehashWithThePublicFormulaAsync(from: ids[0]);
                return 0;
            default:
                throw new ArgumentOutOfRangeException(nameof(tampering));
        }
    }

    private async Task DeleteAsync(params long[] ids)
    {
        await using var db = await test.DbAsync();
        Assert.Equal(ids.Length, await db.AuditEntries.Where(e => ids.Contains(e.Id)).ExecuteDeleteAsync());
    }

    /// <summary>
    /// What the chain's hash was before it had a key, computed here as anyone could from the published formula: SHA-256
    /// over the fields, each entry linking to the hash of the one before. Rewrites every entry from <paramref name="from"/>.
    /// </summary>
    private async Task RehashWithThePublicFormulaAsync(long from)
    {
        await using var db = await test.DbAsync();
        var entries = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        var previous = "";
        foreach (var entry in entries)
        {
            if (entry.Id >= from)
            {
                entry.PreviousHash = previous;
                entry.Hash = PublicHash(entry);
            }
            previous = entry.Hash;
        }
        await db.SaveChangesAsync();
    }

    internal static string PublicHash(AuditEntry e) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
        e.PreviousHash, e.At.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture), e.UserId, e.UserName, e.EntityType,
        e.EntityId, e.EntityName, e.Action.ToString(), e.ChangesJson))));

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var db = await test.DbAsync();
        return await test.Audit.VerifyAsync(db);
    }

    private AuditChainCheckJob Job() => new(test.Provider.GetRequiredService<IDbContextFactory<AiPolicyHub.Core.Data.AppDbContext>>(), test.Audit,
        test.Provider.GetRequiredService<AuditCheckpoints>(), NullLogger<AuditChainCheckJob>.Instance);

    [Theory]
    [InlineData(Tampering.LastEntryDeleted)]
    [InlineData(Tampering.LastThreeEntriesDeleted)]
    [InlineData(Tampering.MiddleEntryDeletedAndLaterOnesRelinked)]
    [InlineData(Tampering.EntryEditedAndRehashedFromThere)]
    [InlineData(Tampering.WholeChainRehashed)]
    public async Task Verify_integrity_reports_the_tampering_naming_the_first_entry_affected(Tampering tampering)
    {
        var ids = await SixEntriesAsync();
        Assert.True((await VerifyAsync()).Intact);

        var named = ids[await TamperAsync(tampering, ids)];
        var result = await VerifyAsync();

        Assert.False(result.Intact, result.Message);
        Assert.Equal(named, result.FirstBrokenEntryId);
        Assert.Contains($"#{named}", result.Message);
        if (tampering is Tampering.LastEntryDeleted or Tampering.LastThreeEntriesDeleted or Tampering.MiddleEntryDeletedAndLaterOnesRelinked)
        {
            Assert.Contains("missing", result.Message);
        }
        if (tampering is Tampering.EntryEditedAndRehashedFromThere or Tampering.WholeChainRehashed)
        {
            Assert.Contains("rewritten without the key", result.Message);
        }
    }

    [Theory]
    [InlineData(Tampering.LastEntryDeleted)]
    [InlineData(Tampering.LastThreeEntriesDeleted)]
    [InlineData(Tampering.MiddleEntryDeletedAndLaterOnesRelinked)]
    [InlineData(Tampering.EntryEditedAndRehashedFromThere)]
    [InlineData(Tampering.WholeChainRehashed)]
    public async Task The_hourly_check_reports_the_same_tampering(Tampering tampering)
    {
        var ids = await SixEntriesAsync();
        Assert.StartsWith("All 6 entries are intact.", await Job().RunAsync(default));

        var named = ids[await TamperAsync(tampering, ids)];
        var outcome = await Job().RunAsync(default);

        Assert.DoesNotContain("intact", outcome);
        Assert.Contains($"#{named}", outcome);
        Assert.StartsWith((await VerifyAsync()).Message, outcome);
    }

    /// <summary>
    /// Six entries, with the chain's head row as it was after four of them: what someone who kept a copy of that row
    /// (a backup, an earlier look) can put back after removing the two newest entries. Its seal is genuine.
    /// </summary>
    private async Task<(List<long> Ids, AuditChainHead AfterFour)> SixEntriesKeepingTheHeadAfterFourAsync()
    {
        await EntriesAsync(1, 4);
        AuditChainHead afterFour;
        await using (var db = await test.DbAsync())
        {
            afterFour = await db.AuditChainHeads.AsNoTracking().SingleAsync();
        }
        return (await EntriesAsync(5, 6), afterFour);
    }

    private async Task RemoveTheLastTwoAndPutBackAsync(List<long> ids, AuditChainHead afterFour)
    {
        await using var db = await test.DbAsync();
        await db.AuditEntries.Where(e => e.Id > ids[3]).ExecuteDeleteAsync();
        var head = await db.AuditChainHeads.SingleAsync();
        (head.EntryCount, head.LastEntryId, head.LastHash, head.Mac) = (afterFour.EntryCount, afterFour.LastEntryId, afterFour.LastHash, afterFour.Mac);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Removing_the_newest_entries_and_putting_back_an_earlier_head_is_caught_by_the_checkpoint()
    {
        var (ids, afterFour) = await SixEntriesKeepingTheHeadAfterFourAsync();
        await Job().RunAsync(default); // a checkpoint at six entries
        await RemoveTheLastTwoAndPutBackAsync(ids, afterFour);

        var result = await VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(ids[4], result.FirstBrokenEntryId);
        Assert.Contains("checkpoint", result.Message);
        Assert.Contains("missing", result.Message);
    }

    [Fact]
    public async Task Checkpoints_exported_outside_the_database_still_catch_removed_entries_when_those_inside_are_deleted_too()
    {
        var (ids, afterFour) = await SixEntriesKeepingTheHeadAfterFourAsync();
        await Job().RunAsync(default);
        var exported = Path.Combine(exportFolder, AuditCheckpoints.ExportFileName);
        Assert.Single(await File.ReadAllLinesAsync(exported));
        await RemoveTheLastTwoAndPutBackAsync(ids, afterFour);
        await using (var db = await test.DbAsync())
        {
            await db.AuditCheckpoints.ExecuteDeleteAsync();
        }
        Assert.True((await VerifyAsync()).Intact); // the database alone no longer shows it

        var outcome = await Job().RunAsync(default);

        Assert.Contains($"#{ids[4]}", outcome);
        Assert.Contains("exported checkpoint", outcome);
    }

    [Fact]
    public async Task A_chain_written_by_an_import_and_by_single_saves_in_between_verifies_and_is_sealed_with_the_key()
    {
        await using var kit = await AiPolicyHub.Core.Tests.ImportExport.ImportTestKit.StartAsync();
        var csv = "name,vendor,classification,approval\r\nCopilot,GitHub,Internal,Approved\r\nLlama,In-house,Internal,Proposed\r\n";
        var mapping = new AiPolicyHub.Core.ImportExport.ImportMapping
        {
            Target = AiPolicyHub.Core.ImportExport.ImportTarget.Tools,
            Match = AiPolicyHub.Core.ImportExport.ImportMatch.Name,
            Fields =
            [
                Field(AiPolicyHub.Core.ImportExport.ImportFieldKey.Name, "name"), Field(AiPolicyHub.Core.ImportExport.ImportFieldKey.Vendor, "vendor"),
                Field(AiPolicyHub.Core.ImportExport.ImportFieldKey.MaxClassification, "classification"),
                Field(AiPolicyHub.Core.ImportExport.ImportFieldKey.ApprovalStatus, "approval"),
            ],
        };
        Assert.True((await kit.ImportAsync(Encoding.UTF8.GetBytes(csv), "tools.csv", mapping)).Committed);
        var internalLevel = await kit.Services.ClassificationIdAsync("Internal");
        var marketing = await kit.Services.AddDepartmentAsync("Marketing");
        int copilotId;
        await using (var db = await kit.Services.DbAsync())
        {
            copilotId = await db.Tools.Where(t => t.Name == "Copilot").Select(t => t.Id).SingleAsync();
        }
        var olga = await kit.Services.CreateUserAsync("Olga Officer", Roles.ComplianceOfficer);
        var saved = await kit.Services.Workflows.SaveAsync(olga, null, new WorkflowForm
        {
            Name = "Code review", DepartmentId = marketing, Purpose = "Reviews code", DataClassificationId = internalLevel,
            ApprovingRole = "Team lead", ToolIds = [copilotId],
        });
        var form = (await kit.Services.Workflows.GetAsync(saved.Id))!;
        form.Status = WorkflowStatus.Approved;
        Assert.Equal(SaveStatus.Saved, (await kit.Services.Workflows.SaveAsync(kit.Officer, saved.Id, form)).Status);
        // Lowering the tool's limit in a second import reopens the approved workflow: the reopening's entry is written the
        // usual way in the middle of the import's bulk chain.
        var second = await kit.ImportAsync(Encoding.UTF8.GetBytes(csv.Replace("Copilot,GitHub,Internal", "Copilot,GitHub,Public")), "tools.csv", mapping);
        Assert.True(second.Committed, second.Summary);

        await using var check = await kit.Services.DbAsync();
        var entries = await check.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Contains(entries, e => e.Action == AuditAction.Reopened);
        var result = await kit.Services.Audit.VerifyAsync(check);
        Assert.Equal(new AuditVerification(true, entries.Count, null, $"All {entries.Count} entries are intact."), result);
        var head = await check.AuditChainHeads.SingleAsync();
        Assert.Equal((entries.Count, entries[^1].Id, entries[^1].Hash), ((int)head.EntryCount, head.LastEntryId, head.LastHash));
        // Numbered without gaps, and none carries a hash anyone could compute.
        Assert.Equal(Enumerable.Range(1, entries.Count).Select(i => (long)i), entries.Select(e => e.Id));
        Assert.All(entries, e => Assert.NotEqual(PublicHash(e), e.Hash));
    }

    private static AiPolicyHub.Core.ImportExport.FieldMapping Field(AiPolicyHub.Core.ImportExport.ImportFieldKey field, string column) =>
        new() { Field = field, Columns = [column] };

    [Fact]
    public async Task Two_entries_appended_before_one_save_follow_each_other()
    {
        await SixEntriesAsync();
        var actor = new Actor("u", "Una User", new HashSet<string>(), new HashSet<int>());
        await using (var db = await test.DbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var first = await test.Audit.AppendAsync(db, actor, "Tool", "1", "Tool", AuditAction.Changed, []);
            var second = await test.Audit.AppendAsync(db, actor, "Tool", "1", "Tool", AuditAction.Changed, []);
            Assert.Equal((first.Id + 1, first.Hash), (second.Id, second.PreviousHash));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        Assert.Equal(new AuditVerification(true, 8, null, "All 8 entries are intact."), await VerifyAsync());
    }

    [Fact]
    public async Task An_instance_with_another_key_is_refused_at_start_and_writes_nothing()
    {
        await SixEntriesAsync();
        var otherKey = AuditChainKey.Generate();
        var initializer = new AiPolicyHub.Core.Data.DatabaseInitializer(
            test.Provider.GetRequiredService<IDbContextFactory<AiPolicyHub.Core.Data.AppDbContext>>(), test.Database, otherKey,
            NullLogger<AiPolicyHub.Core.Data.DatabaseInitializer>.Instance);

        var error = await Assert.ThrowsAsync<StartupException>(() => initializer.InitializeAsync());

        Assert.Contains("another audit key", error.Message);
        Assert.Contains(AuditOptions.KeyVariable, error.Message);
        var other = new AuditTrail(test.Clock, otherKey);
        await using var db = await test.DbAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => other.AppendAsync(db, new Actor("x", "X", new HashSet<string>(), new HashSet<int>()),
            "Tool", "1", "Tool", AuditAction.Changed, []));
        Assert.Contains("another audit key", (await other.VerifyAsync(db)).Message);
    }

    [Fact]
    public void The_key_file_is_created_once_readable_by_its_owner_only_and_read_back_the_same()
    {
        var options = new AiPolicyHub.Core.Data.DatabaseOptions { DataFolder = Path.Combine(exportFolder, "data") };

        var first = AuditChainKey.Load(new AuditOptions(), options);
        var again = AuditChainKey.Load(new AuditOptions(), options);

        Assert.Equal(first.KeyId, again.KeyId);
        var file = Path.Combine(options.DataFolder, AuditOptions.DefaultKeyFileName);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        var configured = AuditChainKey.Load(new AuditOptions { Key = File.ReadAllText(file) }, new AiPolicyHub.Core.Data.DatabaseOptions { DataFolder = "/nonexistent" });
        Assert.Equal(first.KeyId, configured.KeyId);
        Assert.Throws<StartupException>(() => AuditChainKey.Load(new AuditOptions { Key = "c2hvcnQ=" }, options).KeyId);
    }
}
