using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AiPolicyHub.Core.Identity;

namespace AiPolicyHub.Core.Auditing;

/// <summary>
/// The one place an audit entry is built and sealed, for entries added one at a time (<see cref="AuditTrail.AppendAsync"/>)
/// and many at a time (<see cref="AuditChain"/>): two copies had drifted apart in what they cut to fit the columns.
/// </summary>
internal static class AuditEntryFactory
{
    public static AuditEntry Create(AuditChainKey key, ChainEnd end, Actor actor, DateTimeOffset now, string entityType,
        string entityId, string entityName, AuditAction action, string changesJson)
    {
        var entry = new AuditEntry
        {
            // Numbered by the chain, not by the database: under the chain's lock the next number is known, and numbers
            // without gaps let verification name an entry that was removed, not only the one after it.
            Id = end.NextId,
            // Millisecond precision, so the stored value reads back exactly as it was sealed.
            At = new DateTime(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc),
            UserId = actor.UserId,
            // Cut to the columns (PostgreSQL enforces them; SQLite would not) before sealing, so the seal covers what is stored.
            UserName = Clamp(actor.Name, 256),
            EntityType = Clamp(entityType, 50),
            EntityId = Clamp(entityId, 50),
            EntityName = Clamp(entityName, 200),
            Action = action,
            ChangesJson = changesJson,
            PreviousHash = end.LastHash,
        };
        entry.Hash = KeyedHashOf(entry, key);
        return entry;
    }

    private static string Clamp(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

    internal static string Timestamp(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>The seal of entries written since the chain has a key: HMAC-SHA256 over the entry, its number included.</summary>
    internal static string KeyedHashOf(AuditEntry e, AuditChainKey key) =>
        key.Mac(string.Join('\u001f', "entry", AuditChainHead.Number(e.Id), Content(e)));

    /// <summary>
    /// The public formula of entries written before the chain had a key: SHA-256 over the entry. Anyone can compute it,
    /// so it proves nothing about entries after <see cref="AuditChainHead.KeyedFromEntryId"/>.
    /// </summary>
    internal static string PublicHashOf(AuditEntry e) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Content(e))));

    private static string Content(AuditEntry e) => string.Join('\u001f', e.PreviousHash, Timestamp(e.At), e.UserId, e.UserName,
        e.EntityType, e.EntityId, e.EntityName, e.Action.ToString(), e.ChangesJson);
}
