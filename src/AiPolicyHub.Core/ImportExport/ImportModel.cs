using System.Text.Json.Serialization;

namespace AiPolicyHub.Core.ImportExport;

public static class ImportLimits
{
    public const int ExternalIdLength = 200;
    /// <summary>The longest key an import stores from chosen columns; a longer combination is kept as its start and a hash.</summary>
    public const int ImportKeyLength = 200;
    /// <summary>The largest file the importer reads (the upload page states it).</summary>
    public const long MaxFileBytes = 50L * 1024 * 1024;
    /// <summary>More columns than any inventory has; a row beyond it is refused rather than held in memory.</summary>
    public const int MaxColumns = 500;
    /// <summary>The longest cell read; a longer one is almost always an unclosed quote swallowing the rest of the file.</summary>
    public const int MaxCellLength = 100_000;
    /// <summary>The most any part of an XLSX workbook (a sheet, the shared strings) may unpack to: 128 MB of XML holds far more than 100,000 rows.</summary>
    public const long MaxInflatedPartBytes = 128L * 1024 * 1024;
}

public enum ImportFormat { Csv, Xlsx, Json }

public enum ImportTarget { Workflows, Tools, Agents }

/// <summary>How an existing record is found for a row, so a re-import updates it instead of adding it again.</summary>
public enum ImportMatch
{
    /// <summary>By the id the source system uses (the field mapped to <see cref="ImportFieldKey.ExternalId"/>).</summary>
    ExternalId,
    /// <summary>By name (within the department, for workflows).</summary>
    Name,
    /// <summary>By several columns combined (<see cref="ImportMapping.KeyColumns"/>, e.g. agency and the agency's own number), kept on the record.</summary>
    Columns,
    /// <summary>By a fingerprint (a hash) of the chosen columns' values, kept on the record: for files with no id of any kind.</summary>
    Fingerprint,
}

/// <summary>How the file is read. Null properties are detected.</summary>
public sealed record SourceOptions
{
    public ImportFormat? Format { get; init; }
    /// <summary>A web name such as "utf-8", "utf-16", "windows-1252"; null: detected from the byte-order mark and content.</summary>
    public string? Encoding { get; init; }
    /// <summary>The CSV delimiter; null: detected.</summary>
    public string? Delimiter { get; init; }
    /// <summary>The XLSX sheet by name; null: the first sheet.</summary>
    public string? Sheet { get; init; }
    /// <summary>1-based row that holds the column names; null: detected.</summary>
    public int? HeaderRow { get; init; }
    /// <summary>For JSON: the property of the top-level object that holds the array; null: the top level is the array (or the first array property).</summary>
    public string? JsonProperty { get; init; }
}

/// <summary>Which column(s) fill one field, and how their values translate.</summary>
public sealed record FieldMapping
{
    public required ImportFieldKey Field { get; init; }
    /// <summary>Source columns by header name; several are joined (each under its column name) — e.g. purpose + benefits into the purpose.</summary>
    public IReadOnlyList<string> Columns { get; init; } = [];
    /// <summary>Source value → the value AiPolicyHub understands (e.g. "in_gebruik" → "Production"), compared ignoring case and surrounding space.</summary>
    public IReadOnlyDictionary<string, string> Values { get; init; } = new Dictionary<string, string>();
    /// <summary>Used when the columns are empty (or not mapped) on a new record.</summary>
    public string? Default { get; init; }
    /// <summary>Shorten text longer than the field allows (with a warning) instead of rejecting the row.</summary>
    public bool Truncate { get; init; }
}

/// <summary>A complete description of how a file becomes workflows or tools; saved as a named preset.</summary>
public sealed record ImportMapping
{
    public ImportTarget Target { get; init; } = ImportTarget.Workflows;
    public SourceOptions Source { get; init; } = new();
    public IReadOnlyList<FieldMapping> Fields { get; init; } = [];
    public ImportMatch Match { get; init; } = ImportMatch.ExternalId;
    /// <summary>The source columns the key is built from, for <see cref="ImportMatch.Columns"/> and <see cref="ImportMatch.Fingerprint"/>.</summary>
    public IReadOnlyList<string> KeyColumns { get; init; } = [];
    /// <summary>A department named in the file that does not exist yet is created (compliance officers and administrators only).</summary>
    public bool CreateMissingDepartments { get; init; }
    /// <summary>A new workflow without an owner gets the person importing as its owner.</summary>
    public bool OwnerDefaultsToImporter { get; init; }
    /// <summary>A new workflow without a next review date gets one its review cadence from today.</summary>
    public bool ReviewDateFromCadence { get; init; }

    public FieldMapping? For(ImportFieldKey field) => Fields.FirstOrDefault(f => f.Field == field);
}

/// <summary>What one run should do with a file.</summary>
public sealed record ImportRequest
{
    public required string FileName { get; init; }
    public required ImportMapping Mapping { get; init; }
    /// <summary>Run every check and the whole write, then roll it back: the totals a commit would produce.</summary>
    public bool DryRun { get; init; }
    /// <summary>Commit the valid rows although others are rejected. Off: one rejected row keeps the whole file out.</summary>
    public bool SkipRejectedRows { get; init; }
    /// <summary>Stop after this many data rows (the preview); null: all.</summary>
    public int? MaxRows { get; init; }
}

public enum IssueSeverity { Warning, Error }

/// <summary>A problem with one field of one row (or with the file, when <see cref="Row"/> is 0).</summary>
public sealed record ImportIssue(int Row, string Field, IssueSeverity Severity, string Message);

public enum RowOutcome { Created, Updated, Unchanged, Rejected }

/// <summary>One row's fate, for the preview and the report; <paramref name="RecordId"/> is the workflow or tool it created or updated.</summary>
public sealed record ImportRowResult(int Row, RowOutcome Outcome, string Key, string Name, IReadOnlyList<ImportIssue> Issues,
    IReadOnlyDictionary<string, string>? Values = null, int? RecordId = null);

public sealed record ImportProgress(long RowsRead, long BytesRead, long? TotalBytes)
{
    public double? Fraction => TotalBytes is > 0 ? Math.Min(1.0, (double)BytesRead / TotalBytes.Value) : null;
}

/// <summary>The result of a run: totals, per-row outcomes (rejected rows always; others up to a limit) and what happened.</summary>
public sealed record ImportReport
{
    public required string FileName { get; init; }
    public ImportTarget Target { get; init; }
    public bool DryRun { get; init; }
    /// <summary>True when the rows were written (a commit without blocking errors).</summary>
    public bool Committed { get; init; }
    public int Rows { get; init; }
    public int Created { get; init; }
    public int Updated { get; init; }
    public int Unchanged { get; init; }
    public int Rejected { get; init; }
    public int Warnings { get; init; }
    /// <summary>New records without a key: importing the file again adds them again.</summary>
    public int RowsWithoutKey { get; init; }
    /// <summary>Rows whose key names a stored record under another name or in another department: they rename or move it.</summary>
    public int Reidentified { get; init; }
    public IReadOnlyList<string> DepartmentsCreated { get; init; } = [];
    /// <summary>Problems with the file as a whole (unreadable, empty, wrong columns): nothing was imported.</summary>
    public IReadOnlyList<string> FileErrors { get; init; } = [];
    /// <summary>The rows the API answers with: every rejected row (up to 10,000) and the first others.</summary>
    public IReadOnlyList<ImportRowResult> RowResults { get; init; } = [];
    /// <summary>Every row's outcome, in file order: the full report (<see cref="ImportReportFile"/>), paged on the page.</summary>
    [JsonIgnore] public IReadOnlyList<ImportRowResult> AllRows { get; init; } = [];
    public string Summary { get; init; } = "";
    public string? DetectedEncoding { get; init; }
    public string? DetectedDelimiter { get; init; }
    public TimeSpan Elapsed { get; init; }
    /// <summary>The audit entry that keeps this report (commits only).</summary>
    public long? AuditEntryId { get; init; }

    /// <summary>Rows have errors and the request did not ask to skip them: a commit writes nothing (a dry run says it would not).</summary>
    public bool Blocked { get; init; }

    /// <summary>
    /// What the API answers with 200 rather than 422: the file was read and no rejected row blocks it. A dry run answers as
    /// the same request would when committed.
    /// </summary>
    [JsonIgnore] public bool Succeeded => FileErrors.Count == 0 && !Blocked;

    /// <summary>Everything in the file was written: the only outcome shown as a plain success.</summary>
    [JsonIgnore] public bool Complete => Committed && Rejected == 0;
}
