using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Auditing;

/// <summary>Where the next entry goes: what the head says, checked against the key, and the number the next entry takes.</summary>
/// <param name="Trusted">False when the stored head was missing or its seal did not match: appends go on, but never re-seal
/// a head the app did not write, which would launder whatever was done to it.</param>
/// <param name="Stored">Whether the head row exists (update) or not yet (insert).</param>
internal sealed record ChainEnd(long EntryCount, long LastEntryId, string LastHash, long KeyedFromEntryId, long NextId, bool Trusted, bool Stored)
{
    public ChainEnd After(AuditEntry entry) =>
        this with { EntryCount = EntryCount + 1, LastEntryId = entry.Id, LastHash = entry.Hash, NextId = entry.Id + 1 };

    public AuditChainHead ToHead(AuditChainKey key)
    {
        var head = new AuditChainHead
        {
            EntryCount = EntryCount, LastEntryId = LastEntryId, LastHash = LastHash, KeyedFromEntryId = KeyedFromEntryId, KeyId = key.KeyId,
        };
        head.Mac = Trusted ? key.Mac(head.SealedContent()) : "";
        return head;
    }
}

/// <summary>Reading and moving the chain's head (<see cref="AuditChainHead"/>), always under the audit chain's lock.</summary>
internal static class AuditChainAnchor
{
    public static async Task<ChainEnd> ReadEndAsync(AppDbContext db, AuditChainKey key, CancellationToken cancellationToken)
    {
        if (db.ChangeTracker.Entries<AuditChainHead>().FirstOrDefault(e => e.State is EntityState.Added or EntityState.Modified)
            is { } unsaved)
        {
            // An entry appended earlier in this unit of work and not saved yet: the next one follows it, not the stored head
            // (which would give both the same number and predecessor).
            var h = unsaved.Entity;
            return new ChainEnd(h.EntryCount, h.LastEntryId, h.LastHash, h.KeyedFromEntryId, h.LastEntryId + 1, Trusted: h.Mac.Length > 0,
                Stored: unsaved.State == EntityState.Modified);
        }
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingleRowId, cancellationToken);
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            // A new chain; or one whose head was deleted, which verification reports: go on from the last entry stored.
            return last is null
                ? new ChainEnd(0, 0, "", 1, 1, Trusted: true, Stored: false)
                : new ChainEnd(await db.AuditEntries.LongCountAsync(cancellationToken), last.Id, last.Hash, last.Id + 1, last.Id + 1,
                    Trusted: false, Stored: false);
        }
        if (head.KeyId != key.KeyId)
        {
            // Sealing with another key would make every later entry fail verification: refuse, and say how to fix it.
            throw new InvalidOperationException(KeyMismatch(head.KeyId, key.KeyId));
        }
        // A row added by hand past the head must not block every later save on its number.
        var next = Math.Max(head.LastEntryId, last?.Id ?? 0) + 1;
        return new ChainEnd(head.EntryCount, head.LastEntryId, head.LastHash, head.KeyedFromEntryId, next,
            Trusted: key.Verifies(head.SealedContent(), head.Mac), Stored: true);
    }

    /// <summary>Moves the head with the caller's next SaveChanges, so it is stored in the same transaction as the entry.</summary>
    public static void Track(AppDbContext db, ChainEnd end, AuditChainKey key)
    {
        // A head tracked from an earlier append (or left behind by the bulk chain's SQL) may hold old values: replace it.
        foreach (var tracked in db.ChangeTracker.Entries<AuditChainHead>().ToList())
        {
            tracked.State = EntityState.Detached;
        }
        db.Entry(end.ToHead(key)).State = end.Stored ? EntityState.Modified : EntityState.Added;
    }

    /// <summary>Moves the head at once, in the current transaction: for the bulk chain, which writes its entries by SQL.</summary>
    public static async Task<ChainEnd> WriteAsync(AppDbContext db, ChainEnd end, AuditChainKey key, CancellationToken cancellationToken)
    {
        var h = end.ToHead(key);
        if (end.Stored)
        {
            await db.Database.ExecuteSqlAsync(
                $"UPDATE \"AuditChainHeads\" SET \"EntryCount\" = {h.EntryCount}, \"LastEntryId\" = {h.LastEntryId}, \"LastHash\" = {h.LastHash}, \"KeyedFromEntryId\" = {h.KeyedFromEntryId}, \"KeyId\" = {h.KeyId}, \"Mac\" = {h.Mac} WHERE \"Id\" = {h.Id}",
                cancellationToken);
        }
        else
        {
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO \"AuditChainHeads\" (\"Id\", \"EntryCount\", \"LastEntryId\", \"LastHash\", \"KeyedFromEntryId\", \"KeyId\", \"Mac\") VALUES ({h.Id}, {h.EntryCount}, {h.LastEntryId}, {h.LastHash}, {h.KeyedFromEntryId}, {h.KeyId}, {h.Mac})",
                cancellationToken);
        }
        return end with { Stored = true };
    }

    /// <summary>
    /// Seals the chain as it stands when the database is upgraded to keyed entries: the entries so far keep the public
    /// formula, and the sealed head pins their end, so they cannot be rewritten afterwards either (each later entry seals
    /// the hash of the one before). Done once, by the upgrade; a head deleted later is reported, never sealed again.
    /// </summary>
    /// <returns>How many existing entries were sealed, or null when the chain already had a head.</returns>
    public static async Task<long?> SealExistingChainAsync(AppDbContext db, AuditChainKey key, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await Providers.SerializeWritersAsync(db, Providers.AuditChainLock, cancellationToken);
        if (await db.AuditChainHeads.AnyAsync(cancellationToken))
        {
            return null;
        }
        var count = await db.AuditEntries.LongCountAsync(cancellationToken);
        var last = await db.AuditEntries.OrderByDescending(e => e.Id).Select(e => new { e.Id, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        var end = new ChainEnd(count, last?.Id ?? 0, last?.Hash ?? "", (last?.Id ?? 0) + 1, (last?.Id ?? 0) + 1, Trusted: true, Stored: false);
        db.AuditChainHeads.Add(end.ToHead(key));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    public static string KeyMismatch(string stored, string ours) =>
        $"The audit trail was sealed with another audit key (key id {stored}) than this instance has ({ours}). Every instance " +
        $"must use the same key: set Audit:Key ({AuditOptions.KeyVariable}) to the same value on all of them, or bring the " +
        $"{AuditOptions.DefaultKeyFileName} file from the data folder the trail was written with.";
}
