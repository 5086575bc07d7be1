using System.Text.Json;
using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Auditing;

/// <summary>
/// Writes checkpoints of the chain's head (<see cref="AuditCheckpoint"/>) into the database and, when
/// <see cref="AuditOptions.CheckpointExport"/> is set, appends them as JSON lines to a file kept elsewhere, and reads
/// those back for verification. The hourly audit-chain check writes one per run.
/// </summary>
public sealed class AuditCheckpoints(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, AuditOptions options)
{
    public const string ExportFileName = "audit-checkpoints.jsonl";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The file checkpoints are appended to, or null when no export is configured.</summary>
    public string? ExportPath => options.CheckpointExport is not { Length: > 0 } target ? null
        : Directory.Exists(target) || target.EndsWith(Path.DirectorySeparatorChar) || target.EndsWith(Path.AltDirectorySeparatorChar)
            ? Path.Combine(target, ExportFileName)
            : Path.GetFullPath(target);

    /// <summary>
    /// Records where the chain ends now, if its head is sealed (a checkpoint of a head the app cannot vouch for would
    /// only pass a problem on). Null when there is nothing to record.
    /// </summary>
    public async Task<AuditCheckpoint?> WriteAsync(CancellationToken cancellationToken = default)
    {
        AuditCheckpoint checkpoint;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            // Under the chain's lock, so the head is not half-way through an import's move.
            await Providers.SerializeWritersAsync(db, Providers.AuditChainLock, cancellationToken);
            var head = await db.AuditChainHeads.AsNoTracking().SingleOrDefaultAsync(h => h.Id == AuditChainHead.SingleRowId, cancellationToken);
            if (head is null || head.KeyId != audit.Key.KeyId || !audit.Key.Verifies(head.SealedContent(), head.Mac))
            {
                return null;
            }
            var now = audit.Clock.GetUtcNow();
            checkpoint = new AuditCheckpoint
            {
                At = new DateTime(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc),
                EntryCount = head.EntryCount, LastEntryId = head.LastEntryId, LastHash = head.LastHash,
                KeyedFromEntryId = head.KeyedFromEntryId, KeyId = head.KeyId,
            };
            checkpoint.Mac = audit.Key.Mac(checkpoint.SealedContent());
            db.AuditCheckpoints.Add(checkpoint);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        if (ExportPath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.AppendAllTextAsync(path, JsonSerializer.Serialize(checkpoint, Json) + "\n", cancellationToken);
        }
        return checkpoint;
    }

    /// <summary>The checkpoints in the export file, for verification; none when there is no export or no file yet.</summary>
    public async Task<IReadOnlyList<AuditCheckpoint>> ReadExportedAsync(CancellationToken cancellationToken = default)
    {
        if (ExportPath is not { } path || !File.Exists(path))
        {
            return [];
        }
        var checkpoints = new List<AuditCheckpoint>();
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            // A line that does not parse is kept as an unsealed checkpoint, so verification reports it instead of skipping it.
            AuditCheckpoint? checkpoint;
            try
            {
                checkpoint = JsonSerializer.Deserialize<AuditCheckpoint>(line, Json);
            }
            catch (JsonException)
            {
                checkpoint = null;
            }
            checkpoints.Add(checkpoint ?? new AuditCheckpoint());
        }
        return checkpoints;
    }
}
