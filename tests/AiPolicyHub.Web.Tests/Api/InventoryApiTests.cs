using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiPolicyHub.Core.Identity;

namespace AiPolicyHub.Web.Tests.Api;

/// <summary>Reading and changing tools and workflows through /api/v1: the pages' roles, validation and version checks.</summary>
public sealed class InventoryApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, object?> NewTool(string name, int classificationId) => new()
    {
        ["name"] = name,
        ["vendor"] = "Example Vendor",
        ["deployment"] = "Saas",
        ["capabilities"] = "Text, Code",
        ["trainsOnOurData"] = "No",
        ["maxClassificationId"] = classificationId,
        ["approvalStatus"] = "Proposed",
    };

    [Fact]
    public async Task A_staff_token_reads_the_inventory_but_cannot_write_it()
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        var compliance = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var internalLevel = await app.ClassificationIdAsync("Internal");
        var created = await app.ClientWith(compliance.Token).PostJsonAsync("/api/v1/tools", NewTool("Staff read tool", internalLevel));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tool = await ApiFixture.JsonOf(created);
        var client = app.ClientWith(staff.Token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tools")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(created.Headers.Location)).StatusCode);
        var post = await client.PostJsonAsync("/api/v1/tools", NewTool("Staff's own tool", internalLevel));
        var body = NewTool("Renamed by staff", internalLevel);
        body["version"] = tool.GetProperty("version").GetInt32();
        var put = await client.PutAsJsonAsync(created.Headers.Location, body, ApiFixture.Json);
        var workflow = await client.PostJsonAsync("/api/v1/workflows", ApiFixture.NewWorkflow("Staff workflow", 1, internalLevel));

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, workflow.StatusCode);
        Assert.Equal("application/problem+json", put.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Staff read tool", (await ApiFixture.JsonOf(await client.GetAsync(created.Headers.Location))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Validation_errors_come_back_per_field_as_a_problem_and_nothing_is_saved()
    {
        var compliance = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var client = app.ClientWith(compliance.Token);
        var before = (await ApiFixture.JsonOf(await client.GetAsync("/api/v1/workflows?includeRetired=true"))).GetProperty("total").GetInt32();
        var body = ApiFixture.NewWorkflow("", 999_999, await app.ClassificationIdAsync("Internal"));
        body["oversight"] = "SpotCheck";
        body["spotCheckPercent"] = 0;

        var response = await client.PostJsonAsync("/api/v1/workflows", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ApiFixture.JsonOf(response)).GetProperty("errors");
        Assert.Equal(["departmentId", "name", "spotCheckPercent"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("Enter a name.", errors.GetProperty("name")[0].GetString());
        Assert.Equal(before, (await ApiFixture.JsonOf(await client.GetAsync("/api/v1/workflows?includeRetired=true"))).GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_stale_version_is_refused_with_412_for_if_match_and_409_for_the_body_and_a_missing_one_with_428()
    {
        var compliance = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var client = app.ClientWith(compliance.Token);
        var level = await app.ClassificationIdAsync("Internal");
        var created = await client.PostJsonAsync("/api/v1/tools", NewTool("Concurrency tool", level));
        var location = created.Headers.Location!;
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);

        // Someone saves version 1 first...
        var first = NewTool("Concurrency tool", level);
        first["notes"] = "First person's notes";
        var firstSave = await SendAsync(client, HttpMethod.Put, location, first, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, firstSave.StatusCode);
        Assert.Equal("\"2\"", firstSave.Headers.ETag?.Tag);

        // ...then a second client, still holding version 1, tries to save its change.
        var second = NewTool("Concurrency tool", level);
        second["notes"] = "Second person's notes";
        var withHeader = await SendAsync(client, HttpMethod.Put, location, second, ifMatch: "\"1\"");
        second["version"] = 1;
        var withBody = await SendAsync(client, HttpMethod.Put, location, second);
        second.Remove("version");
        var withNothing = await SendAsync(client, HttpMethod.Put, location, second);

        Assert.Equal(HttpStatusCode.PreconditionFailed, withHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, withBody.StatusCode);
        Assert.Equal((HttpStatusCode)428, withNothing.StatusCode);
        var problem = await ApiFixture.JsonOf(withBody);
        Assert.Equal(2, problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal(Roles.ComplianceOfficer, problem.GetProperty("changedBy").GetString());
        Assert.Equal("First person's notes", (await ApiFixture.JsonOf(await client.GetAsync(location))).GetProperty("notes").GetString());
    }

    [Fact]
    public async Task A_manager_changes_workflows_of_their_own_department_only()
    {
        var level = await app.ClassificationIdAsync("Internal");
        var own = await app.AddDepartmentAsync("Support " + Guid.NewGuid().ToString("N")[..6]);
        var other = await app.AddDepartmentAsync("Finance " + Guid.NewGuid().ToString("N")[..6]);
        var manager = await app.CreateTokenUserAsync(Roles.Manager, departmentIds: own);
        var compliance = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var client = app.ClientWith(manager.Token);
        var othersWorkflow = await app.ClientWith(compliance.Token).PostJsonAsync("/api/v1/workflows", ApiFixture.NewWorkflow("Invoice matching", other, level));
        Assert.Equal(HttpStatusCode.Created, othersWorkflow.StatusCode);

        var mine = await client.PostJsonAsync("/api/v1/workflows", ApiFixture.NewWorkflow("Reply drafts", own, level));
        var inOther = await client.PostJsonAsync("/api/v1/workflows", ApiFixture.NewWorkflow("Not mine", other, level));
        var change = ApiFixture.NewWorkflow("Invoice matching, renamed", other, level);
        change["version"] = 1;
        var changeOther = await client.PutAsJsonAsync(othersWorkflow.Headers.Location, change, ApiFixture.Json);
        var approveOwn = ApiFixture.NewWorkflow("Reply drafts", own, level);
        approveOwn["status"] = "Approved";
        approveOwn["version"] = 1;
        var approve = await client.PutAsJsonAsync(mine.Headers.Location, approveOwn, ApiFixture.Json);

        Assert.Equal(HttpStatusCode.Created, mine.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, inOther.StatusCode);
        Assert.True((await ApiFixture.JsonOf(inOther)).GetProperty("errors").TryGetProperty("departmentId", out _));
        Assert.Equal(HttpStatusCode.Forbidden, changeOther.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, approve.StatusCode);
        Assert.True((await ApiFixture.JsonOf(approve)).GetProperty("errors").TryGetProperty("status", out _));
    }

    [Fact]
    public async Task The_workflow_list_filters_and_pages_and_each_workflow_has_findings_and_risk()
    {
        var level = await app.ClassificationIdAsync("Confidential");
        var department = await app.AddDepartmentAsync("Paging " + Guid.NewGuid().ToString("N")[..6]);
        var compliance = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var client = app.ClientWith(compliance.Token);
        for (var i = 1; i <= 3; i++)
        {
            var body = ApiFixture.NewWorkflow($"Paged workflow {i}", department, level);
            body["autonomy"] = "ActAutomatically";
            body["oversight"] = "None";
            Assert.Equal(HttpStatusCode.Created, (await client.PostJsonAsync("/api/v1/workflows", body)).StatusCode);
        }

        var page = await ApiFixture.JsonOf(await client.GetAsync($"/api/v1/workflows?departmentId={department}&sort=Name&descending=true&skip=1&take=1"));
        var staffClient = app.ClientWith((await app.CreateTokenUserAsync(Roles.Staff)).Token);
        var id = page.GetProperty("items")[0].GetProperty("id").GetInt32();
        var findings = await staffClient.GetAsync($"/api/v1/workflows/{id}/findings");
        var risk = await staffClient.GetAsync($"/api/v1/workflows/{id}/risk");

        Assert.Equal(3, page.GetProperty("total").GetInt32());
        Assert.Equal("Paged workflow 2", page.GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.OK, findings.StatusCode);
        // Customer-facing output acted on automatically, with confidential data and nobody checking.
        Assert.Contains((await ApiFixture.JsonOf(findings)).EnumerateArray(), f => f.GetProperty("ruleId").GetString() is { Length: > 0 });
        Assert.Equal(HttpStatusCode.OK, risk.StatusCode);
        var assessment = (await ApiFixture.JsonOf(risk)).GetProperty("assessment");
        Assert.Contains(assessment.GetProperty("tier").GetString(), new[] { "High", "Critical" });
        Assert.True(assessment.GetProperty("residual").GetProperty("score").GetInt32() > 1);
        Assert.Equal(HttpStatusCode.OK, (await staffClient.GetAsync("/api/v1/findings")).StatusCode);
    }

    [Fact]
    public async Task Reports_download_through_the_api_with_the_roles_of_the_reports_page()
    {
        var staff = app.ClientWith((await app.CreateTokenUserAsync(Roles.Staff)).Token);

        var policy = await staff.GetAsync("/api/v1/reports/usage-policy.pdf");
        var register = await staff.GetAsync("/api/v1/reports/risk-register.pdf");

        Assert.Equal(HttpStatusCode.OK, policy.StatusCode);
        Assert.Equal("application/pdf", policy.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, register.StatusCode);
    }

    [Fact]
    public async Task A_body_that_is_not_json_of_the_right_shape_is_a_400_problem()
    {
        var compliance = app.ClientWith((await app.CreateTokenUserAsync(Roles.ComplianceOfficer)).Token);

        var response = await compliance.PostAsync("/api/v1/tools", new StringContent("{\"name\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, Uri location, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, location) { Content = JsonContent.Create(body, options: ApiFixture.Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request);
    }
}
