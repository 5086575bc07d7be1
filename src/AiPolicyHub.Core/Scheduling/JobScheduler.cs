using System.Diagnostics;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiPolicyHub.Core.Scheduling;

/// <summary>
/// Runs every registered <see cref="IScheduledJob"/> on whichever instance takes its lease first once it is due: each
/// instance looks every <see cref="JobOptions.CheckInterval"/>; taking the lease for the job's interval both elects
/// the instance and marks the job as done for that interval, so a job runs once per interval across all instances.
/// Each run is recorded in <c>ScheduledJobRuns</c>, kept for <see cref="JobOptions.RunRetention"/>.
/// </summary>
public sealed class JobScheduler(
    IEnumerable<IScheduledJob> jobs, JobLeases leases, IDbContextFactory<AppDbContext> contexts, JobOptions options,
    TimeProvider clock, ILogger<JobScheduler> logger) : BackgroundService
{
    /// <summary>
    /// This instance's name in leases and runs: <c>Instance:Name</c> when set (e.g. "app1"), otherwise machine, process and
    /// a random part (two containers may share a host name). Set once at start-up.
    /// </summary>
    public static string InstanceName { get; private set; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..6]}";

    public static void NameInstance(string? name)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            InstanceName = name.Trim();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            logger.LogInformation("Scheduled jobs are switched off on this instance (Jobs:Enabled=false)");
            return;
        }
        using var timer = new PeriodicTimer(options.CheckInterval, clock);
        do
        {
            foreach (var job in jobs)
            {
                await RunIfDueAsync(job, stoppingToken);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Runs <paramref name="job"/> when this instance takes its lease; true when it ran.</summary>
    public async Task<bool> RunIfDueAsync(IScheduledJob job, CancellationToken cancellationToken)
    {
        try
        {
            var taken = await leases.TryAcquireAsync("job:" + job.Name, InstanceName, options.IntervalOf(job), cancellationToken);
            AppTelemetry.JobLeases.Add(1, new("job", job.Name), new("result", taken ? "taken" : "held elsewhere"));
            if (!taken)
            {
                return false;
            }
            await RecordedRunAsync(job, cancellationToken);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The database may be away for a moment (a restart, a fail-over): try again at the next check.
            logger.LogWarning(e, "Scheduled job {Job} could not be started", job.Name);
            return false;
        }
    }

    private async Task RecordedRunAsync(IScheduledJob job, CancellationToken cancellationToken)
    {
        var run = new ScheduledJobRun { Job = job.Name, Instance = InstanceName, StartedAt = clock.GetUtcNow().UtcDateTime };
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            db.ScheduledJobRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
        }
        logger.LogInformation("Scheduled job {Job} started on {Instance}", job.Name, InstanceName);
        using var activity = AppTelemetry.Source.StartActivity($"job {job.Name}");
        activity?.SetTag("aipolicyhub.job", job.Name);
        activity?.SetTag("aipolicyhub.instance", InstanceName);
        var watch = Stopwatch.StartNew();
        try
        {
            run.Outcome = await job.RunAsync(cancellationToken);
            run.Succeeded = true;
            logger.LogInformation("Scheduled job {Job} finished: {Outcome}", job.Name, run.Outcome);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            run.Outcome = "Failed: " + e.Message;
            logger.LogError(e, "Scheduled job {Job} failed", job.Name);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
        }
        AppTelemetry.JobRuns.Add(1, new("job", job.Name), new("outcome", run.Succeeded ? "succeeded" : "failed"));
        AppTelemetry.JobDuration.Record(watch.Elapsed.TotalSeconds, new KeyValuePair<string, object?>("job", job.Name));
        run.FinishedAt = clock.GetUtcNow().UtcDateTime;
        if (run.Outcome.Length > ScheduledJobRun.OutcomeLength)
        {
            run.Outcome = run.Outcome[..ScheduledJobRun.OutcomeLength];
        }
        await using var finished = await contexts.CreateDbContextAsync(CancellationToken.None);
        finished.ScheduledJobRuns.Update(run);
        await finished.SaveChangesAsync(CancellationToken.None);
        // Jobs that run every minute or so (email, webhooks) would otherwise add thousands of rows a day: keep this job's
        // runs of the retention period only (the index on Job, StartedAt makes this a short range delete).
        var cutoff = run.StartedAt - options.RunRetention;
        await finished.ScheduledJobRuns.Where(r => r.Job == job.Name && r.StartedAt < cutoff).ExecuteDeleteAsync(CancellationToken.None);
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
