namespace AiPolicyHub.Core.Scheduling;

/// <summary>
/// Who may run a piece of background work until when. One row per job name, shared by every app instance through the
/// database, so work such as the audit-chain check runs once, not once per instance.
/// </summary>
public sealed class JobLease
{
    public const int NameLength = 100, HolderLength = 200;

    public string Name { get; set; } = "";

    /// <summary>The instance that took the lease last (<see cref="JobScheduler.InstanceName"/>).</summary>
    public string Holder { get; set; } = "";

    /// <summary>UTC. Until then nobody else may take the lease.</summary>
    public DateTime ExpiresAt { get; set; }
}

/// <summary>One run of a scheduled job: when, on which instance, and what it found. Kept for operators.</summary>
public sealed class ScheduledJobRun
{
    public const int OutcomeLength = 1000;

    public long Id { get; set; }
    public string Job { get; set; } = "";
    public string Instance { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public bool Succeeded { get; set; }
    public string Outcome { get; set; } = "";
}
