using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiPolicyHub.Core.Scheduling;

/// <summary>
/// Verifies the audit trail every hour (on one instance), so an entry edited or removed by hand is noticed without anyone
/// pressing "Verify integrity": the run's outcome names it, and the log gets an error. Each run then writes a checkpoint
/// of the chain's head (and exports it when configured), against which later runs find entries removed from the end.
/// </summary>
public sealed class AuditChainCheckJob(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, AuditCheckpoints checkpoints,
    ILogger<AuditChainCheckJob> logger) : IScheduledJob
{
    public string Name => "audit-chain-check";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        AuditVerification verification;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            verification = await audit.VerifyAsync(db, await checkpoints.ReadExportedAsync(cancellationToken), cancellationToken);
        }
        Telemetry.AppTelemetry.RecordAuditVerification(verification.Intact, verification.EntriesChecked);
        if (!verification.Intact)
        {
            logger.LogError("The audit trail's hash chain is broken: {Problem}", verification.Message);
        }
        string recorded;
        try
        {
            var checkpoint = await checkpoints.WriteAsync(cancellationToken);
            recorded = checkpoint is null ? "No checkpoint written: the chain's head is missing or not sealed."
                : $"Checkpoint at entry #{checkpoint.LastEntryId} ({checkpoint.EntryCount} entries){(checkpoints.ExportPath is { } path ? $", exported to {path}" : "")}.";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The check's finding matters more than the export: report both, fail neither.
            logger.LogError(ex, "The audit checkpoint could not be exported to {Path}", checkpoints.ExportPath);
            recorded = $"The checkpoint could not be exported: {ex.Message}";
        }
        return $"{verification.Message} {recorded}";
    }
}
