using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Web.Components.Pages.Import;

namespace AiPolicyHub.Components.Tests.Import;

public sealed class ImportValuesStepTests : ComponentTest
{
    private static readonly string LongStage =
        "Acquisition and/or Development: the use case is being procured or built and has not yet been deployed to production users";

    private IRenderedComponent<ImportValuesStep> Render(params ColumnValue[] values)
    {
        var draft = new ImportDraft();
        draft[ImportFieldKey.Stage].Column = "stage";
        return Render<ImportValuesStep>(p => p.Add(v => v.Draft, draft)
            .Add(v => v.Values, new Dictionary<string, ColumnValues> { ["stage"] = new(values, values.Length) }));
    }

    [Fact]
    public void A_long_value_is_shortened_in_the_list_and_shown_whole_on_demand()
    {
        var step = Render(new ColumnValue(LongStage, 1_366), new ColumnValue("Pilot", 10));

        Assert.DoesNotContain(LongStage, step.Find("table").TextContent);
        step.FindAll("button").Single(b => b.TextContent.Contains($"Show all {LongStage.Length} characters")).Click();

        Assert.Contains(LongStage, step.Find("table").TextContent);
        Assert.Contains("1,366", step.Find("table").TextContent);
    }

    [Fact]
    public void Search_narrows_the_list_and_a_typed_value_is_mapped_too()
    {
        var step = Render(new ColumnValue("Pilot", 10), new ColumnValue("In production", 7), new ColumnValue("Operation and Maintenance", 4));

        step.Find("#v-search").Input("oper");
        Assert.Single(step.FindAll("table[aria-label=Values] tbody tr"));
        step.Find("#v-typed").Input("Retired in 2024");
        step.Find("#v-typed-to").Change("Retired");
        step.FindAll("button").Single(b => b.TextContent.Trim() == "Add the value").Click();

        Assert.Contains("“Retired in 2024” maps to Retired.", step.Markup);
    }

    [Fact]
    public void Map_all_remaining_reaches_every_unmapped_value_that_is_not_already_a_choice()
    {
        var step = Render(new ColumnValue("Pilot", 10), new ColumnValue("In production", 7), new ColumnValue("Operation and Maintenance", 4));

        step.Find("#v-remaining").Change("Production");
        step.FindAll("button").Single(b => b.TextContent.Trim() == "Map the remaining values").Click();

        Assert.Contains("2 values now map to Production.", step.Markup);
        Assert.Contains("3 distinct values in the whole file, 2 mapped.", step.Find("[data-testid=values-count]").TextContent);
    }
}
