using AiPolicyHub.Core.ImportExport;
using Microsoft.EntityFrameworkCore;

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
}
