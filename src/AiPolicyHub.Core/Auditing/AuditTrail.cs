using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Auditing;

public sealed record AuditVerification(bool Intact, int EntriesChecked, long? FirstBrokenEntryId, string Message);

/// <summary>The append-only, hash-chained record of every change.</summary>
public sealed class AuditTrail(TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The clock entries are stamped with, for use cases that record the time of what they add beside an entry.</summary>
    public TimeProvider Clock => clock;

    /// <summary>
    /// Adds an entry to <paramref name="db"/>; the caller saves it in the same transaction as the change
    /// itself, so a change is never stored without its audit entry or the other way round.
    /// Call it inside a transaction: the transaction serialises writers, so two entries never claim the same predecessor
    /// (SQLite's write lock does that by itself; on PostgreSQL, where writers run side by side, a lock held until the
    /// transaction ends does — across every app instance).
    /// </summary>
    public async Task<AuditEntry> AppendAsync(AppDbContext db, Actor actor, string entityType, string entityId,
        string entityName, AuditAction action, IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken = default)
    {
        await Providers.SerializeWritersAsync(db, Providers.AuditChainLock, cancellationToken);
        var previous = await LatestHashAsync(db, cancellationToken);
        var now = clock.GetUtcNow();
        var entry = new AuditEntry
        {
            // Millisecond precision, so the stored value reads back exactly as it was hashed.
            At = new DateTime(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc),
            UserId = actor.UserId,
            // Clamped to the columns (PostgreSQL enforces them; SQLite would not), before hashing, so the hash covers what is stored.
            UserName = Clamp(actor.Name, 256),
            EntityType = entityType,
            EntityId = Clamp(entityId, 50),
            EntityName = Clamp(entityName, 200),
            Action = action,
            ChangesJson = JsonSerializer.Serialize(changes, Json),
            PreviousHash = previous,
        };
        entry.Hash = HashOf(entry);
        db.AuditEntries.Add(entry);
        return entry;
    }

    /// <summary>
    /// For writing many entries in one transaction (an import): each links to the one before it in memory, instead of
    /// reading the latest hash back for every entry. Start it inside the transaction, like <see cref="AppendAsync"/>.
    /// </summary>
    public async Task<AuditChain> StartChainAsync(AppDbContext db, Actor actor, CancellationToken cancellationToken = default)
    {
        await Providers.SerializeWritersAsync(db, Providers.AuditChainLock, cancellationToken);
        return new(db, actor, clock, await LatestHashAsync(db, cancellationToken));
    }

    /// <summary>The hash the next entry links to: the last stored entry's, or "" for the first.</summary>
    internal static async Task<string> LatestHashAsync(AppDbContext db, CancellationToken cancellationToken) =>
        await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken) ?? "";

    private static string Clamp(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    /// <summary>One record's entries, newest first.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> HistoryAsync(AppDbContext db, string entityType, string entityId,
        CancellationToken cancellationToken = default) =>
        await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == entityType && e.EntityId == entityId)
            .OrderByDescending(e => e.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// What to tell a user whose save lost the race: who saved last, when, and which fields differ
    /// between what the user loaded and what is stored now.
    /// </summary>
    public static async Task<Inventory.EditConflict> ConflictAsync(AppDbContext db, string entityType, string entityId, int currentVersion,
        IReadOnlyDictionary<string, string>? loaded, IReadOnlyDictionary<string, string> current, CancellationToken cancellationToken = default)
    {
        var last = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == entityType && e.EntityId == entityId)
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        return new Inventory.EditConflict(last?.UserName ?? "Someone", last?.At, loaded is null ? [] : Diff(loaded, current), currentVersion);
    }

    public static IReadOnlyList<FieldChange> ChangesOf(AuditEntry entry) =>
        JsonSerializer.Deserialize<List<FieldChange>>(entry.ChangesJson, Json) ?? [];

    /// <summary>Walks the whole chain and reports the first entry whose content or link does not match.</summary>
    public static async Task<AuditVerification> VerifyAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var previous = "";
        var count = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (entry.PreviousHash != previous)
            {
                return new(false, count, entry.Id,
                    $"Entry #{entry.Id} does not follow the entry before it: an entry was removed or inserted by hand.");
            }
            if (HashOf(entry) != entry.Hash)
            {
                return new(false, count, entry.Id,
                    $"Entry #{entry.Id} ({entry.EntityType} '{entry.EntityName}', {entry.At:yyyy-MM-dd HH:mm} UTC) was altered after it was written.");
            }
            previous = entry.Hash;
        }
        return new(true, count, null, count == 0 ? "The audit trail is empty." : $"All {count} entries are intact.");
    }

    internal static string HashOf(AuditEntry e)
    {
        var content = string.Join('\u001f', e.PreviousHash, e.At.ToString("yyyy-MM-ddTHH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture), e.UserId, e.UserName,
            e.EntityType, e.EntityId, e.EntityName, e.Action.ToString(), e.ChangesJson);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
    }

    /// <summary>The fields whose value differs between two descriptions of the same thing.</summary>
    public static IReadOnlyList<FieldChange> Diff(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after) =>
        after.Keys.Union(before.Keys)
            .Select(field => new FieldChange(field, before.GetValueOrDefault(field), after.GetValueOrDefault(field)))
            .Where(c => c.Before != c.After)
            .ToList();
}

/// <summary>
/// Entries appended one after another by one actor, hash-linked in memory and written many at a time, one multi-row
/// INSERT per chunk in the caller's transaction (so their ids follow the chain's order even when EF saves other rows in
/// between). Entries are written when enough are waiting and at <see cref="FlushAsync"/>, which the caller must call
/// before it commits; an entry's <see cref="AuditEntry.Id"/> is set once it is written.
/// </summary>
public sealed class AuditChain : IAsyncDisposable
{
    private static readonly string[] Columns =
        ["At", "UserId", "UserName", "EntityType", "EntityId", "EntityName", "Action", "ChangesJson", "PreviousHash", "Hash"];

    private readonly Actor actor;
    private readonly TimeProvider clock;
    private readonly MultiRowInsert insert;
    private readonly List<AuditEntry> unwritten = [];
    private string previousHash;

    internal AuditChain(AppDbContext db, Actor actor, TimeProvider clock, string previousHash)
    {
        this.actor = actor;
        this.clock = clock;
        this.previousHash = previousHash;
        var transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(
            db.Database.CurrentTransaction ?? throw new InvalidOperationException("Start the audit chain inside a transaction."));
        insert = new MultiRowInsert(db.Database.GetDbConnection(), transaction, "AuditEntries", Columns, returnsIds: true);
    }

    /// <summary>The clock the entries are stamped with, for steps that record the time of what they add beside them.</summary>
    public TimeProvider Clock => clock;

    public Task<AuditEntry> AppendAsync(string entityType, string entityId, string entityName, AuditAction action,
        IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken = default) =>
        AppendAsync(entityType, entityId, entityName, action, Serialize(changes), cancellationToken);

    /// <summary>The changes as an entry stores them: for callers that prepare many entries' changes on several threads.</summary>
    public static string Serialize(IReadOnlyList<FieldChange> changes) => JsonSerializer.Serialize(changes, AuditTrail.Json);

    /// <summary>Appends an entry whose changes are already serialized (<see cref="Serialize"/>).</summary>
    public async Task<AuditEntry> AppendAsync(string entityType, string entityId, string entityName, AuditAction action,
        string changesJson, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var entry = new AuditEntry
        {
            At = new DateTime(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc),
            UserId = actor.UserId,
            UserName = actor.Name,
            EntityType = entityType,
            EntityId = entityId,
            EntityName = entityName.Length > 200 ? entityName[..200] : entityName,
            Action = action,
            ChangesJson = changesJson,
            PreviousHash = previousHash,
        };
        entry.Hash = AuditTrail.HashOf(entry);
        insert.Add(entry.At, entry.UserId, entry.UserName, entry.EntityType, entry.EntityId, entry.EntityName, (int)entry.Action,
            entry.ChangesJson, entry.PreviousHash, entry.Hash);
        unwritten.Add(entry);
        previousHash = entry.Hash;
        if (insert.Pending >= insert.RowsPerStatement)
        {
            await FlushAsync(cancellationToken);
        }
        return entry;
    }

    /// <summary>Writes the entries not written yet and sets their ids.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        var ids = await insert.FlushAsync(cancellationToken);
        for (var i = 0; i < ids.Count; i++)
        {
            unwritten[i].Id = ids[i];
        }
        unwritten.Clear();
    }

    /// <summary>
    /// Runs <paramref name="steps"/> that append entries the usual way (<see cref="AuditTrail.AppendAsync"/>) in the middle of
    /// the chain: the chain's entries are written first, so those link to them, and the chain goes on from the last they stored.
    /// </summary>
    public async Task AppendElsewhereAsync(AppDbContext db, Func<Task> steps, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        await steps();
        previousHash = await AuditTrail.LatestHashAsync(db, cancellationToken);
    }

    public ValueTask DisposeAsync() => insert.DisposeAsync();
}
