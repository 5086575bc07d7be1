namespace AiPolicyHub.Core.ImportExport.Reading;

/// <summary>One data row: its number as the user sees it in their file (a record number for CSV, the sheet row for XLSX) and its cells.</summary>
/// <param name="Problem">Why the row cannot be read as it stands (a stray quote, too many cells), or null; the importer rejects such rows.</param>
public sealed record TableRow(int Number, string[] Cells, string? Problem = null);

/// <summary>
/// A file's rows one at a time, whatever its format: the header row found (or chosen) and the data rows after it.
/// Rows are streamed, so memory does not grow with the file; only the first few are held to find the header.
/// </summary>
public abstract class TableReader : IDisposable
{
    private const int HeaderSearchRows = 20;
    private readonly List<TableRow> buffered = [];
    private IEnumerator<TableRow>? raw;

    public IReadOnlyList<string> Headers { get; private set; } = [];
    public int HeaderRow { get; private set; }
    public virtual string? Encoding => null;
    public virtual string? Delimiter => null;
    public virtual IReadOnlyList<string> Sheets => [];
    /// <summary>How far through the file reading is, 0–1, when known.</summary>
    public abstract double? Progress { get; }

    /// <summary>Every row of the file, header included; the subclass's only job.</summary>
    protected abstract IEnumerable<TableRow> ReadRawRows();

    /// <summary>Finds the header (the chosen row, or the first row that is nearly as wide as the widest of the first rows).</summary>
    public void Open(int? headerRow)
    {
        raw = ReadRawRows().GetEnumerator();
        while (buffered.Count < Math.Max(HeaderSearchRows, headerRow ?? 0) && raw.MoveNext())
        {
            buffered.Add(raw.Current);
        }
        var candidates = buffered.Where(r => r.Cells.Any(c => c.Length > 0)).ToList();
        if (candidates.Count == 0)
        {
            throw new ImportFileException("The file is empty: it has no rows to import.");
        }
        TableRow header;
        if (headerRow is { } chosen)
        {
            header = buffered.FirstOrDefault(r => r.Number == chosen)
                ?? throw new ImportFileException($"The file has no row {chosen} to take the column names from.");
        }
        else
        {
            // A row far wider than any inventory is a broken row, not the header.
            var widest = candidates.Where(r => r.Cells.Length <= ImportLimits.MaxColumns).Select(Filled).DefaultIfEmpty(candidates.Max(Filled)).Max();
            header = candidates.First(r => Filled(r) >= Math.Max(1, widest * 0.6) && r.Cells.Count(c => c.Length > 0 && !double.TryParse(c, out _)) >= Filled(r) / 2.0);
        }
        if (header.Cells.Length > ImportLimits.MaxColumns)
        {
            throw new ImportFileException($"The header row has {header.Cells.Length:N0} columns; AiPolicyHub reads at most {ImportLimits.MaxColumns}. " +
                "Is this the right file, with the right delimiter?");
        }
        HeaderRow = header.Number;
        Headers = UniqueNames(header.Cells);
        buffered.RemoveAll(r => r.Number <= header.Number);
    }

    /// <summary>The data rows after the header, each with exactly one cell per column; empty rows are skipped.</summary>
    public IEnumerable<TableRow> Rows()
    {
        if (raw is null)
        {
            throw new InvalidOperationException("Open the reader first.");
        }
        foreach (var row in buffered)
        {
            if (Shape(row) is { } shaped) yield return shaped;
        }
        buffered.Clear();
        while (raw.MoveNext())
        {
            if (Shape(raw.Current) is { } shaped) yield return shaped;
        }
    }

    private TableRow? Shape(TableRow row)
    {
        var cells = row.Cells;
        if (row.Problem is null && cells.All(c => c.Length == 0))
        {
            return null;
        }
        if (cells.Length == Headers.Count)
        {
            return row;
        }
        var used = cells.Length;
        while (used > Headers.Count && cells[used - 1].Length == 0) used--;
        var problem = row.Problem;
        if (used > Headers.Count)
        {
            problem ??= $"This row has {cells.Length:N0} cells where the header has {Headers.Count}: is a delimiter inside a cell that is not quoted?";
        }
        else if (cells.Length < Headers.Count && this is CsvTableReader)
        {
            problem ??= $"This row has {cells.Length} cells where the header has {Headers.Count}: the file may be cut off here, or a quote is not closed.";
        }
        var fitted = new string[Headers.Count];
        for (var i = 0; i < fitted.Length; i++)
        {
            fitted[i] = i < cells.Length ? cells[i] : "";
        }
        return row with { Cells = fitted, Problem = problem };
    }

    private static int Filled(TableRow row) => row.Cells.Count(c => c.Length > 0);

    /// <summary>Column names as the mapping shows them: trimmed, never empty, duplicates numbered ("Notes", "Notes (2)").</summary>
    private static IReadOnlyList<string> UniqueNames(string[] cells)
    {
        var names = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < cells.Length; i++)
        {
            var name = cells[i].Trim().TrimStart('\uFEFF');
            if (name.Length == 0) name = $"Column {i + 1}";
            var unique = name;
            for (var n = 2; !seen.Add(unique); n++) unique = $"{name} ({n})";
            names.Add(unique);
        }
        return names;
    }

    public virtual void Dispose()
    {
        raw?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>The reader for <paramref name="format"/> (detected from the content and file name when null).</summary>
    public static TableReader Create(Stream seekable, string fileName, SourceOptions options)
    {
        var format = options.Format ?? DetectFormat(seekable, fileName);
        TableReader reader = format switch
        {
            ImportFormat.Xlsx => new XlsxTableReader(seekable, options.Sheet),
            ImportFormat.Json => new JsonTableReader(seekable, options.JsonProperty),
            _ => new CsvTableReader(seekable, options.Encoding, options.Delimiter),
        };
        try
        {
            reader.Open(options.HeaderRow);
            return reader;
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    public static ImportFormat DetectFormat(Stream seekable, string fileName)
    {
        Span<byte> head = stackalloc byte[8];
        var n = seekable.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        seekable.Position = 0;
        if (n >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4)
        {
            return ImportFormat.Xlsx;
        }
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (extension == ".json")
        {
            return ImportFormat.Json;
        }
        var first = head[..n].TrimStart([(byte)' ', (byte)'\n', (byte)'\r', (byte)'\t', (byte)0xEF, (byte)0xBB, (byte)0xBF]);
        return extension is not (".csv" or ".txt" or ".tsv") && first.Length > 0 && first[0] is (byte)'[' or (byte)'{' ? ImportFormat.Json
            : extension is ".xlsx" ? ImportFormat.Xlsx
            : ImportFormat.Csv;
    }
}
