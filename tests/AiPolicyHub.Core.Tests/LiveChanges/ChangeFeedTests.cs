using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.LiveChanges;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiPolicyHub.Core.Tests.LiveChanges;

public class ChangeFeedTests
{
    [Fact]
    public async Task A_tool_paused_through_one_instance_is_announced_to_the_subscribers_of_every_instance_once()
    {
        await using var test = await new TestServices().InitializeAsync();
        var compliance = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var tool = (await test.Tools.SaveAsync(compliance, null, new ToolForm
        {
            Name = "Chatty", Vendor = "Acme", MaxClassificationId = await test.ClassificationIdAsync("Internal"),
        })).Id;
        // Two listeners on one database stand for two app instances.
        var onA = Listener(test);
        var onB = Listener(test);
        await onA.PollAsync();
        await onB.PollAsync(); // both start after the newest notice
        var seenOnA = new List<string>();
        var seenOnB = new List<string>();
        using var a = onA.Subscribe(ChangeTopics.Pause, n => { seenOnA.Add(n.Message); return Task.CompletedTask; });
        using var b = onB.Subscribe(ChangeTopics.Pause, n => { seenOnB.Add(n.Message); return Task.CompletedTask; });
        using var other = onB.Subscribe("something-else", _ => throw new InvalidOperationException("wrong topic"));

        await test.Tools.PauseAsync(compliance, tool, 1, "Answers quoted other customers' data; under investigation.");
        await onA.PollAsync();
        await onB.PollAsync();
        await onB.PollAsync(); // nothing new: nothing twice

        var expected = "The AI tool “Chatty” has been paused by Cora Compliance: Answers quoted other customers' data; under investigation. " +
            "Do not use it until it is restarted.";
        Assert.Equal([expected], seenOnA);
        Assert.Equal([expected], seenOnB);
    }

    [Fact]
    public async Task A_listener_that_starts_later_does_not_replay_old_notices_and_the_cleanup_removes_them()
    {
        await using var test = await new TestServices().InitializeAsync();
        var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await using (var db = await test.DbAsync())
        {
            ChangeTopics.Announce(db, ChangeTopics.Pause, "An old pause.", clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }
        var late = Listener(test);
        var seen = 0;
        using var subscription = late.Subscribe(ChangeTopics.Pause, _ => { seen++; return Task.CompletedTask; });
        await late.PollAsync();
        await late.PollAsync();
        Assert.Equal(0, seen);

        clock.AddDays(2);
        var cleanup = new ChangeNoticeCleanupJob(Contexts(test), new ChangeFeedOptions(), clock);
        Assert.Equal("Deleted 1 notice(s) older than 1.00:00:00.", await cleanup.RunAsync(default));
        await using var after = await test.DbAsync();
        Assert.Empty(await after.ChangeNotices.ToListAsync());
    }

    private static IDbContextFactory<AppDbContext> Contexts(TestServices test) =>
        test.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>();

    private static ChangeFeedListener Listener(TestServices test) =>
        new(Contexts(test), new ChangeFeedOptions(), test.Clock, NullLogger<ChangeFeedListener>.Instance);
}
