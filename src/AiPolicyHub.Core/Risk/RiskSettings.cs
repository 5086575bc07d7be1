using System.Security.Claims;
using System.Text.Json;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Risk;

/// <summary>One organisation-wide setting, stored as JSON under a key (e.g. the risk thresholds).</summary>
public class StoredSetting
{
    public string Key { get; set; } = "";
    public string Json { get; set; } = "";
}

/// <summary>
/// The risk-tier thresholds an administrator sets. Changing them re-tiers every assessed workflow in the same
/// transaction (one UPDATE over the stored scores) and is audited.
/// </summary>
public sealed class RiskSettings(IDbContextFactory<AppDbContext> contexts, AuditTrail audit)
{
    public const string ThresholdsKey = "risk-thresholds";
    public const string EntityType = "Setting";
    public const string NotAllowed = "Only an administrator can change the risk thresholds.";

    public async Task<RiskThresholds> ThresholdsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ThresholdsAsync(db, cancellationToken);
    }

    /// <summary>The stored thresholds, or the defaults when none were set (or the stored ones no longer validate).</summary>
    public static async Task<RiskThresholds> ThresholdsAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var stored = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == ThresholdsKey, cancellationToken);
        var thresholds = stored is null ? null : JsonSerializer.Deserialize<RiskThresholds>(stored.Json);
        return thresholds is not null && thresholds.Validate().Count == 0 ? thresholds : RiskThresholds.Default;
    }

    public async Task<Result> SaveThresholdsAsync(ClaimsPrincipal principal, RiskThresholds thresholds, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !actor.Roles.Contains(Roles.Administrator))
        {
            return Result.Failure(NotAllowed);
        }
        var errors = thresholds.Validate();
        if (errors.Count > 0)
        {
            return Result.Failure([.. errors]);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = await ThresholdsAsync(db, cancellationToken);
        if (before == thresholds)
        {
            return Result.Success();
        }
        var stored = await db.Settings.SingleOrDefaultAsync(s => s.Key == ThresholdsKey, cancellationToken)
            ?? db.Settings.Add(new StoredSetting { Key = ThresholdsKey }).Entity;
        stored.Json = JsonSerializer.Serialize(thresholds);
        await audit.AppendAsync(db, actor, EntityType, ThresholdsKey, "Risk tier thresholds", AuditAction.Changed,
            AuditTrail.Diff(Describe(before), Describe(thresholds)), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await db.Workflows.Where(w => w.RiskScore > 0).ExecuteUpdateAsync(s => s.SetProperty(w => w.RiskTier,
            w => w.RiskScore >= thresholds.Critical ? RiskTier.Critical
                : w.RiskScore >= thresholds.High ? RiskTier.High
                : w.RiskScore >= thresholds.Medium ? RiskTier.Medium
                : RiskTier.Low), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success();
    }

    private static Dictionary<string, string> Describe(RiskThresholds t) => new()
    {
        ["Medium from score"] = t.Medium.ToString(),
        ["High from score"] = t.High.ToString(),
        ["Critical from score"] = t.Critical.ToString(),
    };
}
