using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Api;

/// <summary>
/// Agents and connectors through /api/v1: every agent reachable a page at a time, the approval steps, the pause and its
/// two-officer restart, and the connector page's rights — each the page's own Core step, answered as the workflow API answers.
/// </summary>
public sealed class AgentApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private sealed record Cast(int Department, int Level, int Tool, ApiFixture.TokenUser Manager, ApiFixture.TokenUser OfficerA, ApiFixture.TokenUser OfficerB);

    private async Task<Cast> CastAsync()
    {
        var department = await app.AddDepartmentAsync($"Agent API {Guid.NewGuid():N}");
        var level = await app.ClassificationIdAsync("Internal");
        var officerA = await app.CreateTokenUserAsync(Roles.ComplianceOfficer);
        var tool = await app.ClientWith(officerA.Token).PostJsonAsync("/api/v1/tools", ApiFixture.NewTool($"Agent API tool {Guid.NewGuid():N}"[..30], level));
        Assert.Equal(HttpStatusCode.Created, tool.StatusCode);
        return new Cast(department, level, (await ApiFixture.JsonOf(tool)).GetProperty("id").GetInt32(),
            await app.CreateTokenUserAsync(Roles.Manager, 30, department), officerA, await app.CreateTokenUserAsync(Roles.ComplianceOfficer));
    }

    private static Dictionary<string, object?> NewAgent(Cast cast, string name, params int[] connectorIds) => new()
    {
        ["name"] = name,
        ["purpose"] = "Books travel for staff within the travel policy.",
        ["departmentId"] = cast.Department,
        ["toolId"] = cast.Tool,
        ["permissions"] = "ReadData, SpendMoney",
        ["autonomy"] = "ActsWithApproval",
        ["checkpoints"] = new[] { new { permission = "SpendMoney", approver = "Travel desk" } },
        ["connectorIds"] = connectorIds,
        ["dataClassificationId"] = cast.Level,
        ["status"] = "Draft",
    };

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string address, object body, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, address) { Content = JsonContent.Create(body, options: ApiFixture.Json) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }
        return client.SendAsync(request);
    }

    private static async Task<(int Id, string ETag)> CreatedAsync(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return ((await ApiFixture.JsonOf(response)).GetProperty("id").GetInt32(), response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task Every_agent_is_reachable_a_page_at_a_time_past_the_lists_old_cap_of_1000()
    {
        var cast = await CastAsync();
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync())
        {
            db.Agents.AddRange(Enumerable.Range(0, 1_003).Select(i => new Agent
            {
                Name = $"Bulk agent {i:D4}", Purpose = "Counts.", DepartmentId = cast.Department, ToolId = cast.Tool, DataClassificationId = cast.Level,
                Permissions = AgentPermissions.ReadData, Status = WorkflowStatus.Draft, Version = 1,
            }));
            await db.SaveChangesAsync();
        }
        var client = app.ClientWith((await app.CreateTokenUserAsync(Roles.Staff)).Token);

        var names = new List<string>();
        for (var skip = 0; ; skip += 500)
        {
            var page = await ApiFixture.JsonOf(await client.GetAsync($"/api/v1/agents?departmentId={cast.Department}&skip={skip}&take=500"));
            Assert.Equal(1_003, page.GetProperty("total").GetInt32());
            var items = page.GetProperty("items").EnumerateArray().ToList();
            names.AddRange(items.Select(i => i.GetProperty("name").GetString()!));
            Assert.All(items, i => Assert.Equal(JsonValueKind.Array, i.GetProperty("findings").ValueKind));
            if (items.Count < 500)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(0, 1_003).Select(i => $"Bulk agent {i:D4}"), names);
        var tooMany = await client.GetAsync("/api/v1/agents?take=501");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
    }

    [Fact]
    public async Task An_agent_goes_from_draft_to_approved_through_the_api_with_separation_of_duties_and_versions()
    {
        var cast = await CastAsync();
        var manager = app.ClientWith(cast.Manager.Token);
        var (id, etag) = await CreatedAsync(await manager.PostJsonAsync("/api/v1/agents", NewAgent(cast, "Travel booker")));
        Assert.Equal("\"1\"", etag);

        var submitted = await SendAsync(manager, HttpMethod.Post, $"/api/v1/agents/{id}/submit", new { comment = "Ready." }, ifMatch: etag);
        Assert.True(submitted.StatusCode == HttpStatusCode.OK, await submitted.Content.ReadAsStringAsync());
        Assert.Equal("Submitted", (await ApiFixture.JsonOf(submitted)).GetProperty("status").GetString());

        var stale = await SendAsync(app.ClientWith(cast.OfficerA.Token), HttpMethod.Post, $"/api/v1/agents/{id}/approve", new { version = 1 });
        var byManager = await SendAsync(manager, HttpMethod.Post, $"/api/v1/agents/{id}/approve", new { version = 2 });
        var rejectedWithoutReason = await SendAsync(app.ClientWith(cast.OfficerA.Token), HttpMethod.Post, $"/api/v1/agents/{id}/reject", new { version = 2 });
        var approved = await SendAsync(app.ClientWith(cast.OfficerA.Token), HttpMethod.Post, $"/api/v1/agents/{id}/approve", new { version = 2 });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(2, (await ApiFixture.JsonOf(stale)).GetProperty("currentVersion").GetInt32());
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, rejectedWithoutReason.StatusCode);
        Assert.True((await ApiFixture.JsonOf(rejectedWithoutReason)).GetProperty("errors").TryGetProperty("comment", out _));
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("Approved", (await ApiFixture.JsonOf(approved)).GetProperty("status").GetString());
        Assert.Equal("\"3\"", approved.Headers.ETag?.Tag);

        // A new permission, sent as GET returned the agent, sends it back for approval; the same change from the old version is refused.
        var stored = await ApiFixture.JsonOf(await manager.GetAsync($"/api/v1/agents/{id}"));
        var body = JsonSerializer.Deserialize<Dictionary<string, object?>>(stored.GetRawText())!;
        body["permissions"] = "ReadData, SpendMoney, SendOutside";
        var widened = await SendAsync(manager, HttpMethod.Put, $"/api/v1/agents/{id}", body, ifMatch: "\"3\"");
        Assert.True(widened.StatusCode == HttpStatusCode.OK, await widened.Content.ReadAsStringAsync());
        Assert.Equal("Submitted", (await ApiFixture.JsonOf(widened)).GetProperty("status").GetString());
        var replayed = await SendAsync(manager, HttpMethod.Put, $"/api/v1/agents/{id}", body, ifMatch: "\"3\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, replayed.StatusCode);
    }

    [Fact]
    public async Task An_agents_EU_AI_Act_role_is_deployer_unless_sent_and_patching_it_to_provider_sends_the_approved_agent_back()
    {
        var cast = await CastAsync();
        var manager = app.ClientWith(cast.Manager.Token);
        var (id, etag) = await CreatedAsync(await manager.PostJsonAsync("/api/v1/agents", NewAgent(cast, "Role agent")));
        Assert.Equal("Deployer", (await ApiFixture.JsonOf(await manager.GetAsync($"/api/v1/agents/{id}"))).GetProperty("operatorRole").GetString());
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(manager, HttpMethod.Post, $"/api/v1/agents/{id}/submit", new { }, ifMatch: etag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(app.ClientWith(cast.OfficerA.Token), HttpMethod.Post, $"/api/v1/agents/{id}/approve", new { version = 2 })).StatusCode);

        var unknown = await SendAsync(manager, HttpMethod.Patch, $"/api/v1/agents/{id}", new { operatorRole = "Manufacturer" }, ifMatch: "\"3\"");
        var patched = await SendAsync(manager, HttpMethod.Patch, $"/api/v1/agents/{id}", new { operatorRole = "Provider" }, ifMatch: "\"3\"");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True(patched.StatusCode == HttpStatusCode.OK, await patched.Content.ReadAsStringAsync());
        var agent = await ApiFixture.JsonOf(patched);
        Assert.Equal(("Provider", "Submitted"), (agent.GetProperty("operatorRole").GetString(), agent.GetProperty("status").GetString()));
        var document = await ApiFixture.JsonOf(await manager.GetAsync("/openapi/v1.json"));
        Assert.Contains(document.GetProperty("components").GetProperty("schemas").EnumerateObject(), schema =>
            schema.Value.TryGetProperty("properties", out var properties) && properties.TryGetProperty("checkpoints", out _)
            && properties.TryGetProperty("operatorRole", out _));
    }

    [Fact]
    public async Task A_paused_agent_restarts_through_the_api_only_when_a_second_officer_signs_off()
    {
        var cast = await CastAsync();
        var officerA = app.ClientWith(cast.OfficerA.Token);
        var agent = NewAgent(cast, "Paused booker");
        agent["status"] = "Submitted";
        var (id, _) = await CreatedAsync(await app.ClientWith(cast.Manager.Token).PostJsonAsync("/api/v1/agents", agent));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(officerA, HttpMethod.Post, $"/api/v1/agents/{id}/approve", new { version = 1 })).StatusCode);

        var tooShort = await officerA.PostJsonAsync($"/api/v1/agents/{id}/pause", new { reason = "Oops" });
        var paused = await officerA.PostJsonAsync($"/api/v1/agents/{id}/pause", new { reason = "It booked first class for a whole team." });

        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        Assert.True(paused.StatusCode == HttpStatusCode.OK, await paused.Content.ReadAsStringAsync());
        Assert.Equal("Paused", (await ApiFixture.JsonOf(paused)).GetProperty("status").GetString());
        var pause = (await ApiFixture.JsonOf(await officerA.GetAsync($"/api/v1/agents/{id}/pauses"))).GetProperty("current")[0];
        var (pauseId, version) = (pause.GetProperty("id").GetInt32(), pause.GetProperty("version").GetInt32());
        foreach (var condition in new[] { "RootCauseDocumented", "ControlsUpdated", "ReassessmentDone" })
        {
            var ticked = await officerA.PostJsonAsync($"/api/v1/pauses/{pauseId}/conditions", new { condition, met = true, version });
            Assert.True(ticked.StatusCode == HttpStatusCode.OK, await ticked.Content.ReadAsStringAsync());
            version = (await ApiFixture.JsonOf(ticked)).GetProperty("version").GetInt32();
        }

        var byPauser = await officerA.PostJsonAsync($"/api/v1/pauses/{pauseId}/restart", new { note = "Fixed.", version });
        var byManager = await app.ClientWith(cast.Manager.Token).PostJsonAsync($"/api/v1/pauses/{pauseId}/restart", new { note = "Fixed.", version });
        Assert.Equal("Paused", (await ApiFixture.JsonOf(await officerA.GetAsync($"/api/v1/agents/{id}"))).GetProperty("status").GetString());
        var bySecond = await app.ClientWith(cast.OfficerB.Token).PostJsonAsync($"/api/v1/pauses/{pauseId}/restart", new { note = "Checked the fix.", version });

        Assert.Equal(HttpStatusCode.BadRequest, byPauser.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byManager.StatusCode);
        Assert.True(bySecond.StatusCode == HttpStatusCode.OK, await bySecond.Content.ReadAsStringAsync());
        Assert.Equal("Approved", (await ApiFixture.JsonOf(await officerA.GetAsync($"/api/v1/agents/{id}"))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Managers_propose_connectors_and_only_compliance_approves_and_pauses_them_with_the_agents_using_them()
    {
        var cast = await CastAsync();
        var manager = app.ClientWith(cast.Manager.Token);
        var officer = app.ClientWith(cast.OfficerA.Token);
        var connector = new Dictionary<string, object?>
        {
            ["name"] = $"Booking MCP {Guid.NewGuid():N}"[..24], ["kind"] = "McpServer", ["endpoint"] = "https://booking.example.com/mcp",
            ["vendor"] = "Booking", ["toolsExposed"] = "search\nbook", ["dataClassificationId"] = cast.Level, ["approvalStatus"] = "Approved",
        };

        var approvedByManager = await manager.PostJsonAsync("/api/v1/connectors", connector);
        connector["approvalStatus"] = "Proposed";
        var (id, etag) = await CreatedAsync(await manager.PostJsonAsync("/api/v1/connectors", connector));
        connector["approvalStatus"] = "Approved";
        var approvingAsManager = await SendAsync(manager, HttpMethod.Put, $"/api/v1/connectors/{id}", connector, ifMatch: etag);
        var approved = await SendAsync(officer, HttpMethod.Patch, $"/api/v1/connectors/{id}", new { approvalStatus = "Approved" }, ifMatch: etag);
        var stale = await SendAsync(officer, HttpMethod.Put, $"/api/v1/connectors/{id}", connector, ifMatch: etag);

        Assert.Equal(HttpStatusCode.BadRequest, approvedByManager.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, approvingAsManager.StatusCode);
        Assert.True((await ApiFixture.JsonOf(approvingAsManager)).GetProperty("errors").TryGetProperty("approvalStatus", out _));
        Assert.True(approved.StatusCode == HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);

        var agent = NewAgent(cast, "Connected booker", id);
        agent["status"] = "Submitted";
        var (agentId, _) = await CreatedAsync(await manager.PostJsonAsync("/api/v1/agents", agent));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(officer, HttpMethod.Post, $"/api/v1/agents/{agentId}/approve", new { version = 1 })).StatusCode);
        var pausedByManager = await SendAsync(manager, HttpMethod.Post, $"/api/v1/connectors/{id}/pause", new { reason = "The booking site leaks card numbers." },
            ifMatch: approved.Headers.ETag!.Tag);
        var paused = await SendAsync(officer, HttpMethod.Post, $"/api/v1/connectors/{id}/pause", new { reason = "The booking site leaks card numbers." },
            ifMatch: approved.Headers.ETag!.Tag);

        Assert.Equal(HttpStatusCode.Forbidden, pausedByManager.StatusCode);
        Assert.True(paused.StatusCode == HttpStatusCode.OK, await paused.Content.ReadAsStringAsync());
        Assert.Equal("The booking site leaks card numbers.", (await ApiFixture.JsonOf(paused)).GetProperty("pausedReason").GetString());
        Assert.Equal("Paused", (await ApiFixture.JsonOf(await manager.GetAsync($"/api/v1/agents/{agentId}"))).GetProperty("status").GetString());
        var list = await ApiFixture.JsonOf(await manager.GetAsync("/api/v1/connectors?take=500"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetInt32() == id && c.GetProperty("agentCount").GetInt32() == 1);
    }

    [Fact]
    public async Task The_system_running_an_agent_records_its_last_activity_without_touching_its_approval()
    {
        var cast = await CastAsync();
        var manager = app.ClientWith(cast.Manager.Token);
        var (id, _) = await CreatedAsync(await manager.PostJsonAsync("/api/v1/agents", NewAgent(cast, "Active booker")));
        var today = DateOnly.FromDateTime(app.Now.UtcDateTime);

        var recorded = await manager.PostJsonAsync($"/api/v1/agents/{id}/activity", new { on = today.ToString("yyyy-MM-dd") });
        var byStaff = await app.ClientWith((await app.CreateTokenUserAsync(Roles.Staff)).Token)
            .PostJsonAsync($"/api/v1/agents/{id}/activity", new { on = today.ToString("yyyy-MM-dd") });

        Assert.True(recorded.StatusCode == HttpStatusCode.OK, await recorded.Content.ReadAsStringAsync());
        Assert.Equal(today.ToString("yyyy-MM-dd"), (await ApiFixture.JsonOf(recorded)).GetProperty("lastActivityOn").GetString());
        Assert.Equal("Draft", (await ApiFixture.JsonOf(recorded)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byStaff.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync("/api/v1/agents/999999")).StatusCode);
    }
}
