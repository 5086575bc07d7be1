using AiPolicyHub.Core.Backups;
using AiPolicyHub.Core.Data;

namespace AiPolicyHub.Web.Hosting;

/// <summary>
/// Backups of the SQLite database (infra/README.md, Backups), as commands that run and exit without starting the server:
/// <list type="bullet">
/// <item><c>--backup FILE</c>: a consistent copy of the database, also while the app runs and people write.</item>
/// <item><c>--restore FILE [--force]</c>: puts a backup in place of the database (stop the app first); refuses to replace
/// data without <c>--force</c>, and checks the backup and the result (integrity, schema version, audit chain).</item>
/// </list>
/// Scheduled backups with retention: the <c>Backups</c> settings (<see cref="BackupOptions"/>).
/// </summary>
public static class BackupCommands
{
    public const string BackupKey = "backup", RestoreKey = "restore", ForceKey = "force";

    public static WebApplicationBuilder AddBackups(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(BackupOptions.Section).Get<BackupOptions>() ?? new BackupOptions();
        builder.Services.AddSingleton(options);
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.Scheduled && !database.IsPostgres)
        {
            builder.Services.AddScheduledJob<ScheduledBackupJob>();
        }
        return builder;
    }

    /// <summary>Runs <c>--backup</c> or <c>--restore</c> when asked and returns the exit code; null when neither was asked.</summary>
    public static async Task<int?> TryRunAsync(WebApplication app)
    {
        var configuration = app.Configuration;
        var backups = app.Services.GetRequiredService<DatabaseBackups>();
        try
        {
            if (configuration[BackupKey] is { Length: > 0 } backupFile)
            {
                var outcome = await backups.BackupAsync(backupFile);
                Console.WriteLine($"Backed up {backups.DatabaseFile} to {outcome.File} ({outcome.Bytes:N0} bytes, copied in " +
                    $"{outcome.CopyTime.TotalMilliseconds:N0} ms): {outcome.Facts.Summary}");
                return 0;
            }
            if (configuration[RestoreKey] is { Length: > 0 } restoreFile)
            {
                var force = CommandLine.IsOn(configuration, ForceKey); // a bare --force: CommandLine.Normalize
                var outcome = await backups.RestoreAsync(restoreFile, force);
                Console.WriteLine(outcome.Before is { } before ? $"Before: {before.Summary}" : "Before: no database.");
                Console.WriteLine($"Backup: {outcome.Incoming.Summary}");
                Console.WriteLine($"Restored {outcome.Backup} to {outcome.Database}: {outcome.After.Summary}" +
                    (outcome.PendingMigrations > 0 ? $" The next start applies {outcome.PendingMigrations} migration(s)." : ""));
                return 0;
            }
        }
        catch (BackupException e)
        {
            Console.Error.WriteLine($"crit: {e.Message}");
            return 1;
        }
        return null;
    }
}
