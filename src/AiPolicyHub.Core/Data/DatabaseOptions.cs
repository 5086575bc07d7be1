namespace AiPolicyHub.Core.Data;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string SqliteFileName = "aipolicyhub.db";

    /// <summary><c>Sqlite</c> (the embedded default). Other providers plug in here without touching features.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Folder that holds the SQLite database; relative paths are resolved against the working directory.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>Overrides the connection string derived from <see cref="DataFolder"/>.</summary>
    public string? ConnectionString { get; set; }

    public string SqliteFilePath => Path.Combine(Path.GetFullPath(DataFolder), SqliteFileName);
}
