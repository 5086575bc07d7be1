using AiPolicyHub.Core.Backups;
using AiPolicyHub.Core.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Data;

public sealed class ScheduledBackupTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("aipolicyhub-backups-").FullName;

    [Fact]
    public async Task With_a_backup_folder_set_the_scheduler_backs_the_sqlite_database_up_there_and_without_it_there_is_no_backup_job()
    {
        await using (var plain = new AppFactory())
        {
            _ = plain.Services;
            Assert.DoesNotContain(plain.Services.GetServices<IScheduledJob>(), j => j is ScheduledBackupJob);
        }

        await using var app = AppFactory.WithSettings(new Dictionary<string, string> { ["Backups:Folder"] = folder, ["Backups:Keep"] = "3" });
        using var client = app.CreateClient(); // starts the app, and with it the scheduler
        var jobs = app.Services.GetServices<IScheduledJob>().OfType<ScheduledBackupJob>().ToList();
        if (AiPolicyHub.Tests.Shared.TestDatabase.IsPostgres)
        {
            Assert.Empty(jobs); // PostgreSQL is backed up with pg_dump (infra/README.md)
            return;
        }
        Assert.Single(jobs);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Directory.GetFiles(folder, ScheduledBackupJob.FilePattern).Length == 0)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "no scheduled backup within 60 s");
            await Task.Delay(100);
        }
        var backup = Assert.Single(Directory.GetFiles(folder, ScheduledBackupJob.FilePattern));
        var facts = await app.Services.GetRequiredService<DatabaseBackups>().InspectAsync(backup);
        Assert.True(facts.IntegrityOk);
        Assert.True(facts.Users >= 1);
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
