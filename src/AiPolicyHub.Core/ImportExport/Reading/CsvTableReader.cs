using System.Globalization;
using System.Text;
using CsvHelper;

namespace AiPolicyHub.Core.ImportExport.Reading;

/// <summary>
/// CSV in any common dialect: the delimiter and the encoding (UTF-8 with or without BOM, UTF-16, Windows-1252) are
/// detected unless chosen; quoted cells may hold delimiters, quotes and line breaks.
/// </summary>
public sealed class CsvTableReader : TableReader
{
    private const int SniffBytes = 1024 * 1024;
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    private readonly Stream stream;
    private readonly CountingStream counted;
    private readonly long length;
    private readonly string encodingName;
    private readonly string delimiter;

    public CsvTableReader(Stream seekable, string? encoding, string? delimiter)
    {
        stream = seekable;
        length = seekable.Length;
        var head = new byte[(int)Math.Min(SniffBytes, length)];
        seekable.ReadExactly(head);
        var (name, bom) = TextEncodings.Detect(head, head.Length == length, encoding);
        encodingName = name;
        seekable.Position = bom;
        this.delimiter = delimiter is { Length: > 0 } chosen ? (chosen == "\\t" ? "\t" : chosen)
            : DetectDelimiter(TextEncodings.Strict(name).GetString(head, bom, TrimmedLength(head, bom, name)));
        counted = new CountingStream(seekable);
    }

    public override string? Encoding => encodingName;
    public override string? Delimiter => delimiter;
    public override double? Progress => length == 0 ? null : (double)counted.BytesRead / length;

    protected override IEnumerable<TableRow> ReadRawRows()
    {
        string? malformed = null;
        var unterminated = false;
        var options = new CsvReaderOptions
        {
            Separator = delimiter[0],
            HasHeader = false,
            AllowLineBreaksInQuotes = true,
            SkipEmptyLines = true,
            TrimWhitespace = false,
            MaxRecordSize = ImportLimits.MaxCellLength * 4,
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = record =>
            {
                if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                {
                    unterminated = true;
                }
                malformed ??= record.Reason switch
                {
                    CsvMalformedReason.StrayQuote => "The quotes in this row are unbalanced: a quote appears inside a cell that does not start with one. Put the whole cell in quotes and double the quotes inside it.",
                    CsvMalformedReason.TextAfterClosingQuote => "The quotes in this row are unbalanced: there is text after the closing quote of a cell. Double each quote inside a quoted cell.",
                    _ => null,
                };
            },
        };
        // UTF-8 is parsed as bytes (the fast path); other encodings go through a strict decoder, so a wrong one is reported.
        using var csv = encodingName == TextEncodings.Utf8
            ? CsvReader.Create(counted, options, leaveOpen: true)
            : CsvReader.Create(new StreamReader(counted, TextEncodings.Strict(encodingName), false, 64 * 1024), options, leaveOpen: false);
        var record = 0;
        while (true)
        {
            malformed = null;
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (DecoderFallbackException)
            {
                throw new ImportFileException($"After row {record:N0} the file stops being valid {TextEncodings.Label(encodingName)}: " +
                    $"choose its real encoding (often {TextEncodings.Label(TextEncodings.Windows1252)}).");
            }
            catch (CsvFormatException)
            {
                throw new ImportFileException($"Row {record + 1:N0} is longer than {ImportLimits.MaxCellLength * 4 / 1000:N0} KB: " +
                    "a quote that opens a cell is probably never closed (unbalanced quotes), so the rest of the file reads as one cell.");
            }
            if (!more)
            {
                yield break;
            }
            record++;
            if (unterminated)
            {
                throw new ImportFileException($"The quoted cell that starts in row {record:N0} is never closed (unbalanced quotes): " +
                    "the file may be cut off, or a quote inside a cell is not doubled.");
            }
            var cells = new string[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.GetString(i) ?? "";
            }
            yield return new TableRow(record, cells, malformed);
        }
    }

    /// <summary>The candidate found the same number of times on most of the first lines (outside quotes), the most frequent winning.</summary>
    private static string DetectDelimiter(string sample)
    {
        var lines = new List<Dictionary<char, int>>();
        var counts = Candidates.ToDictionary(c => c, _ => 0);
        var quoted = false;
        foreach (var c in sample)
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (!quoted && c == '\n')
            {
                lines.Add(counts);
                counts = Candidates.ToDictionary(c => c, _ => 0);
                if (lines.Count == 20) break;
            }
            else if (!quoted && counts.ContainsKey(c))
            {
                counts[c]++;
            }
        }
        if (lines.Count < 20 && counts.Values.Any(v => v > 0))
        {
            lines.Add(counts);
        }
        if (lines.Count == 0)
        {
            return ",";
        }
        var best = Candidates
            .Select(c => (Delimiter: c, Header: lines[0][c], Consistent: lines.Count(l => l[c] == lines[0][c])))
            .Where(x => x.Header > 0)
            .OrderByDescending(x => x.Consistent).ThenByDescending(x => x.Header)
            .FirstOrDefault();
        return best.Header > 0 ? best.Delimiter.ToString() : ",";
    }

    /// <summary>The sample without a character cut in half at its end.</summary>
    private static int TrimmedLength(byte[] head, int bom, string encoding)
    {
        var n = head.Length - bom;
        if (encoding is TextEncodings.Utf16LE or TextEncodings.Utf16BE)
        {
            return n - n % 2 - (n >= 4 ? 2 : 0);
        }
        if (encoding == TextEncodings.Utf8)
        {
            while (n > 0 && (head[bom + n - 1] & 0xC0) == 0x80) n--;
            if (n > 0 && head[bom + n - 1] >= 0xC0) n--;
        }
        return n;
    }
}
