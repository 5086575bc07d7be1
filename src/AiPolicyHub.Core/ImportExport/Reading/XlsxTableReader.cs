using System.Globalization;
using ExcelDataReader;

namespace AiPolicyHub.Core.ImportExport.Reading;

/// <summary>An XLSX workbook's first sheet (or the chosen one), row by row.</summary>
public sealed class XlsxTableReader : TableReader
{
    private readonly IExcelDataReader reader;
    private readonly List<string> sheets = [];
    private int rowCount, rowsRead;

    public XlsxTableReader(Stream seekable, string? sheet)
    {
        TextEncodings.EnsureCodePages();
        XlsxPreflight.Check(seekable);
        try
        {
            reader = ExcelReaderFactory.CreateOpenXmlReader(seekable, new ExcelReaderConfiguration { LeaveOpen = true });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new ImportFileException("This file is not a readable XLSX workbook (it may be damaged, password-protected or another kind of file). " +
                "Save it again as .xlsx, or export it as CSV.");
        }
        do
        {
            sheets.Add(reader.Name);
        }
        while (reader.NextResult());
        reader.Reset();
        if (sheet is { Length: > 0 })
        {
            var index = sheets.FindIndex(s => string.Equals(s, sheet, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                throw new ImportFileException($"The workbook has no sheet called \"{sheet}\"; it has {string.Join(", ", sheets.Select(s => $"\"{s}\""))}.");
            }
            for (var i = 0; i < index; i++) reader.NextResult();
        }
        rowCount = reader.RowCount;
    }

    public override IReadOnlyList<string> Sheets => sheets;
    public override double? Progress => rowCount == 0 ? null : (double)rowsRead / rowCount;

    protected override IEnumerable<TableRow> ReadRawRows()
    {
        while (true)
        {
            bool more;
            try
            {
                more = reader.Read();
            }
            catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
            {
                throw new ImportFileException($"The workbook cannot be read after row {rowsRead:N0}: it may be damaged. Save it again as .xlsx.");
            }
            if (!more)
            {
                yield break;
            }
            rowsRead++;
            var width = reader.FieldCount;
            var last = width - 1;
            while (last >= 0 && reader.GetValue(last) is null) last--;
            var cells = new string[last + 1];
            for (var i = 0; i <= last; i++)
            {
                cells[i] = Text(reader.GetValue(i));
            }
            yield return new TableRow(rowsRead, cells);
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        DateTime d => d.TimeOfDay == TimeSpan.Zero ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : d.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public override void Dispose()
    {
        reader.Dispose();
        base.Dispose();
    }
}
