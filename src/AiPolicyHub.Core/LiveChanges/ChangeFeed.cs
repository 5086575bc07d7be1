using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AiPolicyHub.Core.LiveChanges;

/// <summary>
/// Live notices for the users connected to this instance, whichever instance the change was made on. Subscribe from a
/// component; publish with <see cref="ChangeTopics.Announce"/> inside the change's own save.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Calls <paramref name="handler"/> for every new notice on <paramref name="topic"/> until the result is disposed.</summary>
    IDisposable Subscribe(string topic, Func<ChangeNotice, Task> handler);
}

/// <summary>The <c>LiveChanges</c> configuration section.</summary>
public sealed class ChangeFeedOptions
{
    public const string Section = "LiveChanges";

    /// <summary>How often each instance reads new notices from the database: the most a user waits to see one.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Notices older than this are deleted (by the "change-notice-cleanup" job).</summary>
    public TimeSpan KeepFor { get; set; } = TimeSpan.FromDays(1);
}

/// <summary>
/// Polls the <c>ChangeNotices</c> table (one indexed query per interval, the same on SQLite and PostgreSQL) and hands
/// new rows to this instance's subscribers. Starts after the newest existing notice, so a restart replays nothing.
/// </summary>
public sealed class ChangeFeedListener(IDbContextFactory<AppDbContext> contexts, ChangeFeedOptions options, TimeProvider clock,
    ILogger<ChangeFeedListener> logger) : BackgroundService, IChangeFeed
{
    private readonly Lock gate = new();
    private readonly List<Subscription> subscriptions = [];
    private long? lastSeen;

    public IDisposable Subscribe(string topic, Func<ChangeNotice, Task> handler)
    {
        var subscription = new Subscription(this, topic, handler);
        lock (gate)
        {
            subscriptions.Add(subscription);
        }
        return subscription;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval, clock);
        do
        {
            try
            {
                await PollAsync(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Reading live change notices failed; trying again");
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Reads and delivers the notices written since the last poll; returns how many.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (lastSeen is null)
        {
            lastSeen = await db.ChangeNotices.MaxAsync(n => (long?)n.Id, cancellationToken) ?? 0;
            return 0;
        }
        var after = lastSeen.Value;
        var notices = await db.ChangeNotices.AsNoTracking().Where(n => n.Id > after).OrderBy(n => n.Id).Take(500).ToListAsync(cancellationToken);
        foreach (var notice in notices)
        {
            lastSeen = notice.Id;
            Subscription[] receivers;
            lock (gate)
            {
                receivers = subscriptions.Where(s => s.Topic == notice.Topic).ToArray();
            }
            foreach (var receiver in receivers)
            {
                try
                {
                    await receiver.Handler(notice);
                }
                catch (Exception e)
                {
                    logger.LogWarning(e, "A subscriber to {Topic} failed", notice.Topic);
                }
            }
        }
        return notices.Count;
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

    private sealed class Subscription(ChangeFeedListener feed, string topic, Func<ChangeNotice, Task> handler) : IDisposable
    {
        public string Topic => topic;
        public Func<ChangeNotice, Task> Handler => handler;

        public void Dispose()
        {
            lock (feed.gate)
            {
                feed.subscriptions.Remove(this);
            }
        }
    }
}

/// <summary>Deletes notices nobody needs any more (they matter for seconds), once a day on one instance.</summary>
public sealed class ChangeNoticeCleanupJob(IDbContextFactory<AppDbContext> contexts, ChangeFeedOptions options, TimeProvider clock)
    : Scheduling.IScheduledJob
{
    public string Name => "change-notice-cleanup";

    public TimeSpan Interval => TimeSpan.FromDays(1);

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow().UtcDateTime - options.KeepFor;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deleted = await db.ChangeNotices.Where(n => n.At < before).ExecuteDeleteAsync(cancellationToken);
        return $"Deleted {deleted} notice(s) older than {options.KeepFor}.";
    }
}
