using AiPolicyHub.Core.ImportExport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.ImportExport;

/// <summary>How rows find the records they update when the file is matched by name.</summary>
public sealed class ImportKeyTests
{
    private static ImportMapping ByName(bool truncate = false) => new()
    {
        Target = ImportTarget.Workflows,
        Match = ImportMatch.Name,
        CreateMissingDepartments = true,
        Fields =
        [
            new FieldMapping { Field = ImportFieldKey.Name, Columns = ["name"], Truncate = truncate },
            new FieldMapping { Field = ImportFieldKey.Purpose, Columns = ["purpose"] },
            new FieldMapping { Field = ImportFieldKey.Department, Columns = ["department"] },
            new FieldMapping { Field = ImportFieldKey.DataClassification, Default = "Internal" },
            new FieldMapping { Field = ImportFieldKey.ApprovingRole, Default = "Team lead" },
        ],
    };

    [Fact]
    public async Task A_name_longer_than_the_stored_limit_reimports_as_unchanged()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var longName = "Screening of incoming supplier invoices " + new string('x', 300);
        var csv = $"name,purpose,department\r\n\"{longName}\",Checks invoices,Finance\r\n";

        var first = await kit.ImportTextAsync(csv, ByName(truncate: true));
        var second = await kit.ImportTextAsync(csv, ByName(truncate: true));

        Assert.Equal(1, first.Created);
        Assert.Equal(0, second.Created);
        Assert.Equal(1, second.Unchanged);
    }

    [Fact]
    public async Task The_same_name_in_two_departments_gives_two_records_and_a_second_import_creates_nothing()
    {
        await using var kit = await ImportTestKit.StartAsync();
        const string csv = "name,purpose,department\r\nMeeting notes,Summarises meetings,Finance\r\nMeeting notes,Summarises meetings,Sales\r\n";

        var first = await kit.ImportTextAsync(csv, ByName());
        var second = await kit.ImportTextAsync(csv, ByName());

        Assert.True(first.Committed, first.Summary);
        Assert.Equal(2, first.Created);
        Assert.Equal(0, second.Created);
        Assert.Equal(2, second.Unchanged);
    }

    [Fact]
    public async Task The_same_name_twice_in_one_department_is_refused_under_the_name_column()
    {
        await using var kit = await ImportTestKit.StartAsync();
        const string csv = "name,purpose,department\r\nMeeting notes,Summarises meetings,Finance\r\nMeeting notes,Again,Finance\r\n";

        var report = await kit.ImportTextAsync(csv, ByName(), dryRun: true);

        var issue = Assert.Single(report.RowResults.Single(r => r.Outcome == RowOutcome.Rejected).Issues);
        Assert.Equal(nameof(ImportFieldKey.Name), issue.Field);
        Assert.Contains("\"Meeting notes\" in Finance is also in row 2", issue.Message);
    }

    [Fact]
    public async Task Matching_by_name_leaves_the_external_id_empty()
    {
        await using var kit = await ImportTestKit.StartAsync();

        var report = await kit.ImportTextAsync("name,purpose,department\r\nTicket triage,Routes tickets,Support\r\n", ByName());

        Assert.True(report.Committed, report.Summary);
        await using var db = await kit.Services.DbAsync();
        Assert.Null((await db.Workflows.SingleAsync(w => w.Name == "Ticket triage")).ExternalId);
    }

    private static ImportMapping ById => ByName() with
    {
        Match = ImportMatch.ExternalId,
        Fields = [.. ByName().Fields, new FieldMapping { Field = ImportFieldKey.ExternalId, Columns = ["id"] }],
    };

    [Fact]
    public async Task An_id_that_names_a_stored_workflow_under_another_name_and_department_is_warned_about()
    {
        await using var kit = await ImportTestKit.StartAsync();
        await kit.ImportTextAsync("id,name,purpose,department\r\n17,Invoice checks,Checks invoices,Finance\r\n", ById);

        var report = await kit.ImportTextAsync("id,name,purpose,department\r\n17,Visa screening,Screens visas,Home Office\r\n", ById, dryRun: true);

        var warning = Assert.Single(report.RowResults.Single().Issues, i => i.Severity == IssueSeverity.Warning && i.Message.Contains("names the stored workflow"));
        Assert.Contains("\"Invoice checks\" (Finance): this row renames it to \"Visa screening\" and moves it to Home Office", warning.Message);
    }

    [Fact]
    public async Task Rows_of_a_file_without_an_id_column_are_warned_that_a_second_import_adds_them_again()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var withoutId = ByName() with { Match = ImportMatch.ExternalId };

        var report = await kit.ImportTextAsync("name,purpose,department\r\nTicket triage,Routes tickets,Support\r\n", withoutId, dryRun: true);

        Assert.Contains(report.RowResults.Single().Issues, i => i.Severity == IssueSeverity.Warning && i.Message.Contains("importing this file again will add this row again"));
    }

    /// <summary>A register without ids: several agencies number their own use cases, and one has no number at all.</summary>
    private const string WithoutIds =
        "agency,number,name,purpose,department\r\n" +
        "Home Office,1,Visa screening,Screens visas,Home Office\r\n" +
        "Treasury,1,Invoice checks,Checks invoices,Finance\r\n" +
        "Treasury,2,\"Meeting notes\nand minutes\",Summarises meetings,Finance\r\n";

    private static ImportMapping ByKey(ImportMatch match, params string[] columns) => ByName() with { Match = match, KeyColumns = columns };

    [Fact]
    public async Task Rows_without_an_id_are_warned_about_in_the_dry_run_summary_and_on_each_row()
    {
        await using var kit = await ImportTestKit.StartAsync();

        var report = await kit.ImportTextAsync(WithoutIds, ByName() with { Match = ImportMatch.ExternalId }, dryRun: true);

        Assert.Equal(3, report.RowsWithoutKey);
        Assert.Contains("3 new rows have no key: importing this file again will add them again", report.Summary);
        Assert.All(report.RowResults, r => Assert.Contains(r.Issues, i => i.Severity == IssueSeverity.Warning && i.Message.Contains("will add this row again")));
    }

    [Theory]
    [InlineData(ImportMatch.Columns)]
    [InlineData(ImportMatch.Fingerprint)]
    public async Task With_a_key_made_of_chosen_columns_a_second_import_creates_nothing(ImportMatch match)
    {
        await using var kit = await ImportTestKit.StartAsync();
        var mapping = ByKey(match, "agency", "number");

        var first = await kit.ImportTextAsync(WithoutIds, mapping);
        var again = await kit.ImportTextAsync(WithoutIds, mapping, dryRun: true);
        var second = await kit.ImportTextAsync(WithoutIds, mapping);

        Assert.True(first.Committed, first.Summary);
        Assert.Equal(3, first.Created);
        Assert.Equal(0, first.RowsWithoutKey);
        Assert.DoesNotContain("no key", again.Summary);
        Assert.Equal(0, second.Created);
        Assert.Equal(3, second.Unchanged);
        await using var db = await kit.Services.DbAsync();
        Assert.Equal(3, await db.Workflows.CountAsync());
        // The key is the record's own; the external id stays for ids from an id column.
        Assert.All(await db.Workflows.ToListAsync(), w => { Assert.Null(w.ExternalId); Assert.NotNull(w.ImportKey); });
    }

    [Fact]
    public async Task A_changed_purpose_updates_the_record_its_combined_key_names()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var mapping = ByKey(ImportMatch.Columns, "agency", "number");
        await kit.ImportTextAsync(WithoutIds, mapping);

        var report = await kit.ImportTextAsync(WithoutIds.Replace("Checks invoices", "Checks supplier invoices"), mapping);

        Assert.Equal((0, 1, 2), (report.Created, report.Updated, report.Unchanged));
        await using var db = await kit.Services.DbAsync();
        Assert.Equal("Checks supplier invoices", (await db.Workflows.SingleAsync(w => w.Name == "Invoice checks")).Purpose);
    }

    [Fact]
    public async Task A_combined_key_that_now_names_another_workflow_is_warned_about_in_the_summary()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var mapping = ByKey(ImportMatch.Columns, "agency", "number");
        await kit.ImportTextAsync(WithoutIds, mapping);

        var report = await kit.ImportTextAsync("agency,number,name,purpose,department\r\nTreasury,1,Payroll bot,Runs payroll,Finance\r\n", mapping, dryRun: true);

        Assert.Equal(1, report.Reidentified);
        Assert.Contains("1 row's key names a stored record under another name or department", report.Summary);
        var warning = Assert.Single(report.RowResults.Single().Issues, i => i.Severity == IssueSeverity.Warning);
        Assert.Contains("The key \"Treasury / 1\" (agency + number) names the stored workflow \"Invoice checks\"", warning.Message);
    }

    [Fact]
    public async Task Two_rows_with_the_same_fingerprint_are_refused_as_one_record_twice()
    {
        await using var kit = await ImportTestKit.StartAsync();

        var report = await kit.ImportTextAsync(WithoutIds + "treasury,  2 ,Meeting notes again,Summarises,Finance\r\n",
            ByKey(ImportMatch.Fingerprint, "agency", "number"), dryRun: true);

        var issue = Assert.Single(report.RowResults.Single(r => r.Outcome == RowOutcome.Rejected).Issues);
        Assert.Equal("Key", issue.Field);
        Assert.Contains("The fingerprint of agency, number is also in row 4", issue.Message);
    }

    [Fact]
    public async Task A_key_strategy_without_chosen_columns_is_refused_before_any_row()
    {
        await using var kit = await ImportTestKit.StartAsync();

        var report = await kit.ImportTextAsync(WithoutIds, ByKey(ImportMatch.Columns), dryRun: true);

        Assert.Contains("Choose the columns that together identify a record", Assert.Single(report.FileErrors));
        Assert.False(report.Succeeded);
    }

    [Fact]
    public async Task A_saved_preset_keeps_its_key_columns_so_an_import_with_it_matches_the_same_way()
    {
        await using var kit = await ImportTestKit.StartAsync();
        var presets = kit.Services.Provider.GetRequiredService<ImportPresets>();

        Assert.True((await presets.SaveAsync(kit.Officer, "Register by agency", ByKey(ImportMatch.Fingerprint, "agency", "number"))).Succeeded);
        var saved = (await presets.FindAsync("Register by agency"))!.Mapping;
        await kit.ImportTextAsync(WithoutIds, saved);
        var second = await kit.ImportTextAsync(WithoutIds, saved);

        Assert.Equal(ImportMatch.Fingerprint, saved.Match);
        Assert.Equal(["agency", "number"], saved.KeyColumns);
        Assert.Equal(0, second.Created);
    }
}
