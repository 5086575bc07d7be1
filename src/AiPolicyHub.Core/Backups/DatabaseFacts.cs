using AiPolicyHub.Core.Auditing;

namespace AiPolicyHub.Core.Backups;

/// <summary>
/// What a backup or restore checks about one SQLite file: SQLite's own integrity check, the schema version (the
/// migrations applied to it), the audit trail's hash chain, and the row counts an operator recognises.
/// </summary>
public sealed record DatabaseFacts(
    string Path, string IntegrityCheck, IReadOnlyList<string> AppliedMigrations, AuditVerification Audit,
    long Users, long Tools, long Workflows, long AuditEntries)
{
    public bool IntegrityOk => IntegrityCheck == "ok";

    /// <summary>The last migration applied: the schema version.</summary>
    public string SchemaVersion => AppliedMigrations.Count == 0 ? "none" : AppliedMigrations[^1];

    public bool HasData => Users + Tools + Workflows + AuditEntries > 0;

    public string Summary =>
        $"schema {SchemaVersion}, integrity {IntegrityCheck}, {Users} user(s), {Tools} tool(s), {Workflows} workflow(s), " +
        $"{AuditEntries} audit entr(ies): {Audit.Message}";
}

/// <summary>A backup or restore that was refused or failed, with what to do; nothing was overwritten.</summary>
public sealed class BackupException(string message) : Exception(message);
