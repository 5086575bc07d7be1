namespace AiPolicyHub.Benchmarks.Areas.Circuits;

/// <summary>A user who changes the workflow list's status filter during the circuits benchmark's load phase: a Chromium tab or a protocol client.</summary>
internal interface IClickingUser
{
    /// <summary>Chooses the next status in the filter; returns the time until the list showed it.</summary>
    Task<TimeSpan> InteractAsync(CancellationToken cancellationToken);
}
