using System.Globalization;
using AiPolicyHub.Core.ImportExport.Export;

namespace AiPolicyHub.Core.ImportExport;

/// <summary>
/// The full report of an import as a file: one line per row of the source file — its outcome, the record it created or
/// updated, and every error and warning — for the person who has to fix the file.
/// </summary>
public static class ImportReportFile
{
    public static readonly IReadOnlyList<string> Headers = ["Row", "Outcome", "Record id", "Key", "Name", "Errors", "Warnings"];

    /// <summary>Writes <paramref name="report"/>'s every row as CSV or XLSX (JSON is refused: the API already answers in JSON).</summary>
    public static void Write(ImportReport report, ExportFormat format, Stream output)
    {
        if (format == ExportFormat.Json)
        {
            throw new ArgumentException("The full import report is written as CSV or XLSX.", nameof(format));
        }
        using var writer = TableWriter.Create(format, output, Headers, new HashSet<int> { 0, 2 }, "Import report");
        foreach (var row in report.AllRows)
        {
            writer.WriteRow(
            [
                row.Row.ToString(CultureInfo.InvariantCulture),
                row.Outcome.ToString(),
                row.RecordId?.ToString(CultureInfo.InvariantCulture) ?? "",
                row.Key,
                row.Name,
                Messages(row, IssueSeverity.Error),
                Messages(row, IssueSeverity.Warning),
            ]);
        }
    }

    /// <summary>"report-inventory-2026-12-03.csv" for an import of inventory.csv.</summary>
    public static string FileName(ImportReport report, ExportFormat format, DateOnly day) =>
        $"report-{Path.GetFileNameWithoutExtension(report.FileName)}-{day:yyyy-MM-dd}.{TableWriter.Extension(format)}";

    private static string Messages(ImportRowResult row, IssueSeverity severity) =>
        string.Join("\n", row.Issues.Where(i => i.Severity == severity).Select(i => i.Field.Length > 0 ? $"{i.Field}: {i.Message}" : i.Message));
}
