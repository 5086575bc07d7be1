using System.Text;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.ImportExport;

/// <summary>
/// How a large import writes: new rows go in many per statement, audit entries too, and on SQLite the search index of the
/// new rows is built in one statement right after the commit (search catches up within seconds). What a user would notice if that went wrong: a workflow that search does not find,
/// an audit entry or a tool link on the wrong workflow, a broken audit chain.
/// </summary>
public class ImportWriteTests
{
    // More rows than one batch (200) and than one statement, with a remainder, so every boundary is crossed.
    private const int Rows = 1_237;

    private static string Csv(int rows, Func<int, string> purpose, string? tools = null) =>
        "id,name,purpose,tools\r\n" + string.Concat(Enumerable.Range(1, rows).Select(i =>
            $"W-{i},Workflow number {i},\"{purpose(i)}\",{(tools is null ? "" : ToolOf(i, tools.Split('|')))}\r\n"));

    private static string ToolOf(int row, string[] tools) => row % 4 == 0 ? "" : tools[row % tools.Length];

    private static ImportMapping MappingWithTools => ImportTestKit.SimpleMapping with
    {
        Fields = [.. ImportTestKit.SimpleMapping.Fields, new FieldMapping { Field = ImportFieldKey.Tools, Columns = ["tools"] }],
    };

    [Fact]
    public async Task Imported_workflows_are_found_by_search_and_so_are_workflows_saved_after_a_dry_run_and_after_the_import()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var csv = Csv(Rows, i => i % 100 == 0 ? $"Routes quokka tickets, case {i}" : $"Summarises meeting notes, case {i}");
        var department = await kit.Services.AddDepartmentAsync("Search checks");
        var level = await kit.Services.ClassificationIdAsync("Internal");

        var dryRun = await kit.ImportTextAsync(csv, ImportTestKit.SimpleMapping, dryRun: true);
        Assert.False(dryRun.Committed);
        await kit.Services.AddWorkflowsAsync([Saved("Quokka feeding schedule", department, level)]);
        var imported = await kit.ImportTextAsync(csv, ImportTestKit.SimpleMapping);
        Assert.True(imported.Committed, imported.Summary);
        // On SQLite search indexes the new workflows right after the commit, and the summary says so; PostgreSQL's at once.
        Assert.Equal(!kit.Services.Database.IsPostgres, imported.Summary.EndsWith(InventoryImporter.SearchCatchingUp, StringComparison.Ordinal));
        await kit.Services.AddWorkflowsAsync([Saved("Quokka census", department, level)]);
        await kit.Services.Provider.GetRequiredService<SearchCatchUp>().CaughtUp;

        var found = await kit.Services.Workflows.ListAsync(new WorkflowListQuery(Search: "QUOKKA", Take: 100));
        var expected = Enumerable.Range(1, Rows).Where(i => i % 100 == 0).Select(i => $"Workflow number {i}")
            .Append("Quokka feeding schedule").Append("Quokka census").Order().ToList();
        Assert.Equal(expected, found.Items.Select(i => i.Name).Order().ToList());
        // A substring, as the search box finds it, in the last row of the file.
        Assert.Equal([$"Workflow number {Rows}"], (await kit.Services.Workflows.ListAsync(new WorkflowListQuery(Search: $"case {Rows}"))).Items.Select(i => i.Name));
    }

    [Fact]
    public async Task After_an_import_and_its_catch_up_the_write_ahead_log_is_copied_into_the_database_and_connections_checkpoint_as_before()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var imported = await kit.ImportTextAsync(Csv(Rows, i => $"Summarises meeting notes, case {i}"), ImportTestKit.SimpleMapping);
        Assert.True(imported.Committed, imported.Summary);
        await kit.Services.Provider.GetRequiredService<SearchCatchUp>().CaughtUp;
        await using var db = await kit.Services.DbAsync();
        if (!db.Database.IsSqlite())
        {
            return; // no write-ahead log to copy
        }
        await db.Database.OpenConnectionAsync();
        // The import's commit left the copy to the catch-up, which did it: nothing is left in the log to copy.
        var checkpoint = await Row(db, "PRAGMA wal_checkpoint(PASSIVE)");
        Assert.Equal(0L, checkpoint[0]);
        Assert.Equal(checkpoint[1], checkpoint[2]);
        // The pooled connections copy after their own commits again (SQLite's default of 1,000 pages).
        Assert.Equal(1000L, (await Row(db, "PRAGMA wal_autocheckpoint"))[0]);
        Assert.Equal(Rows, await db.Workflows.CountAsync());
    }

    private static async Task<long[]> Row(AppDbContext db, string sql)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetInt64).ToArray();
    }

    [Fact]
    public async Task A_workflow_renamed_or_deleted_before_search_caught_up_leaves_the_index_intact_and_is_found_by_its_new_name()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var imported = await kit.ImportTextAsync(Csv(3, i => $"Summarises meeting notes, case {i}"), ImportTestKit.SimpleMapping);
        Assert.True(imported.Committed, imported.Summary);
        var catchUp = kit.Services.Provider.GetRequiredService<SearchCatchUp>();
        await catchUp.CaughtUp;
        await using var db = await kit.Services.DbAsync();
        if (!db.Database.IsSqlite())
        {
            return; // PostgreSQL's trigram indexes are ordinary indexes, never behind
        }
        var ids = await db.Workflows.OrderBy(w => w.Id).Select(w => w.Id).ToListAsync();
        // As just after an import's commit: the index does not hold these workflows yet.
        foreach (var id in ids)
        {
            await db.Database.ExecuteSqlAsync($"INSERT INTO \"WorkflowSearch\"(\"WorkflowSearch\", rowid, \"Name\", \"Purpose\") SELECT 'delete', \"Id\", \"Name\", \"Purpose\" FROM \"Workflows\" WHERE \"Id\" = {id}");
        }

        await db.Database.ExecuteSqlAsync($"UPDATE \"Workflows\" SET \"Name\" = 'Renamed wombat workflow' WHERE \"Id\" = {ids[0]}");
        await db.WorkflowTools.Where(t => t.WorkflowId == ids[1]).ExecuteDeleteAsync();
        await db.Workflows.Where(w => w.Id == ids[1]).ExecuteDeleteAsync();
        await SearchCatchUp.IndexMissingAsync(db, 0, default);

        await db.Database.ExecuteSqlRawAsync("INSERT INTO \"WorkflowSearch\"(\"WorkflowSearch\") VALUES ('integrity-check')");
        Assert.Equal(["Renamed wombat workflow"], (await kit.Services.Workflows.ListAsync(new WorkflowListQuery(Search: "wombat"))).Items.Select(i => i.Name));
        Assert.Equal(["Renamed wombat workflow", "Workflow number 3"],
            (await kit.Services.Workflows.ListAsync(new WorkflowListQuery(Search: "meeting notes"))).Items.Select(i => i.Name).Order());
        Assert.Empty((await kit.Services.Workflows.ListAsync(new WorkflowListQuery(Search: "Workflow number 1"))).Items);
    }

    [Fact]
    public async Task Each_imported_workflow_gets_its_own_tools_and_its_own_audit_entry_and_the_audit_chain_stays_intact()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var tools = new[] { "Copilot", "Claude", "DeepL" };
        await using (var db = await kit.Services.DbAsync())
        {
            var level = await db.ClassificationLevels.FirstAsync(l => l.Name == "Confidential");
            db.Tools.AddRange(tools.Select(t => new AiTool { Name = t, Vendor = "Vendor of " + t, MaxClassificationId = level.Id, Version = 1 }));
            await db.SaveChangesAsync();
        }

        var report = await kit.ImportTextAsync(Csv(Rows, i => $"Purpose of row {i}", string.Join('|', tools)), MappingWithTools);

        Assert.True(report.Committed, report.Summary);
        Assert.Equal(Rows, report.Created);
        await using (var db = await kit.Services.DbAsync())
        {
            var workflows = await db.Workflows.AsNoTracking().Include(w => w.Tools).ThenInclude(t => t.Tool).ToListAsync();
            Assert.Equal(Rows, workflows.Count);
            var created = await db.AuditEntries.AsNoTracking()
                .Where(e => e.EntityType == WorkflowInventory.EntityType && e.Action == AuditAction.Created).ToListAsync();
            var entryOf = created.ToDictionary(e => e.EntityId);
            Assert.All(workflows, w =>
            {
                var row = int.Parse(w.ExternalId!["W-".Length..], System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal($"Workflow number {row}", w.Name);
                Assert.Equal($"Purpose of row {row}", w.Purpose);
                var tool = ToolOf(row, tools);
                Assert.Equal(tool.Length == 0 ? [] : new[] { tool }, w.Tools.Select(t => t.Tool!.Name).ToArray());
                var entry = entryOf[w.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)];
                Assert.Equal(w.Name, entry.EntityName);
                Assert.Contains($"Purpose of row {row}", entry.ChangesJson);
            });
            // The entries follow the file's order, and the import's own entry comes last.
            Assert.Equal(created.OrderBy(e => e.Id).Select(e => e.EntityName), Enumerable.Range(1, Rows).Select(i => $"Workflow number {i}"));
            var last = await db.AuditEntries.OrderByDescending(e => e.Id).FirstAsync();
            Assert.Equal(InventoryImporter.EntityType, last.EntityType);
            Assert.Equal(report.AuditEntryId, last.Id);
            var verification = await kit.Services.Audit.VerifyAsync(db);
            Assert.True(verification.Intact, verification.Message);
        }
    }

    private static ImportMapping MappingWithClassification => ImportTestKit.SimpleMapping with
    {
        Fields = [.. ImportTestKit.SimpleMapping.Fields.Where(f => f.Field != ImportFieldKey.DataClassification),
            new FieldMapping { Field = ImportFieldKey.DataClassification, Columns = ["classification"] }],
    };

    [Fact]
    public async Task Reimporting_more_sensitive_data_for_an_approved_workflow_sends_it_back_for_approval_with_the_reason()
    {
        await using var kit = await ImportTestKit.StartAsync();
        const string header = "id,name,purpose,classification\r\n";
        var first = await kit.ImportTextAsync(header + "W-1,Ticket triage,Routes tickets,Internal\r\nW-2,Meeting notes,Summarises notes,Internal\r\n",
            MappingWithClassification);
        Assert.True(first.Committed, first.Summary);
        await using (var db = await kit.Services.DbAsync())
        {
            await db.Workflows.ExecuteUpdateAsync(u => u.SetProperty(w => w.Status, WorkflowStatus.Approved));
        }

        var second = await kit.ImportTextAsync(header + "W-1,Ticket triage,Routes tickets,Confidential\r\nW-2,Meeting notes,Summarises notes,Internal\r\n",
            MappingWithClassification);

        Assert.True(second.Committed, second.Summary);
        Assert.Equal((1, 1, 0), (second.Updated, second.Unchanged, second.Created));
        var warning = Assert.Single(second.RowResults.Single(r => r.Row == 2).Issues, i => i.Field == nameof(ImportFieldKey.Status));
        Assert.Contains("goes back to compliance for approval", warning.Message);
        await using (var db = await kit.Services.DbAsync())
        {
            var changed = await db.Workflows.Include(w => w.DataClassification).SingleAsync(w => w.ExternalId == "W-1");
            Assert.Equal((WorkflowStatus.Submitted, "Confidential", 2), (changed.Status, changed.DataClassification!.Name, changed.Version));
            var untouched = await db.Workflows.SingleAsync(w => w.ExternalId == "W-2");
            Assert.Equal((WorkflowStatus.Approved, 1), (untouched.Status, untouched.Version));
            var entry = await db.AuditEntries.Where(e => e.EntityId == changed.Id.ToString() && e.Action == AuditAction.Changed).SingleAsync();
            Assert.Contains(AiPolicyHub.Core.Approvals.MaterialChanges.ReopenedField, entry.ChangesJson);
        }
    }

    [Fact]
    public async Task A_row_gets_its_conversion_and_its_form_errors_in_one_pass()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var mapping = ImportTestKit.SimpleMapping with
        {
            Fields = [.. ImportTestKit.SimpleMapping.Fields, new FieldMapping { Field = ImportFieldKey.NextReviewDate, Columns = ["review"] }],
        };

        // The review date is not a date (a conversion error) and the purpose is missing (a form error): both are reported.
        var report = await kit.ImportTextAsync("id,name,purpose,review\r\nW-1,Ticket triage,,someday soon\r\n", mapping, dryRun: true);

        var errors = report.RowResults.Single().Issues.Where(i => i.Severity == IssueSeverity.Error).ToList();
        Assert.Contains(errors, i => i.Field == nameof(ImportFieldKey.NextReviewDate) && i.Message.Contains("someday soon"));
        Assert.Contains(errors, i => i.Field == nameof(ImportFieldKey.Purpose));
        // The date's own message is not repeated as "required".
        Assert.Single(errors, i => i.Field == nameof(ImportFieldKey.NextReviewDate));
    }

    [Fact]
    public async Task A_manager_cannot_update_by_import_a_workflow_of_a_department_they_do_not_manage_and_nothing_is_written()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var seeded = await kit.ImportTextAsync("id,name,purpose\r\nW-1,Ticket triage,Routes tickets\r\n", ImportTestKit.SimpleMapping);
        Assert.True(seeded.Committed, seeded.Summary);
        var sales = await kit.Services.AddDepartmentAsync("Sales");
        var manager = await kit.Services.CreateUserAsync("Sam Sales", AiPolicyHub.Core.Identity.Roles.Manager, sales);
        var before = await kit.SnapshotAsync();

        var report = await kit.ImportAsync(Encoding.UTF8.GetBytes("id,name,purpose\r\nW-1,Ticket triage,Routes tickets to sales\r\n"), "test.csv",
            ImportTestKit.SimpleMapping, as_: manager);

        Assert.False(report.Committed);
        Assert.Contains(report.RowResults.Single().Issues,
            i => i.Severity == IssueSeverity.Error && i.Message.Contains("of a department you do not manage"));
        Assert.Equal(before, await kit.SnapshotAsync());
    }

    [Fact]
    public async Task Two_keys_naming_the_same_stored_workflow_are_refused_on_the_second_row_and_nothing_is_written()
    {
        await using var kit = await ImportTestKit.StartAsync();
        await kit.Services.AddWorkflowsAsync([Saved("Ticket triage", await kit.Services.AddDepartmentAsync("Support"), await kit.Services.ClassificationIdAsync("Internal"))]);
        int id;
        await using (var db = await kit.Services.DbAsync())
        {
            id = await db.Workflows.Select(w => w.Id).SingleAsync();
        }
        var before = await kit.SnapshotAsync();

        var report = await kit.ImportTextAsync($"id,name,purpose\r\nAIPH-W-{id},Ticket triage,First change\r\nAIPH-W-0{id},Ticket triage,Second change\r\n",
            ImportTestKit.SimpleMapping);

        Assert.False(report.Committed);
        var refused = Assert.Single(report.RowResults, r => r.Outcome == RowOutcome.Rejected);
        Assert.Equal(3, refused.Row);
        Assert.Contains("Row 2 already updates the workflow \"Ticket triage\"", refused.Issues.Single().Message);
        Assert.Equal(before, await kit.SnapshotAsync());
    }

    [Fact]
    public async Task A_file_mixing_new_and_changed_workflows_leaves_audit_entries_in_the_files_order()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var seeded = await kit.ImportTextAsync("id,name,purpose\r\nW-2,Second,Old purpose\r\n", ImportTestKit.SimpleMapping);
        Assert.True(seeded.Committed, seeded.Summary);
        long after;
        await using (var db = await kit.Services.DbAsync())
        {
            after = await db.AuditEntries.MaxAsync(e => e.Id);
        }

        var report = await kit.ImportTextAsync("id,name,purpose\r\nW-1,First,New\r\nW-2,Second,New purpose\r\nW-3,Third,New\r\n", ImportTestKit.SimpleMapping);

        Assert.True(report.Committed, report.Summary);
        await using (var db = await kit.Services.DbAsync())
        {
            var entries = await db.AuditEntries.Where(e => e.Id > after).OrderBy(e => e.Id).Select(e => new { e.EntityName, e.Action }).ToListAsync();
            Assert.Equal(["First Created", "Second Changed", "Third Created", "test.csv Created"], entries.Select(e => $"{e.EntityName} {e.Action}"));
        }
    }

    private static Workflow Saved(string name, int department, int classification) => new()
    {
        Name = name, DepartmentId = department, Purpose = "Saved outside the import", DataClassificationId = classification,
        Oversight = HumanOversight.ReviewBeforeUse, ApprovingRole = "Team lead", Version = 1,
    };
}
