namespace AiPolicyHub.Core.Backups;

/// <summary>The <c>Backups</c> configuration section: scheduled backups of the SQLite database (off until a folder is set).</summary>
public sealed class BackupOptions
{
    public const string Section = "Backups";

    /// <summary>Where scheduled backups go; relative paths are resolved against the working directory. Empty: no scheduled backups.</summary>
    public string? Folder { get; set; }

    /// <summary>Time between scheduled backups (one instance takes each, through the job's lease).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many scheduled backups to keep; older ones in <see cref="Folder"/> are deleted after each new one.</summary>
    public int Keep { get; set; } = 7;

    public bool Scheduled => !string.IsNullOrWhiteSpace(Folder);
}
