namespace AiPolicyHub.Core.Webhooks;

/// <summary>The <c>Webhooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// Receivers on addresses refused by default (loopback, private, link-local, unique-local, unspecified) that the
    /// administrator allows: host names (<c>hooks.internal</c>, any address it resolves to is then allowed), addresses
    /// (<c>10.1.2.3</c>) or networks (<c>10.20.0.0/16</c>, <c>fd00::/8</c>).
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    /// <summary>
    /// The waits before each retry; a delivery is tried once plus once per entry, then marked failed. Defaults to 1 minute,
    /// 5 minutes, 30 minutes, 2 hours and 8 hours (six attempts over about 11 hours).
    /// </summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>How long an attempt may take, connecting included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The app's public address (e.g. <c>https://aipolicyhub.example.org</c>) that deliveries' links start with; without it a
    /// link is the path alone (<c>/workflows/42</c>).
    /// </summary>
    public string? LinkBaseUrl { get; set; }

    /// <summary>Deliveries sent per run of the job at most; the rest wait for the next run.</summary>
    public int BatchSize { get; set; } = 200;

    public static readonly IReadOnlyList<TimeSpan> DefaultRetryDelays =
        [TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2), TimeSpan.FromHours(8)];

    public IReadOnlyList<TimeSpan> Delays => RetryDelays.Count > 0 ? RetryDelays : DefaultRetryDelays;

    public int MaxAttempts => Delays.Count + 1;
}
