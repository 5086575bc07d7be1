using AiPolicyHub.Core.Scheduling;

namespace AiPolicyHub.Core.Email;

/// <summary>
/// Every minute, on whichever instance holds its lease: notifications become emails (<see cref="EmailRouting"/>), the
/// daily digests go into the outbox when their hour has come (<see cref="EmailDigests"/>), and the outbox is sent
/// (<see cref="EmailOutbox"/>; each message is claimed on its own, so an overlapping run elsewhere sends nothing twice).
/// </summary>
public sealed class EmailDeliveryJob(EmailRouting routing, EmailDigests digests, EmailOutbox outbox) : IScheduledJob
{
    public string Name => "email";

    public TimeSpan Interval => TimeSpan.FromMinutes(1);

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var routed = await routing.RouteAsync(cancellationToken);
        var digestCount = await digests.RunIfDueAsync(cancellationToken);
        var sent = await outbox.SendDueAsync(cancellationToken);
        return $"{routed.Looked} new notifications ({routed.Queued} to email, {routed.ForDigest} for digests); {digestCount} digests queued; " +
            $"{sent.Sent} emails sent, {sent.ToRetry} to retry, {sent.Failed} failed for good.";
    }
}
