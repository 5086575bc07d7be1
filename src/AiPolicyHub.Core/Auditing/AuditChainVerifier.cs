using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Auditing;

/// <summary>
/// Walks the chain from its first entry and reports the first thing wrong: an entry that does not carry the seal of its
/// content (edited), or carries the public formula's where the key's is due (re-hashed without the key); a number
/// missing (removed) or a link to the wrong predecessor; and, at the end, entries the head or a checkpoint says existed.
/// </summary>
internal static class AuditChainVerifier
{
    public static async Task<AuditVerification> VerifyAsync(AppDbContext db, AuditChainKey key, IReadOnlyList<AuditCheckpoint> exported,
        CancellationToken cancellationToken)
    {
        var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingleRowId, cancellationToken);
        if (head is not null && head.KeyId != key.KeyId)
        {
            return new(false, 0, null, AuditChainAnchor.KeyMismatch(head.KeyId, key.KeyId));
        }
        var headSealed = head is not null && key.Verifies(head.SealedContent(), head.Mac);
        var checkpoints = (await db.AuditCheckpoints.AsNoTracking().OrderBy(c => c.Id).ToListAsync(cancellationToken))
            .Select(c => (Checkpoint: c, Where: $"checkpoint #{c.Id} of {c.At:yyyy-MM-dd HH:mm} UTC"))
            .Concat(exported.Select(c => (Checkpoint: c, Where: $"the exported checkpoint of {c.At:yyyy-MM-dd HH:mm} UTC")))
            .ToList();
        if (checkpoints.FirstOrDefault(c => c.Checkpoint.KeyId != key.KeyId || !key.Verifies(c.Checkpoint.SealedContent(), c.Checkpoint.Mac))
            is { Checkpoint: not null } forged)
        {
            return new(false, 0, null, $"The audit trail's {forged.Where} was altered: its seal does not match.");
        }
        // Where the key's seal starts: from the sealed head, else a checkpoint; with neither, any keyed entry starts it.
        long? keyedFrom = headSealed ? head!.KeyedFromEntryId
            : checkpoints.Count > 0 ? checkpoints[^1].Checkpoint.KeyedFromEntryId : null;
        var pins = checkpoints.ToLookup(c => c.Checkpoint.LastEntryId);

        var previousHash = "";
        long previousId = 0;
        var count = 0;
        var keyedSeen = false;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            var keyed = keyedFrom is { } from ? entry.Id >= from
                : keyedSeen || entry.Hash == AuditEntryFactory.KeyedHashOf(entry, key);
            keyedSeen |= keyed;
            if (keyed && keyedFrom is { } start && previousId >= start - 1 && entry.Id != previousId + 1)
            {
                // Keyed entries are numbered without gaps (AuditEntryFactory), so the gap names what was removed.
                return new(false, count, previousId + 1, previousId + 1 == entry.Id - 1
                    ? $"Entry #{previousId + 1} is missing: it was removed by hand."
                    : $"Entries #{previousId + 1} to #{entry.Id - 1} are missing: they were removed by hand.");
            }
            if (entry.PreviousHash != previousHash)
            {
                return new(false, count, entry.Id,
                    $"Entry #{entry.Id} does not follow the entry before it: an entry was removed or inserted by hand.");
            }
            if (entry.Hash != (keyed ? AuditEntryFactory.KeyedHashOf(entry, key) : AuditEntryFactory.PublicHashOf(entry)))
            {
                return new(false, count, entry.Id, keyed && entry.Hash == AuditEntryFactory.PublicHashOf(entry)
                    ? $"Entry #{entry.Id} ({Describe(entry)}) carries a hash anyone can compute where the key's seal is due: the trail from here was rewritten without the key."
                    : $"Entry #{entry.Id} ({Describe(entry)}) was altered after it was written.");
            }
            foreach (var (checkpoint, where) in pins[entry.Id])
            {
                if (checkpoint.LastHash != entry.Hash || checkpoint.EntryCount != count)
                {
                    return new(false, count, entry.Id, $"Entry #{entry.Id} is not the entry {where} recorded: the trail up to it was rewritten.");
                }
            }
            previousHash = entry.Hash;
            previousId = entry.Id;
        }

        // The end: every anchor (the sealed head, each checkpoint) must lie within what is left.
        var anchors = checkpoints.Select(c => (c.Checkpoint.EntryCount, c.Checkpoint.LastEntryId, c.Where)).ToList();
        if (headSealed)
        {
            anchors.Add((head!.EntryCount, head.LastEntryId, "the chain's head"));
        }
        if (anchors.Where(a => a.LastEntryId > previousId || a.EntryCount > count).OrderByDescending(a => a.EntryCount).FirstOrDefault()
            is { Where: not null } beyond)
        {
            var missing = beyond.EntryCount - count;
            // Legacy entries may have gaps in their numbers; keyed ones have none, so the first missing one is known.
            long? first = beyond.LastEntryId - previousId == missing ? previousId + 1 : null;
            return new(false, count, first ?? beyond.LastEntryId,
                $"The last {missing} {(missing == 1 ? "entry" : "entries")} ({(first is { } f ? $"from #{f}" : $"up to #{beyond.LastEntryId}")}) " +
                $"{(missing == 1 ? "is" : "are")} missing: {beyond.Where} records {beyond.EntryCount} entries ending at #{beyond.LastEntryId}, " +
                $"the trail has {count}{(count > 0 ? $" ending at #{previousId}" : "")}. They were removed by hand.");
        }
        if (head is null)
        {
            return count == 0 && checkpoints.Count == 0
                ? new(true, 0, null, "The audit trail is empty.")
                : new(false, count, null, "The audit trail's head record is missing: entries at its end may have been removed by hand.");
        }
        if (!headSealed)
        {
            return new(false, count, null, "The audit trail's head record was altered (its seal does not match): entries at its end may have been removed by hand.");
        }
        if (head.LastEntryId == previousId && head.LastHash != previousHash)
        {
            // Only possible for entries from before the key, whose hashes anyone can recompute: the head pins their end.
            return new(false, count, previousId,
                $"Entry #{previousId} is not the last entry the chain's head records: the trail up to it was rewritten.");
        }
        if (head.EntryCount != count || head.LastEntryId != previousId)
        {
            return new(false, count, head.LastEntryId + 1,
                $"The trail goes on past the entry its head records (#{head.LastEntryId}): entries were added by hand.");
        }
        return new(true, count, null, count == 0 ? "The audit trail is empty." : $"All {count} entries are intact.");
    }

    private static string Describe(AuditEntry entry) => $"{entry.EntityType} '{entry.EntityName}', {entry.At:yyyy-MM-dd HH:mm} UTC";
}
