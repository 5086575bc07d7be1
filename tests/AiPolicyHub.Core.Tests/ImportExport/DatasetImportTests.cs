using System.Text.Json;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.ImportExport;

/// <summary>Acceptance 1: the real inventories in the shared datasets import with their presets, readably, and only once.</summary>
public class DatasetImportTests
{
    [Fact]
    public async Task The_US_federal_inventory_creates_one_workflow_per_row_and_a_second_import_creates_nothing()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var file = await File.ReadAllBytesAsync(ImportTestKit.DatasetPath("us-federal-ai-inventory-2023", "2023_consolidated_ai_inventory_raw.csv"));

        var first = await kit.ImportAsync(file, "2023_consolidated_ai_inventory_raw.csv", BuiltInPresets.UsFederal.Mapping);

        Assert.True(first.Committed, first.Summary + string.Join(" | ", first.RowResults.Where(r => r.Outcome == RowOutcome.Rejected).Take(5)
            .SelectMany(r => r.Issues).Select(i => $"{i.Row}: {i.Message}")));
        Assert.Equal(710, first.Rows);
        Assert.Equal(710, first.Created);
        Assert.Equal("utf-8", first.DetectedEncoding);
        await using (var db = await kit.Services.DbAsync())
        {
            Assert.Equal(710, await db.Workflows.CountAsync());
            Assert.Equal(21, first.DepartmentsCreated.Count);
            var synthetic = await db.Workflows.SingleAsync(w => w.ExternalId == "DHS-0000-2023");
            Assert.Equal("AI Curated Synthetic Data", synthetic.Name);
            // The multi-line summary keeps its line breaks; the agency follows under its column name.
            Assert.StartsWith("AI Curated Synthetic Data creates synthetic data", synthetic.Purpose);
            Assert.Contains("\n\nSpecifically, it creates", synthetic.Purpose);
            Assert.Contains("Agency: Customs and Border Protection", synthetic.Purpose);
            Assert.DoesNotContain(await db.Workflows.Select(w => w.Name + w.Purpose).ToListAsync(), t => t.Contains("â€") || t.Contains("Ã"));
            // "Operation and Maintenance" (91), "In-use" (27) and the other in-production wordings became Production.
            Assert.Equal(91 + 26 + 27 + 6 + 1 + 1 + 3 + 2 + 1 + 1, await db.Workflows.CountAsync(w => w.Stage == LifecycleStage.Production));
            Assert.Equal(321 + 74 + 7 + 1, await db.Workflows.CountAsync(w => w.Stage == LifecycleStage.Idea));
        }

        var second = await kit.ImportAsync(file, "2023_consolidated_ai_inventory_raw.csv", BuiltInPresets.UsFederal.Mapping);

        Assert.True(second.Committed, second.Summary);
        Assert.Equal(0, second.Created);
        Assert.Equal(710, second.Unchanged);
        await using (var db = await kit.Services.DbAsync())
        {
            Assert.Equal(710, await db.Workflows.CountAsync());
            Assert.Equal(22, await db.Departments.CountAsync()); // General + the 21 departments of the file
        }
    }

    [Fact]
    public async Task The_Dutch_algorithm_register_creates_one_workflow_per_record_with_its_Dutch_text_intact_and_only_once()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var path = ImportTestKit.DatasetPath("nl-algoritmeregister", "algoritmes.json");
        var file = await File.ReadAllBytesAsync(path);
        using var source = JsonDocument.Parse(file);
        var records = source.RootElement.GetProperty("algoritmes").EnumerateArray().ToList();

        var first = await kit.ImportAsync(file, "algoritmes.json", BuiltInPresets.Dutch.Mapping);

        Assert.True(first.Committed, first.Summary + string.Join(" | ", first.RowResults.Where(r => r.Outcome == RowOutcome.Rejected).Take(5)
            .SelectMany(r => r.Issues).Select(i => $"{i.Row}: {i.Message}")));
        Assert.Equal(records.Count, first.Created);
        await using (var db = await kit.Services.DbAsync())
        {
            Assert.Equal(1530, await db.Workflows.CountAsync());
            var sample = records[0];
            var stored = await db.Workflows.Include(w => w.Department).SingleAsync(w => w.ExternalId == sample.GetProperty("id").GetString());
            Assert.Equal(sample.GetProperty("title").GetString(), stored.Name);
            Assert.Equal(sample.GetProperty("organisatie").GetString(), stored.Department!.Name);
            Assert.StartsWith(sample.GetProperty("doel").GetString()!, stored.Purpose);
            // Every non-ASCII title survives exactly (ë é ï ö, curly quotes, U+2011, U+200B).
            var titles = records.ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("title").GetString()!);
            var names = await db.Workflows.ToDictionaryAsync(w => w.ExternalId!, w => w.Name);
            Assert.All(titles, t => Assert.Equal(t.Value.Trim(), names[t.Key]));
            Assert.Equal(records.Count(r => r.GetProperty("status").GetString() == "ontwikkeling"),
                await db.Workflows.CountAsync(w => w.Stage == LifecycleStage.Pilot));
        }

        var second = await kit.ImportAsync(file, "algoritmes.json", BuiltInPresets.Dutch.Mapping);

        Assert.Equal(0, second.Created);
        Assert.Equal(records.Count, second.Unchanged);
        await using (var db = await kit.Services.DbAsync())
        {
            Assert.Equal(1530, await db.Workflows.CountAsync());
        }
    }
}
