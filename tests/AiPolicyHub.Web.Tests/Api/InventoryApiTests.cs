using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiPolicyHub.Core.Identity;

namespace AiPolicyHub.Web.Tests.Api;

/// <summary>Reading and changing tools and workflows through /api/v1: the pages' roles, validation and version checks.</summary>
public sealed class InventoryApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_staff_token_reads_the_inventory_but_cannot_write_it()
    {
        var staff = await app.CreateTokenUserAsync(Roles.Staff);
        var compliance = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var internalLevel = await app.ClassificationIdAsync("Internal");
        var created = await app.ClientWith(compliance.Token).PostJsonAsync("/api/v1/tools", ApiFixture.NewTool("Staff read tool", internalLevel));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var tool = await ApiFixture.JsonOf(created);
        var client = app.ClientWith(staff.Token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/tools")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(created.Headers.Location)).StatusCode);
        var post = await client.PostJsonAsync("/api/v1/tools", ApiFixture.NewTool("Staff's own tool", internalLevel));
        var body = ApiFixture.NewTool("Renamed by staff", internalLevel);
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
        var created = await client.PostJsonAsync("/api/v1/tools", ApiFixture.NewTool("Concurrency tool", level));
        var location = created.Headers.Location!;
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);

        // Someone saves version 1 first...
        var first = ApiFixture.NewTool("Concurrency tool", level);
        first["notes"] = "First person's notes";
        var firstSave = await SendAsync(client, HttpMethod.Put, location, first, ifMatch: "\"1\"");
        Assert.Equal(HttpStatusCode.OK, firstSave.StatusCode);
        Assert.Equal("\"2\"", firstSave.Headers.ETag?.Tag);

        // ...then a second client, still holding version 1, tries to save its change.
        var second = ApiFixture.NewTool("Concurrency tool", level);
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

    [Fact]
    public async Task A_patch_changes_the_fields_it_names_and_leaves_the_others_as_they_were()
    {
        var compliance = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var client = app.ClientWith(compliance.Token);
        var level = await app.ClassificationIdAsync("Internal");
        var tool = ApiFixture.NewTool("Patched tool", level);
        tool["modelVersion"] = "v2";
        tool["retentionDays"] = 30;
        tool["notes"] = "Original notes";
        var createdTool = await client.PostJsonAsync("/api/v1/tools", tool);
        var toolBefore = await ApiFixture.JsonOf(createdTool);
        var department = await app.AddDepartmentAsync("Patching " + Guid.NewGuid().ToString("N")[..6]);
        var workflow = ApiFixture.NewWorkflow("Patched workflow", department, level);
        workflow["toolIds"] = new[] { toolBefore.GetProperty("id").GetInt32() };
        workflow["monthlyVolume"] = 120;
        var createdWorkflow = await client.PostJsonAsync("/api/v1/workflows", workflow);
        var workflowBefore = await ApiFixture.JsonOf(createdWorkflow);

        var toolPatch = await SendAsync(client, HttpMethod.Patch, createdTool.Headers.Location!, new { notes = "Patched notes" }, ifMatch: "\"1\"");
        var workflowPatch = await SendAsync(client, HttpMethod.Patch, createdWorkflow.Headers.Location!, new { version = 1, purpose = "Drafts replies, now in Dutch too." },
            contentType: "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.OK, toolPatch.StatusCode);
        Assert.Equal("\"2\"", toolPatch.Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.OK, workflowPatch.StatusCode);
        var toolAfter = await ApiFixture.JsonOf(await client.GetAsync(createdTool.Headers.Location));
        var workflowAfter = await ApiFixture.JsonOf(await client.GetAsync(createdWorkflow.Headers.Location));
        Assert.Equal("Patched notes", toolAfter.GetProperty("notes").GetString());
        Assert.Equal(Except(toolBefore, "notes", "version"), Except(toolAfter, "notes", "version"));
        Assert.Equal("Drafts replies, now in Dutch too.", workflowAfter.GetProperty("purpose").GetString());
        Assert.Equal(Except(workflowBefore, "purpose", "version"), Except(workflowAfter, "purpose", "version"));
        Assert.Equal(2, workflowAfter.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task A_patch_of_a_stale_or_missing_version_is_refused_as_a_put_is()
    {
        var compliance = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var client = app.ClientWith(compliance.Token);
        var level = await app.ClassificationIdAsync("Internal");
        var created = await client.PostJsonAsync("/api/v1/tools", ApiFixture.NewTool("Stale patch tool", level));
        var location = created.Headers.Location!;
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(client, HttpMethod.Patch, location, new { notes = "First" }, ifMatch: "\"1\"")).StatusCode);

        var withHeader = await SendAsync(client, HttpMethod.Patch, location, new { notes = "Second" }, ifMatch: "\"1\"");
        var withBody = await SendAsync(client, HttpMethod.Patch, location, new { notes = "Second", version = 1 });
        var withNothing = await SendAsync(client, HttpMethod.Patch, location, new { notes = "Second" });
        var put = ApiFixture.NewTool("Stale patch tool", level);
        put["version"] = 1;
        var stalePut = await SendAsync(client, HttpMethod.Put, location, put);

        Assert.Equal(HttpStatusCode.PreconditionFailed, withHeader.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, withBody.StatusCode);
        Assert.Equal(stalePut.StatusCode, withBody.StatusCode);
        Assert.Equal((HttpStatusCode)428, withNothing.StatusCode);
        Assert.Equal(2, (await ApiFixture.JsonOf(withBody)).GetProperty("currentVersion").GetInt32());
        Assert.Equal("First", (await ApiFixture.JsonOf(await client.GetAsync(location))).GetProperty("notes").GetString());
    }

    [Fact]
    public async Task A_staff_token_cannot_patch()
    {
        var compliance = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var staff = app.ClientWith((await app.CreateTokenUserAsync(Roles.Staff)).Token);
        var level = await app.ClassificationIdAsync("Internal");
        var tool = await app.ClientWith(compliance.Token).PostJsonAsync("/api/v1/tools", ApiFixture.NewTool("Staff patch tool", level));
        var workflow = await app.ClientWith(compliance.Token).PostJsonAsync("/api/v1/workflows", ApiFixture.NewWorkflow("Staff patch workflow", 1, level));

        var toolPatch = await SendAsync(staff, HttpMethod.Patch, tool.Headers.Location!, new { name = "Renamed by staff" }, ifMatch: "\"1\"");
        var workflowPatch = await SendAsync(staff, HttpMethod.Patch, workflow.Headers.Location!, new { name = "Renamed by staff", version = 1 });

        Assert.Equal(HttpStatusCode.Forbidden, toolPatch.StatusCode);
        Assert.Equal("application/problem+json", toolPatch.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, workflowPatch.StatusCode);
        Assert.Equal("Staff patch tool", (await ApiFixture.JsonOf(await staff.GetAsync(tool.Headers.Location))).GetProperty("name").GetString());
        Assert.Equal("Staff patch workflow", (await ApiFixture.JsonOf(await staff.GetAsync(workflow.Headers.Location))).GetProperty("name").GetString());
    }

    [Fact]
    public async Task Invalid_values_in_a_patch_get_the_same_answer_as_in_a_put()
    {
        var compliance = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var client = app.ClientWith(compliance.Token);
        var level = await app.ClassificationIdAsync("Internal");
        var created = await client.PostJsonAsync("/api/v1/workflows", ApiFixture.NewWorkflow("Invalid patch workflow", 1, level));
        var location = created.Headers.Location!;
        var invalid = new Dictionary<string, object?> { ["version"] = 1, ["name"] = "", ["oversight"] = "SpotCheck", ["spotCheckPercent"] = 0 };
        var put = ApiFixture.NewWorkflow("Invalid patch workflow", 1, level);
        foreach (var (field, value) in invalid)
        {
            put[field] = value;
        }

        var patched = await SendAsync(client, HttpMethod.Patch, location, invalid);
        var replaced = await SendAsync(client, HttpMethod.Put, location, put);
        put["spotCheckPercent"] = "most";
        var unreadablePatch = await SendAsync(client, HttpMethod.Patch, location, new { version = 1, spotCheckPercent = "most" });
        var unreadablePut = await SendAsync(client, HttpMethod.Put, location, put);

        Assert.Equal(HttpStatusCode.BadRequest, patched.StatusCode);
        Assert.Equal("application/problem+json", patched.Content.Headers.ContentType?.MediaType);
        var errors = (await ApiFixture.JsonOf(patched)).GetProperty("errors");
        Assert.Equal(["name", "spotCheckPercent"], errors.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal((await ApiFixture.JsonOf(replaced)).GetProperty("errors").GetRawText(), errors.GetRawText());
        Assert.Equal(HttpStatusCode.BadRequest, unreadablePatch.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unreadablePut.StatusCode);
        Assert.Equal((await ApiFixture.JsonOf(unreadablePut)).GetProperty("detail").GetString(),
            (await ApiFixture.JsonOf(unreadablePatch)).GetProperty("detail").GetString());
        var stored = await ApiFixture.JsonOf(await client.GetAsync(location));
        Assert.Equal("Invalid patch workflow", stored.GetProperty("name").GetString());
        Assert.Equal(1, stored.GetProperty("version").GetInt32());
    }

    /// <summary>A resource's JSON without <paramref name="properties"/>, to compare the rest.</summary>
    private static string Except(JsonElement resource, params string[] properties) =>
        JsonSerializer.Serialize(resource.EnumerateObject().Where(p => !properties.Contains(p.Name)).ToDictionary(p => p.Name, p => p.Value));

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, Uri location, object body, string? ifMatch = null,
        string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, location)
        {
            Content = JsonContent.Create(body, new System.Net.Http.Headers.MediaTypeHeaderValue(contentType), ApiFixture.Json),
        };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return await client.SendAsync(request);
    }
}
