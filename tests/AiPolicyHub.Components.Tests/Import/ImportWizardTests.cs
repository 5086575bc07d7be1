using System.Text;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.Tests;
using AiPolicyHub.Web.Components.Pages.Import;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Components.Forms;

namespace AiPolicyHub.Components.Tests.Import;

/// <summary>The import wizard as a compliance officer walks through it, over a real test database.</summary>
public sealed class ImportWizardTests : ComponentTest
{
    private TestServices core = null!;

    public override async Task InitializeAsync()
    {
        core = await UseCoreAsync();
        await core.AddDepartmentAsync("Finance");
        var officer = await core.CreateUserAsync("Olivia Officer", Roles.ComplianceOfficer);
        Auth.SetAuthorized("Olivia Officer");
        Auth.SetRoles(Roles.ComplianceOfficer);
        Auth.SetClaims(new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, TestServices.UserId(officer)));
    }

    /// <summary>1,200 rows; the stage "Ideation" first appears on row 1,101, and "Neither" means no group of people is affected.</summary>
    private static string Inventory()
    {
        var text = new StringBuilder("name,purpose,stage,department,affects people,contact email\r\n");
        for (var i = 1; i <= 1_200; i++)
        {
            text.Append($"Use case {i},Helps with case {i},{(i > 1_100 ? "Ideation" : "Pilot")},Finance,{(i % 2 == 0 ? "Neither" : "Hiring")},someone{i}@agency.example\r\n");
        }
        return text.ToString();
    }

    private async Task<IRenderedComponent<ImportPage>> UploadAsync()
    {
        var page = Render<ImportPage>();
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Inventory(), "inventory.csv"));
        page.WaitForAssertion(() => Assert.Contains("column names in row 1: 6 columns", page.Find("[data-testid=detected]").TextContent), TimeSpan.FromSeconds(20));
        await Task.CompletedTask;
        return page;
    }

    /// <summary>Clicks the button once the step shows it enabled (a step may still be working out what it shows).</summary>
    private static void Click(IRenderedComponent<ImportPage> page, string text)
    {
        // Found and clicked in one turn of the renderer: a render between the two would leave the click on a stale handler.
        page.WaitForAssertion(() => page.InvokeAsync(() =>
                page.FindAll("button").First(b => b.TextContent.Trim() == text && !b.HasAttribute("disabled")).Click()).GetAwaiter().GetResult(),
            TimeSpan.FromSeconds(20));
    }

    /// <summary>The select a value of the values step is mapped with (its label is the value).</summary>
    private static IElement ValueSelect(IRenderedComponent<ImportPage> page, string value) =>
        page.Find("#" + page.FindAll("table[aria-label=Values] label").Single(l => l.TextContent.Trim() == value).GetAttribute("for"));

    private static void ToValues(IRenderedComponent<ImportPage> page)
    {
        Click(page, "Next"); // columns
        page.Find("input[aria-label='Data classification when empty']").Change("Internal");
        page.Find("input[aria-label='Approving role when empty']").Change("Team lead");
        Click(page, "Next"); // values
        page.WaitForAssertion(() => page.Find("table[aria-label=Values]"), TimeSpan.FromSeconds(20));
    }

    private static void DryRun(IRenderedComponent<ImportPage> page)
    {
        Click(page, "Next"); // key
        Click(page, "Next"); // dry run
        Click(page, "Dry run");
        page.WaitForAssertion(() => Assert.Contains("Dry run", page.Find("[data-testid=import-summary]").TextContent), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_value_first_seen_after_row_1000_is_listed_with_its_count_and_once_mapped_no_row_is_rejected()
    {
        var page = await UploadAsync();
        ToValues(page);

        Assert.Contains("100", ValueSelect(page, "Ideation").Closest("tr")!.TextContent);
        ValueSelect(page, "Ideation").Change("Idea");
        DryRun(page);

        Assert.Contains("1,200 workflows created, 0 updated, 0 unchanged, 0 rejected", page.Find("[data-testid=import-summary]").TextContent);
    }

    [Fact]
    public async Task A_multi_choice_field_offers_None_for_a_value_that_means_none()
    {
        var page = await UploadAsync();
        Click(page, "Next");
        page.Find("#map-AffectsPeople").Change("affects people");
        page.Find("input[aria-label='Data classification when empty']").Change("Internal");
        page.Find("input[aria-label='Approving role when empty']").Change("Team lead");
        Click(page, "Next");
        page.WaitForAssertion(() => page.Find("#v-field"), TimeSpan.FromSeconds(20));
        page.WaitForAssertion(() =>
        {
            page.Find("#v-field").Change(nameof(ImportFieldKey.AffectsPeople));
            Assert.Contains(page.FindAll("table[aria-label=Values] label"), l => l.TextContent.Trim() == "Neither");
        }, TimeSpan.FromSeconds(10));

        var neither = ValueSelect(page, "Neither");
        Assert.Contains(neither.QuerySelectorAll("option"), o => o.TextContent == "None");
        neither.Change("None");
        page.Find("#v-field").Change(nameof(ImportFieldKey.Stage));
        ValueSelect(page, "Ideation").Change("Idea");
        DryRun(page);

        Assert.Contains("0 rejected", page.Find("[data-testid=import-summary]").TextContent);
    }

    [Fact]
    public async Task An_unsure_suggestion_is_shown_with_its_samples_but_not_chosen_while_a_sure_one_is()
    {
        var page = await UploadAsync();
        Click(page, "Next");

        Assert.Equal("name", page.Find("#map-Name").GetAttribute("value"));
        Assert.Equal("", page.Find("#map-Owner").GetAttribute("value") ?? "");
        var owner = page.Find("#map-Owner").Closest("tr")!.TextContent;
        Assert.Contains("Unsure", owner);
        Assert.Contains("contact email", owner);
        Assert.Contains("someone1@agency.example", owner);
    }

    [Fact]
    public async Task Rows_without_a_key_are_warned_about_and_the_import_waits_for_a_decision()
    {
        var page = await UploadAsync();
        ToValues(page);
        ValueSelect(page, "Ideation").Change("Idea");
        DryRun(page);

        Assert.Contains("1,200 new rows have no key", page.Find("[data-testid=key-warning]").TextContent);
        Assert.DoesNotContain(page.FindAll("button"), b => b.TextContent.Trim() == "Import" && !b.HasAttribute("disabled"));
        page.FindAll("label").Single(l => l.TextContent.Contains("Import anyway")).QuerySelector("input")!.Change(true);
        // Events after a background run can be dispatched after a render still in flight: wait for the markup to catch up.
        page.WaitForAssertion(() => Assert.Contains(page.FindAll("button"), b => b.TextContent.Trim() == "Import" && !b.HasAttribute("disabled")));
    }
}
