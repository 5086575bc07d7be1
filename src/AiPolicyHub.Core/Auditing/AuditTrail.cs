using System.Text.Json;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Auditing;

public sealed record AuditVerification(bool Intact, int EntriesChecked, long? FirstBrokenEntryId, string Message);

/// <summary>
/// The append-only record of every change, sealed with a key kept outside the database (<see cref="AuditChainKey"/>):
/// each entry carries an HMAC over itself and the seal of the one before, and a sealed head records where the chain ends.
/// </summary>
public sealed class AuditTrail(TimeProvider clock, AuditChainKey key)
{
    /// <summary>
    /// How changes are stored: camel-case names, and no <c>null</c> values (a created record's entry listed
    /// <c>"before":null</c> for every field, a fifth of an import's audit trail); a missing value reads back as null.
    /// </summary>
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The clock entries are stamped with, for use cases that record the time of what they add beside an entry.</summary>
    public TimeProvider Clock => clock;

    internal AuditChainKey Key => key;

    /// <summary>
    /// Adds an entry to <paramref name="db"/>, and moves the chain's head; the caller saves both in the same transaction as
    /// the change itself, so a change is never stored without its audit entry or the other way round.
    /// Call it inside a transaction: the transaction serialises writers, so two entries never claim the same predecessor
    /// (SQLite's write lock does that by itself; on PostgreSQL, where writers run side by side, a lock held until the
    /// transaction ends does — across every app instance).
    /// </summary>
    public async Task<AuditEntry> AppendAsync(AppDbContext db, Actor actor, string entityType, string entityId,
        string entityName, AuditAction action, IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken = default)
    {
        await Providers.SerializeWritersAsync(db, Providers.AuditChainLock, cancellationToken);
        var end = await AuditChainAnchor.ReadEndAsync(db, key, cancellationToken);
        var entry = AuditEntryFactory.Create(key, end, actor, clock.GetUtcNow(), entityType, entityId, entityName, action,
            AuditChain.Serialize(changes));
        db.AuditEntries.Add(entry);
        AuditChainAnchor.Track(db, end.After(entry), key);
        return entry;
    }

    /// <summary>
    /// For writing many entries in one transaction (an import): each links to the one before it in memory, instead of
    /// reading the head back for every entry. Start it inside the transaction, like <see cref="AppendAsync"/>.
    /// </summary>
    public async Task<AuditChain> StartChainAsync(AppDbContext db, Actor actor, CancellationToken cancellationToken = default)
    {
        await Providers.SerializeWritersAsync(db, Providers.AuditChainLock, cancellationToken);
        return new(db, actor, clock, key, await AuditChainAnchor.ReadEndAsync(db, key, cancellationToken));
    }

    /// <summary>One record's entries, newest first.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> HistoryAsync(AppDbContext db, string entityType, string entityId,
        CancellationToken cancellationToken = default) =>
        await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == entityType && e.EntityId == entityId)
            .OrderByDescending(e => e.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// What to tell a user whose save lost the race: who saved last, when, and which fields differ
    /// between what the user loaded and what is stored now.
    /// </summary>
    public static async Task<EditConflict> ConflictAsync(AppDbContext db, string entityType, string entityId, int currentVersion,
        IReadOnlyDictionary<string, string>? loaded, IReadOnlyDictionary<string, string> current, CancellationToken cancellationToken = default)
    {
        var last = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == entityType && e.EntityId == entityId)
            .OrderByDescending(e => e.Id).FirstOrDefaultAsync(cancellationToken);
        return new EditConflict(last?.UserName ?? "Someone", last?.At, loaded is null ? [] : Diff(loaded, current), currentVersion);
    }

    public static IReadOnlyList<FieldChange> ChangesOf(AuditEntry entry) =>
        JsonSerializer.Deserialize<List<FieldChange>>(entry.ChangesJson, Json) ?? [];

    /// <summary>Walks the whole chain and reports the first entry edited, removed or re-hashed, or entries missing at its end.</summary>
    public Task<AuditVerification> VerifyAsync(AppDbContext db, CancellationToken cancellationToken = default) =>
        AuditChainVerifier.VerifyAsync(db, key, [], cancellationToken);

    /// <summary>As <see cref="VerifyAsync(AppDbContext, CancellationToken)"/>, also holding the chain to checkpoints kept outside the database.</summary>
    public Task<AuditVerification> VerifyAsync(AppDbContext db, IReadOnlyList<AuditCheckpoint> exported, CancellationToken cancellationToken = default) =>
        AuditChainVerifier.VerifyAsync(db, key, exported, cancellationToken);

    /// <summary>The fields whose value differs between two descriptions of the same thing.</summary>
    public static List<FieldChange> Diff(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        // The fields of after in their order, then those only before has (an import runs this for every row).
        var changes = new List<FieldChange>(after.Count);
        foreach (var (field, value) in after)
        {
            if (before.GetValueOrDefault(field) is var old && old != value)
            {
                changes.Add(new FieldChange(field, old, value));
            }
        }
        foreach (var (field, old) in before)
        {
            if (old is not null && !after.ContainsKey(field))
            {
                changes.Add(new FieldChange(field, old, null));
            }
        }
        return changes;
    }
}

/// <summary>
/// Entries appended one after another by one actor, linked in memory and written many at a time (<see cref="BulkInsert"/>)
/// in the caller's transaction. Entries are written when enough are waiting and at <see cref="FlushAsync"/>,
/// which also moves the chain's head, and which the caller must call before it commits. An entry's
/// <see cref="AuditEntry.Id"/> is its number in the chain, known when it is appended.
/// </summary>
public sealed class AuditChain : IAsyncDisposable
{
    private static readonly string[] Columns =
        ["Id", "At", "UserId", "UserName", "EntityType", "EntityId", "EntityName", "Action", "ChangesJson", "PreviousHash", "Hash"];

    private readonly AppDbContext db;
    private readonly Actor actor;
    private readonly TimeProvider clock;
    private readonly AuditChainKey key;
    private readonly BulkInsert insert;
    private ChainEnd end;
    private bool headBehind;

    internal AuditChain(AppDbContext db, Actor actor, TimeProvider clock, AuditChainKey key, ChainEnd end)
    {
        this.db = db;
        this.actor = actor;
        this.clock = clock;
        this.key = key;
        this.end = end;
        var transaction = Microsoft.EntityFrameworkCore.Storage.DbContextTransactionExtensions.GetDbTransaction(
            db.Database.CurrentTransaction ?? throw new InvalidOperationException("Start the audit chain inside a transaction."));
        insert = BulkInsert.Create(db.Database.GetDbConnection(), transaction, "AuditEntries", Columns, returnsIds: false);
    }

    /// <summary>The clock the entries are stamped with, for steps that record the time of what they add beside them.</summary>
    public TimeProvider Clock => clock;

    public Task<AuditEntry> AppendAsync(string entityType, string entityId, string entityName, AuditAction action,
        IReadOnlyList<FieldChange> changes, CancellationToken cancellationToken = default) =>
        AppendAsync(entityType, entityId, entityName, action, Serialize(changes), cancellationToken);

    /// <summary>
    /// The changes as an entry stores them, for callers that prepare many entries' changes on several threads: the JSON
    /// <see cref="JsonSerializer"/> writes with <see cref="AuditTrail.Json"/> (camel-case names, no nulls, the default escaping), written
    /// field by field because an import serializes one list per row and the serializer's generic path cost a tenth of it.
    /// </summary>
    public static string Serialize(IReadOnlyList<FieldChange> changes)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(64 + changes.Count * 96);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            foreach (var change in changes)
            {
                json.WriteStartObject();
                json.WriteString(FieldName, change.Field);
                if (change.Before is not null)
                {
                    json.WriteString(BeforeName, change.Before);
                }
                if (change.After is not null)
                {
                    json.WriteString(AfterName, change.After);
                }
                json.WriteEndObject();
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static readonly JsonEncodedText FieldName = JsonEncodedText.Encode("field"), BeforeName = JsonEncodedText.Encode("before"),
        AfterName = JsonEncodedText.Encode("after");

    /// <summary>Appends an entry whose changes are already serialized (<see cref="Serialize"/>).</summary>
    public async Task<AuditEntry> AppendAsync(string entityType, string entityId, string entityName, AuditAction action,
        string changesJson, CancellationToken cancellationToken = default)
    {
        var entry = AuditEntryFactory.Create(key, end, actor, clock.GetUtcNow(), entityType, entityId, entityName, action, changesJson);
        insert.Add(entry.Id, entry.At, entry.UserId, entry.UserName, entry.EntityType, entry.EntityId, entry.EntityName, (int)entry.Action,
            entry.ChangesJson, entry.PreviousHash, entry.Hash);
        end = end.After(entry);
        headBehind = true;
        if (insert.Pending >= insert.RowsPerStatement)
        {
            // The head waits for FlushAsync: one transaction holds it all, and nobody else reads the head until then.
            await insert.FlushAsync(cancellationToken);
        }
        return entry;
    }

    /// <summary>Writes the entries not written yet, and moves the head past them.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await insert.FlushAsync(cancellationToken);
        if (headBehind)
        {
            end = await AuditChainAnchor.WriteAsync(db, end, key, cancellationToken);
            headBehind = false;
        }
    }

    /// <summary>
    /// Runs <paramref name="steps"/> that append entries the usual way (<see cref="AuditTrail.AppendAsync"/>) in the middle of
    /// the chain: the chain's entries are written first, so those link to them, and the chain goes on from the head they left.
    /// </summary>
    public async Task AppendElsewhereAsync(AppDbContext context, Func<Task> steps, CancellationToken cancellationToken = default)
    {
        await FlushAsync(cancellationToken);
        await steps();
        end = await AuditChainAnchor.ReadEndAsync(context, key, cancellationToken);
    }

    public ValueTask DisposeAsync() => insert.DisposeAsync();
}
