using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Scheduling;

/// <summary>
/// Leases in the database: whoever takes a free or expired lease holds it until it expires, renews or releases it.
/// Taking one is a single conditional UPDATE (or the INSERT of a new row, whose primary key refuses a second one), so
/// of two instances asking at once exactly one gets it, on SQLite and on PostgreSQL alike. Instances compare times
/// from their own clocks: keep them synchronised (NTP); a lease is meant to be minutes long, not milliseconds.
/// </summary>
public sealed class JobLeases(IDbContextFactory<AppDbContext> contexts, TimeProvider clock)
{
    /// <summary>Takes the lease <paramref name="name"/> for <paramref name="duration"/> when nobody holds it (or their lease has expired).</summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var until = now + duration;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var taken = await db.JobLeases
            .Where(l => l.Name == name && l.ExpiresAt <= now)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, until), cancellationToken);
        if (taken == 1)
        {
            return true;
        }
        if (await db.JobLeases.AnyAsync(l => l.Name == name, cancellationToken))
        {
            return false;
        }
        db.JobLeases.Add(new JobLease { Name = name, Holder = holder, ExpiresAt = until });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            return false; // another instance created the lease first
        }
    }

    /// <summary>Extends a lease its holder still holds, for work that takes longer than planned; false when it was lost.</summary>
    public async Task<bool> RenewAsync(string name, string holder, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        var now = Now();
        var until = now + duration;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.JobLeases
            .Where(l => l.Name == name && l.Holder == holder && l.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, until), cancellationToken) == 1;
    }

    /// <summary>Gives the lease up early, so another instance may take it at once.</summary>
    public async Task ReleaseAsync(string name, string holder, CancellationToken cancellationToken = default)
    {
        var now = Now();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.JobLeases
            .Where(l => l.Name == name && l.Holder == holder && l.ExpiresAt > now)
            .ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresAt, now), cancellationToken);
    }

    private DateTime Now()
    {
        var now = clock.GetUtcNow();
        return new DateTime(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
    }
}
