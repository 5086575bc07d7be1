using System.Net;
using System.Text;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.Identity;

namespace AiPolicyHub.Web.Tests.Api;

/// <summary>Starting an import through /api/v1/imports: a file in the body, a preset by name, the importer's all-or-nothing rules.</summary>
public sealed class ImportApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Header = "External id,Name,Vendor,Model or version,Deployment,Capabilities,Trains on our data,Retention (days),"
        + "Data residency,Data-processing agreement,Highest data classification,Approval status,Owner,Notes\n";

    private static string Path(bool dryRun = false) =>
        $"/api/v1/imports?preset={Uri.EscapeDataString(BuiltInPresets.ExportTools)}&fileName=tools.csv&dryRun={dryRun}";

    private static StringContent Csv(string rows) => new(Header + rows, Encoding.UTF8, "text/csv");

    [Fact]
    public async Task A_compliance_token_dry_runs_then_imports_a_csv_and_a_second_import_changes_nothing()
    {
        var client = app.ClientWith((await app.CreateTokenUserAsync(Roles.ComplianceOfficer)).Token);
        const string rows = "API-T-1,Imported through the API,Example Vendor,v2,Software as a service,Text,Does not train on our data,30,EU,Yes,Internal,Proposed,,\n";

        var dryRun = await ApiFixture.JsonOf(await client.PostAsync(Path(dryRun: true), Csv(rows)));
        var afterDryRun = await client.GetStringAsync("/api/v1/tools");
        var commit = await client.PostAsync(Path(), Csv(rows));
        var again = await ApiFixture.JsonOf(await client.PostAsync(Path(), Csv(rows)));

        Assert.Equal(1, dryRun.GetProperty("created").GetInt32());
        Assert.False(dryRun.GetProperty("committed").GetBoolean());
        Assert.DoesNotContain("Imported through the API", afterDryRun);
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);
        Assert.Equal(1, (await ApiFixture.JsonOf(commit)).GetProperty("created").GetInt32());
        Assert.Contains("Imported through the API", await client.GetStringAsync("/api/v1/tools"));
        Assert.Equal(0, again.GetProperty("created").GetInt32());
        Assert.Equal(1, again.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task A_file_with_a_rejected_row_imports_nothing_and_says_which_row_with_422()
    {
        var client = app.ClientWith((await app.CreateTokenUserAsync(Roles.ComplianceOfficer)).Token);
        const string rows = "API-T-2,Good row tool,Example Vendor,,Software as a service,Text,Does not train on our data,,,No,Internal,Proposed,,\n"
            + "API-T-3,Row without a vendor,,,Software as a service,Text,Does not train on our data,,,No,Internal,Proposed,,\n";

        var response = await client.PostAsync(Path(), Csv(rows));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var report = await ApiFixture.JsonOf(response);
        Assert.Equal(1, report.GetProperty("rejected").GetInt32());
        Assert.Contains(report.GetProperty("rowResults").EnumerateArray(), r => r.GetProperty("outcome").GetString() == "Rejected" && r.GetProperty("row").GetInt32() > 0);
        Assert.DoesNotContain("Good row tool", await client.GetStringAsync("/api/v1/tools"));
    }

    [Fact]
    public async Task A_dry_run_answers_with_the_status_the_same_import_would_get()
    {
        var client = app.ClientWith((await app.CreateTokenUserAsync(Roles.ComplianceOfficer)).Token);
        const string rows = "API-T-5,Dry run good tool,Example Vendor,,Software as a service,Text,Does not train on our data,,,No,Internal,Proposed,,\n"
            + "API-T-6,Dry run tool without a vendor,,,Software as a service,Text,Does not train on our data,,,No,Internal,Proposed,,\n";
        string PathWith(bool dryRun, bool skip) => Path(dryRun) + $"&skipRejectedRows={skip}";

        var dryRunSkipping = await client.PostAsync(PathWith(dryRun: true, skip: true), Csv(rows));
        var dryRunBlocked = await client.PostAsync(PathWith(dryRun: true, skip: false), Csv(rows));
        var blocked = await client.PostAsync(PathWith(dryRun: false, skip: false), Csv(rows));
        var skipping = await client.PostAsync(PathWith(dryRun: false, skip: true), Csv(rows));

        Assert.Equal(HttpStatusCode.OK, dryRunSkipping.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, dryRunBlocked.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, blocked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, skipping.StatusCode);
        var committed = await ApiFixture.JsonOf(skipping);
        Assert.StartsWith("Imported, except 1 rejected row", committed.GetProperty("summary").GetString());
        var refused = await ApiFixture.JsonOf(blocked);
        Assert.StartsWith("Nothing was imported: 1 of 2 rows has errors. Without the rejected rows, 1 tool would be created",
            refused.GetProperty("summary").GetString());
    }

    [Fact]
    public async Task A_staff_token_cannot_import_and_an_unknown_preset_is_a_field_error()
    {
        var staff = app.ClientWith((await app.CreateTokenUserAsync(Roles.Staff)).Token);
        var compliance = app.ClientWith((await app.CreateTokenUserAsync(Roles.ComplianceOfficer)).Token);

        var refused = await staff.PostAsync(Path(), Csv("API-T-4,Staff tool,Vendor,,Software as a service,Text,Does not train on our data,,,No,Internal,Proposed,,\n"));
        var unknown = await compliance.PostAsync("/api/v1/imports?preset=No+such+preset", Csv(""));
        var presets = await ApiFixture.JsonOf(await staff.GetAsync("/api/v1/imports/presets"));

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await ApiFixture.JsonOf(unknown)).GetProperty("errors").TryGetProperty("preset", out _));
        Assert.Contains(presets.EnumerateArray(), p => p.GetProperty("name").GetString() == BuiltInPresets.ExportTools);
    }
}
