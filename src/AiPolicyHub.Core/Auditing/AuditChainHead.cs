using System.Globalization;

namespace AiPolicyHub.Core.Auditing;

/// <summary>
/// Where the audit chain ends, sealed with the key: one row, rewritten in the same transaction as every append. Removing
/// the newest entries leaves the head pointing past the end, and the head cannot be moved back without the key (except
/// to an older head of its own: that is what <see cref="AuditCheckpoint"/>s, kept elsewhere too, are for).
/// </summary>
public class AuditChainHead
{
    public const int SingleRowId = 1;

    public int Id { get; set; } = SingleRowId;
    public long EntryCount { get; set; }
    public long LastEntryId { get; set; }
    public string LastHash { get; set; } = "";
    /// <summary>
    /// The first entry sealed with the key; those before it were written by a version without keys and keep the public
    /// formula. Sealed here, so nobody can declare keyed entries unkeyed to forge them with the public formula.
    /// </summary>
    public long KeyedFromEntryId { get; set; }
    /// <summary><see cref="AuditChainKey.KeyId"/> of the key that sealed the chain.</summary>
    public string KeyId { get; set; } = "";
    /// <summary>The seal over the fields above; empty when the app found the head broken and would not vouch for it.</summary>
    public string Mac { get; set; } = "";

    internal string SealedContent() => string.Join('\u001f', "head", Number(EntryCount), Number(LastEntryId), LastHash,
        Number(KeyedFromEntryId), KeyId);

    internal static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The chain's head as it was at a time, sealed with the key: written every hour by the audit-chain check, and appended
/// to <see cref="AuditOptions.CheckpointExport"/> when set. Verification finds entries removed before a checkpoint even
/// when the head was moved back to an earlier state of its own.
/// </summary>
public class AuditCheckpoint
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public long EntryCount { get; set; }
    public long LastEntryId { get; set; }
    public string LastHash { get; set; } = "";
    public long KeyedFromEntryId { get; set; }
    public string KeyId { get; set; } = "";
    public string Mac { get; set; } = "";

    internal string SealedContent() => string.Join('\u001f', "checkpoint", AuditEntryFactory.Timestamp(At),
        AuditChainHead.Number(EntryCount), AuditChainHead.Number(LastEntryId), LastHash, AuditChainHead.Number(KeyedFromEntryId), KeyId);
}
