using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport.Reading;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Risk;
using AiPolicyHub.Core.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace AiPolicyHub.Core.ImportExport;

/// <summary>What a file holds before it is mapped: for the upload and mapping steps.</summary>
public sealed record ImportInspection(
    ImportFormat Format, string? Encoding, string? Delimiter, IReadOnlyList<string> Sheets, int HeaderRow,
    IReadOnlyList<string> Headers, IReadOnlyList<TableRow> FirstRows, IReadOnlyDictionary<ImportFieldKey, string> Suggestions,
    IReadOnlyDictionary<string, IReadOnlyList<string>> DistinctValues, string? Error = null);

/// <summary>One distinct value of a column and the number of rows holding it.</summary>
public sealed record ColumnValue(string Value, int Rows);

/// <summary>A column's distinct values (most common first, up to a limit) and how many distinct values it has in all.</summary>
public sealed record ColumnValues(IReadOnlyList<ColumnValue> Values, int Distinct);

/// <summary>
/// Imports workflows or tools from CSV, XLSX or JSON. One entry point, <see cref="ImportAsync"/>, for the page, the API
/// and the benchmark: a stream, a mapping and options in, an <see cref="ImportReport"/> out. Each row is checked with the
/// forms' own validation; the write is one transaction — all rows or none — and a dry run is the same write rolled back.
/// Rows stream through in batches, so memory stays flat however long the file is.
/// </summary>
public sealed class InventoryImporter(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, TimeProvider clock, SearchCatchUp searchCatchUp,
    Agents.AgentInventory agents)
{
    public const string EntityType = "Import";
    public const string NotAllowed = "Only managers, compliance officers and administrators can import.";

    /// <summary>
    /// Rows read, matched and written together. The batch (its cells, keys and checked rows) is held while it is written, so
    /// it stays small: with 500 rows the working set of a 100,000-row import stayed about 40 MB lower than with 1,000, at the
    /// same speed (./bench.sh import). With 500 a batch still lived through the young generations' collections and died in
    /// the old one, which the background collections sweep but never compact: about 45 MB of free gaps in a managed heap of
    /// 100 MB committed for some 40 MB alive, and a peak working set of 250–264 MB. With 200 it dies young: no gaps, 54 MB
    /// committed, peak 220 MB, the same CPU time (5 December 2026).
    /// </summary>
    private const int BatchSize = 200;
    private const int KeptRowResults = 500;

    /// <summary>Said after a committed import's summary when search indexes its new workflows right after the commit.</summary>
    public const string SearchCatchingUp = " Search finds the new workflows within a few seconds.";

    /// <summary>Reads the first rows of a file (no database), for choosing the header row and mapping the columns.</summary>
    public static ImportInspection Inspect(Stream seekable, string fileName, ImportTarget target, SourceOptions options, int previewRows = 20)
    {
        var format = options.Format ?? TableReader.DetectFormat(seekable, fileName);
        try
        {
            if (seekable.Length == 0)
            {
                throw new ImportFileException("The file is empty (0 bytes).");
            }
            seekable.Position = 0;
            using var reader = TableReader.Create(seekable, fileName, options with { Format = format });
            var rows = new List<TableRow>();
            var distinct = reader.Headers.Select(_ => new HashSet<string>(StringComparer.OrdinalIgnoreCase)).ToArray();
            foreach (var row in reader.Rows().Take(1_000))
            {
                if (rows.Count < previewRows) rows.Add(row);
                for (var i = 0; i < row.Cells.Length && i < distinct.Length; i++)
                {
                    var v = row.Cells[i].Trim();
                    if (v.Length is > 0 and <= 80 && distinct[i].Count <= 30) distinct[i].Add(v);
                }
            }
            return new ImportInspection(format, reader.Encoding, reader.Delimiter, reader.Sheets, reader.HeaderRow, reader.Headers, rows,
                ImportFields.Suggest(target, reader.Headers),
                reader.Headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => (IReadOnlyList<string>)distinct[x.i].Order().ToList()));
        }
        catch (ImportFileException ex)
        {
            return new ImportInspection(format, null, null, [], 0, [], [], new Dictionary<ImportFieldKey, string>(),
                new Dictionary<string, IReadOnlyList<string>>(), ex.Message);
        }
    }

    /// <summary>
    /// Every distinct value of the chosen columns over the whole file, with how many rows hold it (most rows first), for the
    /// values step: a value first seen on row 3,000, or 117 characters long, can be mapped like any other. Values are
    /// compared ignoring case and surrounding space, as the value mapping compares them. At most
    /// <paramref name="maxValuesPerColumn"/> are listed per column; <see cref="ColumnValues.Distinct"/> says how many there are.
    /// </summary>
    public static IReadOnlyDictionary<string, ColumnValues> Values(Stream seekable, string fileName, SourceOptions options,
        IReadOnlyCollection<string> columns, int maxValuesPerColumn = 5_000)
    {
        seekable.Position = 0;
        using var reader = TableReader.Create(seekable, fileName, options);
        var wanted = reader.Headers.Select((h, i) => (h, i)).Where(x => columns.Contains(x.h)).ToList();
        var counts = wanted.ToDictionary(x => x.i, _ => new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase));
        foreach (var row in reader.Rows())
        {
            foreach (var (_, i) in wanted)
            {
                var value = i < row.Cells.Length ? row.Cells[i].Trim() : "";
                if (value.Length == 0) continue;
                var seen = counts[i];
                seen[value] = seen.GetValueOrDefault(value) + 1;
            }
        }
        return wanted.ToDictionary(x => x.h, x => new ColumnValues(
            counts[x.i].OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.OrdinalIgnoreCase)
                .Take(maxValuesPerColumn).Select(v => new ColumnValue(v.Key, v.Value)).ToList(),
            counts[x.i].Count));
    }

    /// <summary>Whether <paramref name="principal"/> may import at all (managers, compliance officers, administrators).</summary>
    public async Task<bool> MayImportAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await Actor.FindAsync(db, principal, cancellationToken) is { } actor && (actor.IsManager || actor.IsComplianceOrAdmin);
    }

    /// <summary>
    /// A column per field, with sample values and a confidence: the values are checked against the users and classification
    /// levels stored here, so a contact-email column that names no user is only a weak owner suggestion.
    /// </summary>
    public async Task<IReadOnlyList<ColumnSuggestion>> SuggestAsync(ImportTarget target, ImportInspection inspection, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var lookups = await ImportLookups.LoadAsync(db, cancellationToken);
        return ColumnSuggestions.Suggest(target, inspection.Headers, inspection.FirstRows,
            new SuggestionChecks(lookups.People.ContainsKey, lookups.Levels.ContainsKey));
    }

    /// <summary>
    /// Runs an import (or a dry run, or a preview of the first rows) for the signed-in <paramref name="principal"/>.
    /// A stream that cannot seek (an HTTP body) is first copied to a temporary file. Cancelling leaves nothing written.
    /// </summary>
    public async Task<ImportReport> ImportAsync(ClaimsPrincipal principal, Stream content, ImportRequest request,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        using var activity = Telemetry.AppTelemetry.Source.StartActivity("import " + request.Mapping.Target);
        var started = Stopwatch.GetTimestamp();
        var report = await ImportUntracedAsync(principal, content, request, progress, cancellationToken);
        KeyValuePair<string, object?>[] tags =
            [new("target", report.Target.ToString()), new("dry_run", report.DryRun), new("outcome", report.Committed ? "committed" : "not committed")];
        Telemetry.AppTelemetry.Imports.Add(1, tags);
        Telemetry.AppTelemetry.ImportedRows.Add(report.Rows, new KeyValuePair<string, object?>("target", report.Target.ToString()));
        Telemetry.AppTelemetry.ImportDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        activity?.SetTag("aipolicyhub.import.rows", report.Rows);
        return report;
    }

    private async Task<ImportReport> ImportUntracedAsync(ClaimsPrincipal principal, Stream content, ImportRequest request,
        IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null || !(actor.IsManager || actor.IsComplianceOrAdmin))
        {
            return Refused(request, NotAllowed);
        }
        if (request.Mapping.Target == ImportTarget.Tools && !actor.CanEditTools)
        {
            return Refused(request, NotAllowed);
        }

        Stream? copy = null;
        try
        {
            var seekable = content;
            if (!content.CanSeek)
            {
                copy = await CopyToTemporaryFileAsync(content, cancellationToken);
                seekable = copy;
            }
            if (seekable.Length > ImportLimits.MaxFileBytes)
            {
                return Refused(request, $"The file is {seekable.Length / 1024.0 / 1024.0:N1} MB; AiPolicyHub imports files up to {ImportLimits.MaxFileBytes / 1024 / 1024} MB.");
            }
            if (seekable.Length == 0)
            {
                return Refused(request, "The file is empty (0 bytes).");
            }
            seekable.Position = 0;
            // The reading is synchronous (the file is local by now); run it off the caller's thread.
            return await Task.Run(() => RunAsync(db, actor, seekable, request, progress, watch, cancellationToken), cancellationToken);
        }
        catch (ImportFileException ex)
        {
            return Refused(request, ex.Message);
        }
        finally
        {
            if (copy is not null) await copy.DisposeAsync();
        }
    }

    private async Task<ImportReport> RunAsync(AppDbContext db, Actor actor, Stream seekable, ImportRequest request,
        IProgress<ImportProgress>? progress, Stopwatch watch, CancellationToken cancellationToken)
    {
        var mapping = request.Mapping;
        using var reader = TableReader.Create(seekable, request.FileName, mapping.Source);
        var conversion = new RowConversion(mapping, reader.Headers, unescapeFormulas: reader is not JsonTableReader);
        var fileErrors = new List<string>();
        if (conversion.MissingColumns.Count > 0)
        {
            fileErrors.Add($"The file has no column {string.Join(", ", conversion.MissingColumns.Select(c => $"\"{c}\""))} that the mapping uses. " +
                $"Its columns are: {string.Join(", ", reader.Headers.Take(30).Select(h => $"\"{h}\""))}.");
        }
        if (!conversion.IsMapped(ImportFieldKey.Name))
        {
            fileErrors.Add("Map a column to Name: every record needs one.");
        }
        if (conversion.KeyProblem is { } keyProblem)
        {
            fileErrors.Add(keyProblem);
        }
        if (conversion.AgentKeyProblem is { } agentKeyProblem)
        {
            fileErrors.Add(agentKeyProblem);
        }
        if (fileErrors.Count > 0)
        {
            return Refused(request, [.. fileErrors]) with { DetectedEncoding = reader.Encoding, DetectedDelimiter = reader.Delimiter };
        }

        var run = new Run(request, reader);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var cache = await LargerCacheAsync(db, cancellationToken);
        await using var checkpoint = mapping.Target == ImportTarget.Workflows ? await CheckpointAfterwardsAsync(db, cancellationToken) : null;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var lookups = await ImportLookups.LoadAsync(db, cancellationToken);
        await using var chain = await audit.StartChainAsync(db, actor, cancellationToken);
        var search = mapping.Target == ImportTarget.Workflows ? await DeferredSearchIndex.StartAsync(db, transaction, cancellationToken) : null;
        await using ImportTargetWriter writer = mapping.Target switch
        {
            ImportTarget.Tools => new ToolWriter(db, actor, lookups, chain, conversion, run, audit),
            ImportTarget.Agents => new AgentImportWriter(db, actor, lookups, chain, conversion, run, agents) { CreatesDepartments = mapping.CreateMissingDepartments },
            _ => new WorkflowWriter(db, actor, lookups, chain, conversion, run, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), transaction,
                mapping.CreateMissingDepartments),
        };

        var batch = new List<TableRow>(BatchSize);
        foreach (var row in reader.Rows())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (request.MaxRows is { } max && run.Rows >= max)
            {
                break;
            }
            run.Rows++;
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                await writer.WriteBatchAsync(batch, cancellationToken);
                batch.Clear();
                progress?.Report(new ImportProgress(run.Rows, (long)((reader.Progress ?? 0) * 1000), 1000));
            }
        }
        if (batch.Count > 0)
        {
            await writer.WriteBatchAsync(batch, cancellationToken);
        }
        progress?.Report(new ImportProgress(run.Rows, 1000, 1000));

        if (run.Rows == 0)
        {
            return Refused(request, "The file has column names but no rows to import.") with { DetectedEncoding = reader.Encoding, DetectedDelimiter = reader.Delimiter };
        }

        var blocked = run.Rejected > 0 && !request.SkipRejectedRows;
        var commit = !request.DryRun && !blocked && request.MaxRows is null;
        var report = run.Report(request, committed: commit, writer.DepartmentsCreated, watch.Elapsed);
        if (commit)
        {
            var entry = await chain.AppendAsync(EntityType, Guid.NewGuid().ToString("N")[..12], request.FileName, AuditAction.Created,
                ReportChanges(report), cancellationToken);
            await chain.FlushAsync(cancellationToken);
            if (search is not null)
            {
                await search.RestoreTriggerAsync(cancellationToken);
            }
            await transaction.CommitAsync(cancellationToken);
            report = report with { AuditEntryId = entry.Id };
            if (search is not null)
            {
                // Indexing the new workflows, and copying the committed pages from the write-ahead log into the database
                // file, take seconds the user need not wait for; the summary says search catches up.
                searchCatchUp.Start(search.LastIdBefore);
                if (report.Created > 0)
                {
                    report = report with { Summary = report.Summary + SearchCatchingUp };
                }
            }
        }
        else
        {
            await transaction.RollbackAsync(cancellationToken);
        }
        return report with { Elapsed = watch.Elapsed };
    }

    /// <summary>
    /// SQLite's default 2 MB page cache makes the workflow indexes (taking rows in random key order) read pages back from
    /// disk on almost every insert; a larger cache for this connection while the import runs, restored afterwards
    /// because the connection goes back to the pool. 32 MB: as fast as 64 MB on 100,000 rows (./bench.sh import), and 25 MB
    /// less memory; 16 MB was slower. Other databases size their caches server-side.
    /// </summary>
    private static Task<IAsyncDisposable> LargerCacheAsync(AppDbContext db, CancellationToken cancellationToken) =>
        SqliteSettingWhileImportingAsync(db, "cache_size", -32768, cancellationToken); // 32 MB

    /// <summary>
    /// On SQLite a commit copies the write-ahead log into the database file once the log is over 1,000 pages (its automatic
    /// checkpoint), in the committing call: after a large import that is hundreds of megabytes (the audit entries are most
    /// of them), which the user would wait for although the transaction is already durable in the log. So the import's
    /// connection leaves it out, and <see cref="SearchCatchUp"/>, started right after the commit, does it in the
    /// background. Restored afterwards; nothing to do elsewhere (no log to copy).
    /// A crash before the copy loses nothing: SQLite reads the log on the next open.
    /// </summary>
    private static Task<IAsyncDisposable> CheckpointAfterwardsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        SqliteSettingWhileImportingAsync(db, "wal_autocheckpoint", 0, cancellationToken);

    /// <summary>
    /// Sets one of SQLite's per-connection settings (a PRAGMA) for the import; disposing the result puts the value back,
    /// because the connection goes back to the pool. Nothing to do on other databases.
    /// </summary>
    private static async Task<IAsyncDisposable> SqliteSettingWhileImportingAsync(AppDbContext db, string pragma, long value,
        CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return new Restore(null);
        }
        // The names and numbers are this class's own constants, never input.
        var read = "PRAGMA " + pragma;
        var set = read + " = " + value.ToString(CultureInfo.InvariantCulture);
        var before = (await db.Database.SqlQueryRaw<long>(read).ToListAsync(cancellationToken)).Single();
        await db.Database.ExecuteSqlRawAsync(set, cancellationToken);
        var restore = read + " = " + before.ToString(CultureInfo.InvariantCulture);
        return new Restore(async () => await db.Database.ExecuteSqlRawAsync(restore, CancellationToken.None));
    }

    private sealed class Restore(Func<Task>? undo) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            if (undo is not null) await undo();
        }
    }

    /// <summary>The report as the audit trail keeps it: totals, and every rejected row with its reasons.</summary>
    private static List<FieldChange> ReportChanges(ImportReport report)
    {
        var changes = new List<FieldChange>
        {
            new("File", null, report.FileName),
            new("Imported", null, report.Target switch { ImportTarget.Tools => "AI tools", ImportTarget.Agents => "AI agents", _ => "Workflows" }),
            new("Rows", null, report.Rows.ToString("N0", CultureInfo.InvariantCulture)),
            new("Created", null, report.Created.ToString("N0", CultureInfo.InvariantCulture)),
            new("Updated", null, report.Updated.ToString("N0", CultureInfo.InvariantCulture)),
            new("Unchanged", null, report.Unchanged.ToString("N0", CultureInfo.InvariantCulture)),
            new("Rejected", null, report.Rejected.ToString("N0", CultureInfo.InvariantCulture)),
        };
        if (report.DepartmentsCreated.Count > 0)
        {
            changes.Add(new("Departments created", null, string.Join(", ", report.DepartmentsCreated)));
        }
        foreach (var row in report.RowResults.Where(r => r.Outcome == RowOutcome.Rejected).Take(1_000))
        {
            changes.Add(new($"Row {row.Row}", null, "Rejected: " + string.Join(" ", row.Issues.Where(i => i.Severity == IssueSeverity.Error).Select(i => i.Message))));
        }
        return changes;
    }

    private static ImportReport Refused(ImportRequest request, params string[] errors) => new()
    {
        FileName = request.FileName,
        Target = request.Mapping.Target,
        DryRun = request.DryRun,
        FileErrors = errors,
        Summary = "Nothing was imported: " + string.Join(" ", errors),
    };

    private static async Task<Stream> CopyToTemporaryFileAsync(Stream content, CancellationToken cancellationToken)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        var buffer = new byte[81920];
        int n;
        while ((n = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (file.Length + n > ImportLimits.MaxFileBytes)
            {
                await file.DisposeAsync();
                throw new ImportFileException($"The file is larger than {ImportLimits.MaxFileBytes / 1024 / 1024} MB, the most AiPolicyHub imports.");
            }
            await file.WriteAsync(buffer.AsMemory(0, n), cancellationToken);
        }
        file.Position = 0;
        return file;
    }

    /// <summary>The tallies of one run.</summary>
    internal sealed class Run(ImportRequest request, TableReader reader)
    {
        public string FileName => request.FileName;
        public int Rows, Created, Updated, Unchanged, Rejected, Warnings, RowsWithoutKey, Reidentified;
        /// <summary>Every row's result, in the order the rows were decided (file order, but updated tools after their batch).</summary>
        public List<ImportRowResult> Results { get; } = [];
        /// <summary>Keys seen so far, with their row: a key twice in one file is a mistake, not two records.</summary>
        public Dictionary<string, int> Keys { get; } = new(StringComparer.OrdinalIgnoreCase);
        /// <summary>Stored records already updated by a row, with that row: two keys can name one record ("AIPH-W-12", "AIPH-W-012").</summary>
        public Dictionary<int, int> Matched { get; } = [];

        /// <summary>Counts and keeps a row's result; returns its place, for <see cref="SetRecordId"/> once a new record has its id.</summary>
        public int Add(ImportRowResult result)
        {
            switch (result.Outcome)
            {
                case RowOutcome.Created: Created++; break;
                case RowOutcome.Updated: Updated++; break;
                case RowOutcome.Unchanged: Unchanged++; break;
                default: Rejected++; break;
            }
            Warnings += result.Issues.Count(i => i.Severity == IssueSeverity.Warning);
            if (result.Outcome == RowOutcome.Created && result.Key.Length == 0)
            {
                RowsWithoutKey++;
            }
            // Every row is kept for the full report; the cell values only for the preview, which shows them.
            Results.Add(result with { Key = RowConversion.ShownKey(result.Key), Values = KeepsValues ? result.Values : null });
            return Results.Count - 1;
        }

        /// <summary>Whether row results keep the cell values (a preview shows them); a whole import does not.</summary>
        public bool KeepsValues => request.MaxRows is not null;

        public void SetRecordId(int place, int id) => Results[place] = Results[place] with { RecordId = id };

        public ImportReport Report(ImportRequest request, bool committed, IReadOnlyList<string> departments, TimeSpan elapsed)
        {
            var (one, what) = request.Mapping.Target switch
            {
                ImportTarget.Tools => ("tool", "tools"),
                ImportTarget.Agents => ("agent", "agents"),
                _ => ("workflow", "workflows"),
            };
            var blocked = Rejected > 0 && !request.SkipRejectedRows;
            var rejected = $"{Rejected:N0} of {Rows:N0} {(Rows == 1 ? "row" : "rows")} {(Rejected == 1 ? "has" : "have")} errors";
            // The totals say what was (or would be) written, so they never contradict the first sentence.
            var totals = $"{Rows:N0} rows: {Created:N0} {what} created, {Updated:N0} updated, {Unchanged:N0} unchanged, {Rejected:N0} rejected.";
            var wouldBe = $"Without the rejected rows, {Created:N0} {(Created == 1 ? one : what)} would be created, {Updated:N0} updated and {Unchanged:N0} left unchanged.";
            // Said in every summary, since a second import of such a file quietly adds or changes records.
            var keys = (RowsWithoutKey > 0
                    ? $" {RowsWithoutKey:N0} new {(RowsWithoutKey == 1 ? "row has" : "rows have")} no key: importing this file again will add {(RowsWithoutKey == 1 ? "it" : "them")} again (choose a key made of other columns)."
                    : "")
                + (Reidentified > 0
                    ? $" {Reidentified:N0} {(Reidentified == 1 ? "row's key names a stored record" : "rows' keys name stored records")} under another name or department: importing renames or moves {(Reidentified == 1 ? "it" : "them")}."
                    : "");
            var summary = committed
                ? Rejected > 0
                    ? $"Imported, except {Rejected:N0} rejected {(Rejected == 1 ? "row" : "rows")} (left out as asked). {totals}"
                    : $"Imported. {totals}"
                : request.MaxRows is not null ? $"Preview of the first rows. {totals}"
                : request.DryRun
                    ? blocked
                        ? $"Dry run, nothing written: as it stands nothing would be imported, because {rejected} (fix them, or choose to skip rejected rows). {wouldBe}"
                        : $"Dry run, nothing written: {totals}"
                : $"Nothing was imported: {rejected}. {wouldBe}";
            return new ImportReport
            {
                FileName = request.FileName,
                Target = request.Mapping.Target,
                DryRun = request.DryRun || request.MaxRows is not null,
                Committed = committed,
                Blocked = blocked,
                Rows = Rows, Created = Created, Updated = Updated, Unchanged = Unchanged, Rejected = Rejected, Warnings = Warnings,
                DepartmentsCreated = departments,
                // The API's answer stays small: every rejected row (up to 10,000) and the first others; the full report has them all.
                RowResults = Results.Where(r => r.Outcome == RowOutcome.Rejected).Take(10_000)
                    .Concat(Results.Where(r => r.Outcome != RowOutcome.Rejected).Take(KeptRowResults)).OrderBy(r => r.Row).ToList(),
                AllRows = Results.OrderBy(r => r.Row).ToList(),
                RowsWithoutKey = RowsWithoutKey,
                Reidentified = Reidentified,
                Summary = summary + keys,
                DetectedEncoding = reader.Encoding,
                DetectedDelimiter = reader.Delimiter,
                Elapsed = elapsed,
            };
        }
    }
}
