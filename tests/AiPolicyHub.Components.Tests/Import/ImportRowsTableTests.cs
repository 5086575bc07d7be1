using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Web.Components.Pages.Import;

namespace AiPolicyHub.Components.Tests.Import;

public sealed class ImportRowsTableTests : ComponentTest
{
    private static List<ImportRowResult> Rows(int count) =>
        Enumerable.Range(2, count).Select(n => new ImportRowResult(n, RowOutcome.Created, "", $"Workflow of row {n}", [], RecordId: n * 10)).ToList();

    [Fact]
    public void The_report_pages_through_every_row_of_the_file()
    {
        var table = Render<ImportRowsTable>(p => p.Add(t => t.Rows, Rows(60)).Add(t => t.Committed, true));

        Assert.Equal("Rows 1–25 of 60.", table.Find("[data-testid=rows-shown]").TextContent);
        table.FindAll("button").Single(b => b.TextContent.Trim() == "Next rows").Click();
        table.FindAll("button").Single(b => b.TextContent.Trim() == "Next rows").Click();

        Assert.Equal("Rows 51–60 of 60.", table.Find("[data-testid=rows-shown]").TextContent);
        Assert.Contains("Workflow of row 61", table.Find("table").TextContent);
        Assert.Contains("Workflow 610", table.Find("table").TextContent);
    }

    [Fact]
    public void A_large_report_opens_on_its_problem_rows_and_a_dry_run_names_no_record_ids()
    {
        var rows = Rows(100);
        rows[70] = rows[70] with { Outcome = RowOutcome.Rejected, Issues = [new ImportIssue(72, "Stage", IssueSeverity.Error, "\"Ideation\" is not one of Idea, Pilot.")] };

        var table = Render<ImportRowsTable>(p => p.Add(t => t.Rows, rows).Add(t => t.Committed, false));

        Assert.Equal("Rows 1–1 of 1 with errors or warnings (100 in all).", table.Find("[data-testid=rows-shown]").TextContent);
        Assert.Contains("Error (Lifecycle stage): \"Ideation\" is not one of Idea, Pilot.", table.Find("table").TextContent);
        table.Find("input[type=checkbox]").Change(false);
        Assert.Contains("new", table.FindAll("tbody tr")[0].TextContent);
        Assert.DoesNotContain("Workflow 20", table.Find("table").TextContent);
    }
}
