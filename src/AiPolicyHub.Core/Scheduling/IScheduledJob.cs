namespace AiPolicyHub.Core.Scheduling;

/// <summary>
/// Background work that runs every <see cref="Interval"/> on exactly one instance, whichever holds its lease. To add
/// one: implement this, register it with <c>services.AddScheduledJob&lt;T&gt;()</c> (Web's PlatformRegistration), done.
/// The interval can be overridden with <c>Jobs:&lt;Name&gt;:Interval</c>.
/// </summary>
public interface IScheduledJob
{
    /// <summary>Stable and unique: the lease and the recorded runs are keyed by it, e.g. "audit-chain-check".</summary>
    string Name { get; }

    /// <summary>Time between runs. The lease lasts this long, so a run should take much less.</summary>
    TimeSpan Interval { get; }

    /// <summary>Does the work; returns what it found in a sentence, recorded with the run.</summary>
    Task<string> RunAsync(CancellationToken cancellationToken);
}

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobOptions
{
    public const string Section = "Jobs";

    /// <summary>How often each instance looks for a job that is due. Short, so a due job starts soon after its lease expires.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long the record of each run is kept (<c>ScheduledJobRuns</c>); older runs of a job go when it next runs.</summary>
    public TimeSpan RunRetention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Turns the scheduler off on this instance (it then never runs jobs; others still do).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Per-job overrides of <see cref="IScheduledJob.Interval"/>, by job name.</summary>
    public Dictionary<string, JobSettings> Job { get; set; } = [];

    public TimeSpan IntervalOf(IScheduledJob job) =>
        Job.TryGetValue(job.Name, out var settings) && settings.Interval is { } interval && interval > TimeSpan.Zero ? interval : job.Interval;
}

public sealed class JobSettings
{
    public TimeSpan? Interval { get; set; }
}
