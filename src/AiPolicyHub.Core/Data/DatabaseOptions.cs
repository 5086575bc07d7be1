namespace AiPolicyHub.Core.Data;

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string SqliteFileName = "aipolicyhub.db";

    /// <summary>
    /// <c>Sqlite</c> (the embedded default) or <c>Postgres</c> (a shared server for several instances; needs
    /// <see cref="ConnectionString"/>). Features never look at the provider; <see cref="Providers"/> holds the differences.
    /// </summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Folder that holds the SQLite database; relative paths are resolved against the working directory.</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>SQLite: overrides the connection string derived from <see cref="DataFolder"/>. PostgreSQL: required (Npgsql's format).</summary>
    public string? ConnectionString { get; set; }

    public bool IsPostgres => Provider.ToLowerInvariant() is "postgres" or "postgresql" or "npgsql";

    public string SqliteFilePath => Path.Combine(Path.GetFullPath(DataFolder), SqliteFileName);
}
