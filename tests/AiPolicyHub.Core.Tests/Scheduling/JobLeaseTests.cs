using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiPolicyHub.Core.Tests.Scheduling;

public class JobLeaseTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Of_two_instances_asking_at_the_same_moment_exactly_one_gets_the_lease()
    {
        await using var services = await new TestServices().InitializeAsync();
        var leases = Leases(services, new TestClock(Start));

        for (var round = 0; round < 5; round++)
        {
            var name = $"race-{round}";
            var answers = await Task.WhenAll(
                Task.Run(() => leases.TryAcquireAsync(name, "instance-a", TimeSpan.FromMinutes(5))),
                Task.Run(() => leases.TryAcquireAsync(name, "instance-b", TimeSpan.FromMinutes(5))));
            Assert.Single(answers, taken => taken);
        }
    }

    [Fact]
    public async Task A_held_lease_is_refused_to_others_until_it_expires_then_the_next_one_takes_it()
    {
        await using var services = await new TestServices().InitializeAsync();
        var clock = new TestClock(Start);
        var leases = Leases(services, clock);

        Assert.True(await leases.TryAcquireAsync("reminders", "instance-a", TimeSpan.FromMinutes(10)));
        clock.Now = Start.AddMinutes(9);
        Assert.False(await leases.TryAcquireAsync("reminders", "instance-b", TimeSpan.FromMinutes(10)));
        // Even its holder does not take it twice: taking the lease is what marks a job's interval as done.
        Assert.False(await leases.TryAcquireAsync("reminders", "instance-a", TimeSpan.FromMinutes(10)));

        clock.Now = Start.AddMinutes(10);
        Assert.True(await leases.TryAcquireAsync("reminders", "instance-b", TimeSpan.FromMinutes(10)));
        await using var db = await services.DbAsync();
        Assert.Equal("instance-b", (await db.JobLeases.SingleAsync(l => l.Name == "reminders")).Holder);
    }

    [Fact]
    public async Task Only_the_holder_renews_a_lease_and_releasing_it_frees_it_at_once()
    {
        await using var services = await new TestServices().InitializeAsync();
        var clock = new TestClock(Start);
        var leases = Leases(services, clock);
        Assert.True(await leases.TryAcquireAsync("import", "instance-a", TimeSpan.FromMinutes(1)));

        Assert.False(await leases.RenewAsync("import", "instance-b", TimeSpan.FromMinutes(5)));
        Assert.True(await leases.RenewAsync("import", "instance-a", TimeSpan.FromMinutes(5)));
        clock.Now = Start.AddMinutes(3); // past the first minute: the renewal holds
        Assert.False(await leases.TryAcquireAsync("import", "instance-b", TimeSpan.FromMinutes(1)));

        await leases.ReleaseAsync("import", "instance-a");
        Assert.True(await leases.TryAcquireAsync("import", "instance-b", TimeSpan.FromMinutes(1)));
        clock.Now = Start.AddMinutes(10);
        Assert.False(await leases.RenewAsync("import", "instance-b", TimeSpan.FromMinutes(1))); // expired: lost
    }

    [Fact]
    public async Task Two_schedulers_on_one_database_run_a_due_job_once_per_interval()
    {
        await using var services = await new TestServices().InitializeAsync();
        var clock = new TestClock(Start);
        var job = new CountingJob();
        var options = new JobOptions();
        var first = Scheduler(services, clock, job, options);
        var second = Scheduler(services, clock, job, options);

        var ran = await Task.WhenAll(first.RunIfDueAsync(job, default), second.RunIfDueAsync(job, default));
        Assert.Single(ran, r => r);
        clock.Now = Start.AddMinutes(30);
        Assert.False(await first.RunIfDueAsync(job, default));
        Assert.False(await second.RunIfDueAsync(job, default));
        clock.Now = Start.AddHours(1);
        Assert.True(await second.RunIfDueAsync(job, default) | await first.RunIfDueAsync(job, default));

        Assert.Equal(2, job.Runs);
        await using var db = await services.DbAsync();
        var runs = await db.ScheduledJobRuns.Where(r => r.Job == job.Name).ToListAsync();
        Assert.Equal(2, runs.Count);
        Assert.All(runs, r => Assert.True(r.Succeeded && r.FinishedAt is not null && r.Outcome == "counted"));
    }

    [Fact]
    public async Task A_run_forgets_its_jobs_runs_older_than_the_retention_and_keeps_the_rest_and_other_jobs()
    {
        await using var services = await new TestServices().InitializeAsync();
        var clock = new TestClock(Start);
        var job = new CountingJob();
        var scheduler = Scheduler(services, clock, job, new JobOptions { RunRetention = TimeSpan.FromDays(14) });
        await using (var db = await services.DbAsync())
        {
            db.ScheduledJobRuns.AddRange(
                new ScheduledJobRun { Job = job.Name, Instance = "old", StartedAt = Start.AddDays(-15).UtcDateTime, Outcome = "too old" },
                new ScheduledJobRun { Job = job.Name, Instance = "recent", StartedAt = Start.AddDays(-13).UtcDateTime, Outcome = "kept" },
                new ScheduledJobRun { Job = "another-job", Instance = "old", StartedAt = Start.AddDays(-30).UtcDateTime, Outcome = "not this job's" });
            await db.SaveChangesAsync();
        }

        Assert.True(await scheduler.RunIfDueAsync(job, default));

        await using var after = await services.DbAsync();
        var outcomes = await after.ScheduledJobRuns.OrderBy(r => r.StartedAt).Select(r => r.Outcome).ToListAsync();
        Assert.Equal(["not this job's", "kept", "counted"], outcomes);
    }

    [Fact]
    public async Task The_audit_chain_check_reports_an_entry_edited_by_hand()
    {
        await using var services = await new TestServices().InitializeAsync();
        var job = new AuditChainCheckJob(services.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>(), services.Audit,
            services.Provider.GetRequiredService<AuditCheckpoints>(), NullLogger<AuditChainCheckJob>.Instance);
        var compliance = await services.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        var saved = await services.Tools.SaveAsync(compliance, null, new ToolForm
        {
            Name = "Copilot", Vendor = "Microsoft", MaxClassificationId = await services.ClassificationIdAsync("Internal"),
        });
        Assert.Equal(SaveStatus.Saved, saved.Status);
        Assert.Contains("intact", await job.RunAsync(default));

        await using (var db = await services.DbAsync())
        {
            await db.AuditEntries.ExecuteUpdateAsync(set => set.SetProperty(e => e.EntityName, "Something else"));
        }
        Assert.Contains("altered after it was written", await job.RunAsync(default));
    }

    private static JobLeases Leases(TestServices services, TimeProvider clock) =>
        new(services.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>(), clock);

    private static JobScheduler Scheduler(TestServices services, TimeProvider clock, IScheduledJob job, JobOptions options) =>
        new([job], Leases(services, clock), services.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>(), options, clock,
            NullLogger<JobScheduler>.Instance);

    private sealed class CountingJob : IScheduledJob
    {
        private int runs;
        public int Runs => runs;
        public string Name => "counting";
        public TimeSpan Interval => TimeSpan.FromHours(1);

        public Task<string> RunAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref runs);
            return Task.FromResult("counted");
        }
    }
}
