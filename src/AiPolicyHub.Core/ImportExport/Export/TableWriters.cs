using System.Globalization;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace AiPolicyHub.Core.ImportExport.Export;

public enum ExportFormat { Csv, Xlsx, Json }

/// <summary>Writes a table (a header and rows of text) as CSV, XLSX or JSON, one row at a time.</summary>
public abstract class TableWriter : IDisposable
{
    public abstract void WriteRow(IReadOnlyList<string> cells);
    public virtual void Dispose() => GC.SuppressFinalize(this);

    public static string ContentType(ExportFormat format) => format switch
    {
        ExportFormat.Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ExportFormat.Json => "application/json",
        _ => "text/csv",
    };

    public static string Extension(ExportFormat format) => format.ToString().ToLowerInvariant();

    /// <param name="numeric">Columns written as numbers (JSON and XLSX) when the cell is a number.</param>
    public static TableWriter Create(ExportFormat format, Stream output, IReadOnlyList<string> headers, IReadOnlySet<int> numeric, string sheetName) => format switch
    {
        ExportFormat.Xlsx => new XlsxTableWriter(output, headers, numeric, sheetName),
        ExportFormat.Json => new JsonTableWriter(output, headers, numeric),
        _ => new CsvTableWriter(output, headers),
    };
}

/// <summary>RFC 4180 CSV in UTF-8 with a byte-order mark (so spreadsheet programs read the accents), CRLF between records.</summary>
public sealed class CsvTableWriter : TableWriter
{
    private readonly StreamWriter writer;

    public CsvTableWriter(Stream output, IReadOnlyList<string> headers)
    {
        writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        WriteRow(headers);
    }

    public override void WriteRow(IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0) writer.Write(',');
            var value = FormulaGuard.Neutralise(cells[i]);
            if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value.Length > 0 && (char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1])))
            {
                writer.Write('"');
                writer.Write(value.Replace("\"", "\"\""));
                writer.Write('"');
            }
            else
            {
                writer.Write(value);
            }
        }
        writer.WriteLine();
    }

    public override void Dispose()
    {
        writer.Dispose();
        base.Dispose();
    }
}

/// <summary>A JSON array of objects keyed by the column names.</summary>
public sealed class JsonTableWriter : TableWriter
{
    private readonly Utf8JsonWriter writer;
    private readonly IReadOnlyList<string> headers;
    private readonly IReadOnlySet<int> numeric;

    public JsonTableWriter(Stream output, IReadOnlyList<string> headers, IReadOnlySet<int> numeric)
    {
        this.headers = headers;
        this.numeric = numeric;
        writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartArray();
    }

    public override void WriteRow(IReadOnlyList<string> cells)
    {
        writer.WriteStartObject();
        for (var i = 0; i < headers.Count; i++)
        {
            if (numeric.Contains(i) && long.TryParse(cells[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
            {
                writer.WriteNumber(headers[i], n);
            }
            else if (numeric.Contains(i) && cells[i].Length == 0)
            {
                writer.WriteNull(headers[i]);
            }
            else
            {
                writer.WriteString(headers[i], cells[i]);
            }
        }
        writer.WriteEndObject();
        if (writer.BytesPending > 64 * 1024) writer.Flush();
    }

    public override void Dispose()
    {
        writer.WriteEndArray();
        writer.Flush();
        writer.Dispose();
        base.Dispose();
    }
}

/// <summary>
/// One worksheet written with the Open XML SDK's streaming writer (rows go straight to the package, not into a DOM),
/// text as inline strings, the header row frozen.
/// </summary>
public sealed class XlsxTableWriter : TableWriter
{
    private readonly SpreadsheetDocument document;
    private readonly OpenXmlWriter writer;
    private readonly IReadOnlySet<int> numeric;
    private readonly Stream output;
    private readonly MemoryStream? buffer;

    public XlsxTableWriter(Stream output, IReadOnlyList<string> headers, IReadOnlySet<int> numeric, string sheetName)
    {
        this.numeric = numeric;
        this.output = output;
        // The package needs to seek while it is written; an HTTP response cannot.
        buffer = output.CanSeek ? null : new MemoryStream();
        document = SpreadsheetDocument.Create(buffer ?? output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = "rSheet1", SheetId = 1, Name = sheetName }));
        var sheet = workbook.AddNewPart<WorksheetPart>("rSheet1");
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new Fonts(new Font(), new Font(new Bold())),
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })),
            new Borders(new Border()),
            new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }));
        writer = OpenXmlWriter.Create(sheet);
        writer.WriteStartElement(new Worksheet());
        writer.WriteStartElement(new SheetViews());
        writer.WriteStartElement(new SheetView { WorkbookViewId = 0 });
        writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        writer.WriteEndElement();
        writer.WriteEndElement();
        writer.WriteStartElement(new SheetData());
        Write(headers, header: true);
    }

    public override void WriteRow(IReadOnlyList<string> cells) => Write(cells, header: false);

    private void Write(IReadOnlyList<string> cells, bool header)
    {
        writer.WriteStartElement(new Row());
        for (var i = 0; i < cells.Count; i++)
        {
            if (!header && numeric.Contains(i) && long.TryParse(cells[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                writer.WriteElement(new Cell { DataType = CellValues.Number, CellValue = new CellValue(cells[i]) });
                continue;
            }
            var text = XmlSafe(header ? cells[i] : FormulaGuard.Neutralise(cells[i]));
            var cell = new Cell { DataType = CellValues.InlineString, StyleIndex = header ? 1U : null };
            cell.AppendChild(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));
            writer.WriteElement(cell);
        }
        writer.WriteEndElement();
    }

    /// <summary>
    /// XML cannot hold most control characters, and a carriage return would be read back as a line feed (XML normalises
    /// line ends): both are written as the spreadsheet escape _xHHHH_, which spreadsheet programs and our reader turn
    /// back into the character, so an XLSX export keeps them as a CSV export does. Text that already looks like such an
    /// escape is itself escaped (_x005F_ is the underscore), as Excel does.
    /// </summary>
    private static string XmlSafe(string text)
    {
        if (text.Contains("_x", StringComparison.Ordinal))
        {
            text = System.Text.RegularExpressions.Regex.Replace(text, "_(x[0-9A-Fa-f]{4}_)", "_x005F_$1");
        }
        if (!text.Any(NeedsEscape))
        {
            return text;
        }
        var escaped = new System.Text.StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (NeedsEscape(c)) escaped.Append("_x").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture)).Append('_');
            else escaped.Append(c);
        }
        return escaped.ToString();
    }

    private static bool NeedsEscape(char c) => c < 0x20 && c is not ('\t' or '\n') || c is '\uFFFE' or '\uFFFF';

    public override void Dispose()
    {
        writer.WriteEndElement(); // SheetData
        writer.WriteEndElement(); // Worksheet
        writer.Close();
        document.Dispose();
        if (buffer is not null)
        {
            buffer.Position = 0;
            buffer.CopyTo(output);
            buffer.Dispose();
        }
        base.Dispose();
    }
}
