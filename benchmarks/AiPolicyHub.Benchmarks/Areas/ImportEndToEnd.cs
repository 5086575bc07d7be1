using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using AiPolicyHub.Benchmarks.Measurement;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.ImportExport.Export;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Benchmarks.Areas;

/// <summary>
/// <c>import_4k_end_to_end</c>: a 4,000-row, 36-column register from upload to the downloadable report, through the calls the
/// import wizard makes in the order it makes them — the upload copied to a temporary file, the file inspected, the columns
/// suggested (checked against the stored users and levels), every value of the choice columns read over the whole file,
/// a dry run, the import, and the full report written as CSV. The rendering of the page is not in it.
/// </summary>
internal static class ImportEndToEnd
{
    public const int Rows = 4_000;
    public const int Columns = 36;

    public static async Task<TimeSpan> RunAsync(string databaseFolder, ClaimsPrincipal officer, string root, CancellationToken cancellationToken)
    {
        var source = Path.Combine(root, "register-4k.csv");
        await File.WriteAllTextAsync(source, Register(), Encoding.UTF8, cancellationToken);
        await using var services = CoreServices.For(new DatabaseOptions { DataFolder = databaseFolder });
        var importer = services.GetRequiredService<InventoryImporter>();

        var clock = Stopwatch.StartNew();
        // The upload: the browser's stream lands in a temporary file, as InputFile's does on the page.
        var upload = Path.GetTempFileName();
        try
        {
            await using (var input = File.OpenRead(source))
            await using (var output = File.Create(upload))
            {
                await input.CopyToAsync(output, cancellationToken);
            }
            var phases = new List<string> { $"upload {clock.Elapsed.TotalSeconds:F2}" };
            var draft = new ImportDraft();
            ImportInspection inspection;
            await using (var stream = File.OpenRead(upload))
            {
                inspection = InventoryImporter.Inspect(stream, "register-4k.csv", ImportTarget.Workflows, new SourceOptions());
            }
            phases.Add($"inspect {clock.Elapsed.TotalSeconds:F2}");
            draft.Source = new SourceOptions();
            draft.TakeSuggestions(await importer.SuggestAsync(ImportTarget.Workflows, inspection, cancellationToken));
            await using (var stream = File.OpenRead(upload))
            {
                var columns = draft.ValueFields().Select(f => draft[f.Key].Column).Distinct().ToList();
                var values = InventoryImporter.Values(stream, "register-4k.csv", draft.Source, columns);
                draft.MapRemaining(ImportFieldKey.Stage, values["Stage"].Values, "Production"); // "In use"
            }
            phases.Add($"suggestions+values {clock.Elapsed.TotalSeconds:F2}");
            draft[ImportFieldKey.ApprovingRole].Default = "Team lead";
            draft.Match = ImportMatch.Columns;
            draft.KeyColumns = ["Department", "Number"];
            draft.CreateMissingDepartments = draft.OwnerDefaultsToImporter = draft.ReviewDateFromCadence = true;

            foreach (var dryRun in new[] { true, false })
            {
                ImportReport report;
                await using (var stream = File.OpenRead(upload))
                {
                    report = await importer.ImportAsync(officer, stream,
                        new ImportRequest { FileName = "register-4k.csv", Mapping = draft.ToMapping(), DryRun = dryRun }, cancellationToken: cancellationToken);
                }
                if (report.Created != Rows || report.Committed == dryRun)
                {
                    throw new InvalidOperationException("The end-to-end import went wrong: " + report.Summary + " " +
                        string.Join(" | ", report.RowResults.Where(r => r.Outcome == RowOutcome.Rejected).Take(3).SelectMany(r => r.Issues).Select(i => i.Message)));
                }
                phases.Add($"{(dryRun ? "dry run" : "import")} {clock.Elapsed.TotalSeconds:F2}");
                if (!dryRun)
                {
                    await using var file = new MemoryStream();
                    ImportReportFile.Write(report, ExportFormat.Csv, file);
                }
            }
            phases.Add($"report file {clock.Elapsed.TotalSeconds:F2}");
            // Where the time goes (seconds since the upload began), for whoever wants to make it shorter.
            Console.Error.WriteLine("import_4k_end_to_end phases: " + string.Join(", ", phases));
            return clock.Elapsed;
        }
        finally
        {
            File.Delete(upload);
        }
    }

    /// <summary>Name, purpose, department, a per-department number, stage, data classification, and 30 answers to long questions.</summary>
    private static string Register()
    {
        string[] departments = ["Customer service", "Finance", "Human resources", "Legal", "Marketing", "Engineering"];
        string[] stages = ["Pilot", "Production", "In use", "Idea"];
        var headers = new List<string> { "Name", "Purpose", "Department", "Number", "Stage", "Data classification" };
        while (headers.Count < Columns)
        {
            headers.Add($"Question {headers.Count}: has the team documented how the output is checked before anyone relies on it?");
        }
        var text = new StringBuilder(string.Join(',', headers.Select(h => $"\"{h}\""))).Append("\r\n");
        var numbers = new int[departments.Length];
        for (var row = 0; row < Rows; row++)
        {
            var d = row % departments.Length;
            text.Append(CultureInfo.InvariantCulture, $"Use case {row + 1},\"Drafts replies for case {row + 1}.\nA colleague checks each draft.\",{departments[d]},{++numbers[d]},")
                .Append(stages[row % stages.Length]).Append(',').Append(row % 3 == 0 ? "Confidential" : "Internal");
            for (var q = 6; q < Columns; q++)
            {
                text.Append(',').Append((row + q) % 4 == 0 ? "No" : "\"Yes, by a second person\"");
            }
            text.Append("\r\n");
        }
        return text.ToString();
    }
}
