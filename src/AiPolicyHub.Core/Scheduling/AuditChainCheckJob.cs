using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AiPolicyHub.Core.Scheduling;

/// <summary>
/// Verifies the audit trail's hash chain every hour (on one instance), so an entry edited or removed by hand is
/// noticed without anyone pressing "Verify integrity": the run's outcome names it, and the log gets an error.
/// </summary>
public sealed class AuditChainCheckJob(IDbContextFactory<AppDbContext> contexts, ILogger<AuditChainCheckJob> logger) : IScheduledJob
{
    public string Name => "audit-chain-check";

    public TimeSpan Interval => TimeSpan.FromHours(1);

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var verification = await AuditTrail.VerifyAsync(db, cancellationToken);
        Telemetry.AppTelemetry.RecordAuditVerification(verification.Intact, verification.EntriesChecked);
        if (!verification.Intact)
        {
            logger.LogError("The audit trail's hash chain is broken: {Problem}", verification.Message);
        }
        return verification.Message;
    }
}
