using AiPolicyHub.Core.Scheduling;

namespace AiPolicyHub.Core.Backups;

/// <summary>
/// Backs the SQLite database up into <see cref="BackupOptions.Folder"/> every <see cref="BackupOptions.Interval"/>, on the
/// one instance that takes the job's lease, and keeps the newest <see cref="BackupOptions.Keep"/> backups. Registered only
/// when a folder is set (Web's PlatformRegistration).
/// </summary>
public sealed class ScheduledBackupJob(DatabaseBackups backups, BackupOptions options) : IScheduledJob
{
    public const string FilePattern = "aipolicyhub-*Z.db";

    public string Name => "database-backup";

    public TimeSpan Interval => options.Interval;

    public async Task<string> RunAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(options.Folder ?? throw new InvalidOperationException("Backups:Folder is not set."));
        var outcome = await backups.BackupAsync(Path.Combine(folder, backups.ScheduledFileName()), cancellationToken);
        var removed = RemoveBeyondRetention(folder, Math.Max(1, options.Keep));
        return $"Backed up to {outcome.File} ({outcome.Bytes:N0} bytes, {outcome.Facts.AuditEntries} audit entries, chain intact); " +
            $"removed {removed} old backup(s), keeping {Math.Max(1, options.Keep)}.";
    }

    /// <summary>Deletes all but the newest <paramref name="keep"/> scheduled backups (by their time-stamped names) in the folder.</summary>
    public static int RemoveBeyondRetention(string folder, int keep)
    {
        var old = Directory.EnumerateFiles(folder, FilePattern)
            .OrderByDescending(f => Path.GetFileName(f), StringComparer.Ordinal)
            .Skip(keep)
            .ToList();
        foreach (var file in old)
        {
            File.Delete(file);
        }
        return old.Count;
    }
}
