using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Web.Endpoints.Mcp;
using AiPolicyHub.Web.Hosting;
using AiPolicyHub.Web.Tests.Api;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol;

namespace AiPolicyHub.Web.Tests.Mcp;

/// <summary>
/// The MCP server at /mcp, through the SDK's own client over HTTP against the app listening on 127.0.0.1: what it lists, that
/// its checker answers as the checker page does, that it acts with the token owner's roles, refuses a revoked token, and
/// writes every call to the audit trail.
/// </summary>
public sealed class McpServerTests(McpTestServer server) : IClassFixture<McpTestServer>
{
    private AppFactory App => server.App;

    [Fact]
    public async Task An_assistant_with_a_staff_token_lists_the_four_tools_with_descriptions_and_enums_for_its_choices()
    {
        var staff = await App.CreateTokenUserAsync(Roles.Staff);
        await using var client = await server.ConnectAsync(staff.Token);

        var tools = await client.ListToolsAsync();

        Assert.Equal([AssistantTools.CheckAiUse, AssistantTools.FindWorkflows, AssistantTools.ListApprovedTools, AssistantTools.ReportIncident],
            tools.Select(t => t.Name).Order());
        Assert.All(tools, t => Assert.True(t.Description.Length > 100, $"{t.Name}: “{t.Description}”"));
        var check = tools.Single(t => t.Name == AssistantTools.CheckAiUse).ProtocolTool;
        var properties = check.InputSchema.GetProperty("properties");
        Assert.Equal(Enum.GetNames<UsageTask>(), properties.GetProperty("task").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(Enum.GetNames<Audience>(), properties.GetProperty("outputGoesTo").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        // The organisation's own classification levels, in their order.
        Assert.Equal(["Public", "Internal", "Confidential", "Restricted"],
            properties.GetProperty("dataClassification").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["dataClassification", "outputGoesTo", "task", "tool"],
            check.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()!).Order());
        Assert.False(properties.TryGetProperty("request", out _), "The request context leaked into the schema.");
        Assert.True(check.Annotations?.ReadOnlyHint);
        Assert.False(tools.Single(t => t.Name == AssistantTools.ReportIncident).ProtocolTool.Annotations?.ReadOnlyHint);
        var report = tools.Single(t => t.Name == AssistantTools.ReportIncident).ProtocolTool.InputSchema.GetProperty("properties");
        Assert.Equal(Enum.GetNames<IncidentSeverity>(), report.GetProperty("severity").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    public static TheoryData<string, UsageTask, string, Audience, DataCategories> Questions => new()
    {
        { "Internal writer", UsageTask.Summarising, "Internal", Audience.Internal, DataCategories.None },
        { "Internal writer", UsageTask.Summarising, "Confidential", Audience.Internal, DataCategories.None },
        { "Internal writer", UsageTask.AnsweringCustomers, "Internal", Audience.CustomerFacing, DataCategories.CustomerData },
        { "Internal writer", UsageTask.ScreeningApplicants, "Internal", Audience.Internal, DataCategories.PersonalData },
        { "A tool nobody listed", UsageTask.Translating, "Public", Audience.Public, DataCategories.None },
    };

    [Fact]
    public async Task Check_ai_use_answers_every_question_as_the_checkers_core_step_and_the_checker_page_do()
    {
        var officer = await App.OfficerAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var writer = await App.AddToolAsync(officer, "Internal writer " + suffix, "Internal");
        var confidential = await App.AddToolAsync(officer, "Confidential writer " + suffix, "Confidential");
        var staff = await App.CreateTokenUserAsync(Roles.Staff);
        var browser = server.HttpClient(cookies: true);
        await AppFactory.SignInAsync(browser, await App.CreateUserAsync(Roles.Staff, "checker page password"), "checker page password");
        await using var client = await server.ConnectAsync(staff.Token);
        var advisor = App.Services.GetRequiredService<UsageAdvisor>();
        var verdicts = new List<Verdict>();

        foreach (var (toolName, task, level, audience, data) in Questions.Select(q => ((string)q[0], (UsageTask)q[1], (string)q[2], (Audience)q[3], (DataCategories)q[4])))
        {
            var tool = toolName == "Internal writer" ? writer.Name : toolName;
            var answer = (await client.CallAsync(AssistantTools.CheckAiUse, new()
            {
                ["tool"] = tool, ["task"] = task.ToString(), ["dataClassification"] = level, ["outputGoesTo"] = audience.ToString(),
                ["dataKinds"] = data == DataCategories.None ? null : new[] { data.ToString() },
            })).Answer();

            // The checker's Core step, asked the question as the page asks it.
            var expected = (await advisor.AskAsync(new UsageQuestion(tool == writer.Name ? writer.Id : UsageQuestion.ToolNotListed, task,
                await App.ClassificationIdAsync(level), data, audience, false))).Value!;
            var verdict = Enum.Parse<Verdict>(answer.GetProperty("verdict").GetString()!);
            var question = $"{tool} / {task} / {level}";
            Assert.True(expected.Answer.Verdict == verdict, question);
            Assert.Equal(expected.Answer.Verdict == Verdict.Allowed ? [UsageChecker.NothingRestricts] : expected.Answer.Reasons, answer.Strings("reasons"));
            Assert.Equal(expected.Answer.Conditions, answer.Strings("conditions"));
            Assert.Equal(expected.Alternatives.Select(a => a.Tool.Name),
                answer.GetProperty("allowedAlternatives").EnumerateArray().Select(a => a.GetProperty("tool").GetString()));
            Assert.Equal(expected.Covering.Select(w => w.Id), answer.GetProperty("approvedWorkflowsCovering").EnumerateArray().Select(w => w.GetProperty("id").GetInt32()));
            Assert.Equal(expected.NextStep, answer.TryGetProperty("nextStep", out var next) ? next.GetString() : null);

            // The answer's link opens the checker page on the same question, and the page says the same.
            var link = answer.GetProperty("link").GetString()!;
            Assert.StartsWith(new Uri(server.BaseAddress, "/check?").ToString(), link);
            var page = WebUtility.HtmlDecode(await browser.GetStringAsync(link));
            Assert.Equal(answer.GetProperty("headline").GetString(), Regex.Match(page, "<h2 id=\"answer-title\">([^<]*)</h2>").Groups[1].Value);
            foreach (var line in answer.Strings("reasons").Concat(answer.Strings("conditions")))
            {
                Assert.Contains(line, page);
            }
            verdicts.Add(verdict);
        }

        // The questions cover a plain yes, a refusal, conditions and a high-risk use.
        Assert.Contains(Verdict.Allowed, verdicts);
        Assert.Contains(Verdict.NotAllowed, verdicts);
        Assert.Contains(Verdict.AllowedWithConditions, verdicts);
        Assert.Contains(Verdict.ApprovedWorkflowOnly, verdicts);
        _ = confidential;
    }

    [Fact]
    public async Task A_question_that_cannot_be_answered_is_a_tool_error_naming_what_to_change()
    {
        var staff = await App.CreateTokenUserAsync(Roles.Staff);
        await using var client = await server.ConnectAsync(staff.Token);

        var result = await client.CallAsync(AssistantTools.CheckAiUse, new()
        {
            ["tool"] = "Anything", ["task"] = "Summarising", ["dataClassification"] = "Top secret", ["outputGoesTo"] = "Internal",
        });

        Assert.True(result.IsError);
        Assert.Contains("“Top secret” is not one of the organisation's data classifications: use one of Public, Internal, Confidential, Restricted.", result.Text());
    }

    [Fact]
    public async Task List_approved_tools_gives_the_tool_registers_approved_tools_with_the_data_each_may_receive()
    {
        var officer = await App.OfficerAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await App.AddToolAsync(officer, "Directory approved " + suffix, "Confidential");
        await App.AddToolAsync(officer, "Directory banned " + suffix, "Public", ToolApprovalStatus.Prohibited);
        await App.AddToolAsync(officer, "Directory proposed " + suffix, "Public", ToolApprovalStatus.Proposed);
        var staff = await App.CreateTokenUserAsync(Roles.Staff);
        await using var client = await server.ConnectAsync(staff.Token);

        var answer = (await client.CallAsync(AssistantTools.ListApprovedTools, new() { ["search"] = suffix })).Answer();

        var approved = Assert.Single(answer.GetProperty("approved").EnumerateArray());
        Assert.Equal("Directory approved " + suffix, approved.GetProperty("name").GetString());
        Assert.Equal("Confidential", approved.GetProperty("highestDataClassification").GetString());
        Assert.Contains("Only Public, Internal and Confidential data; never Restricted data.", approved.Strings("conditions"));
        Assert.Equal(["Directory banned " + suffix], answer.GetProperty("doNotUse").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.Equal(["Public", "Internal", "Confidential", "Restricted"],
            answer.GetProperty("dataClassifications").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        // The same as the directory page's Core step gives that person.
        var listing = await App.Services.GetRequiredService<ToolDirectory>().ListAsync(ApiFixture.PrincipalOf(staff.UserId), suffix);
        Assert.Equal(listing.Tools.Single(t => t.MayBeUsed).Conditions, approved.Strings("conditions"));
    }

    [Fact]
    public async Task Find_workflows_reads_exactly_what_the_same_token_reads_through_the_rest_api()
    {
        var department = await App.AddDepartmentAsync($"Finders {Guid.NewGuid():N}");
        var manager = await App.CreateTokenUserAsync(Roles.Manager, 30, department);
        var marker = Guid.NewGuid().ToString("N")[..8];
        var inventory = App.Services.GetRequiredService<WorkflowInventory>();
        foreach (var (name, status) in new[] { ("Alpha " + marker, WorkflowStatus.Draft), ("Beta " + marker, WorkflowStatus.Submitted), ("Gamma " + marker, WorkflowStatus.Draft) })
        {
            Assert.Equal(SaveStatus.Saved, (await inventory.SaveAsync(ApiFixture.PrincipalOf(manager.UserId), null, await FormAsync(name, department, status))).Status);
        }
        var gamma = await IdOfAsync("Gamma " + marker);
        var retire = (await inventory.GetAsync(gamma))!.Copy();
        Assert.Equal(SaveStatus.Saved, (await inventory.RetireAsync(ApiFixture.PrincipalOf(manager.UserId), gamma, retire.Version)).Status);
        var staff = await App.CreateTokenUserAsync(Roles.Staff);
        await using var client = await server.ConnectAsync(staff.Token);

        var answer = (await client.CallAsync(AssistantTools.FindWorkflows, new() { ["search"] = marker })).Answer();
        var api = await ApiFixture.JsonOf(await server.HttpClientWith(staff.Token).GetAsync($"/api/v1/workflows?search={marker}"));

        Assert.Equal(["Alpha " + marker, "Beta " + marker], answer.GetProperty("workflows").EnumerateArray().Select(w => w.GetProperty("name").GetString()));
        Assert.Equal(api.GetProperty("items").EnumerateArray().Select(w => w.GetProperty("id").GetInt32()),
            answer.GetProperty("workflows").EnumerateArray().Select(w => w.GetProperty("id").GetInt32()));
        Assert.Equal(api.GetProperty("total").GetInt32(), answer.GetProperty("total").GetInt32());
        var withRetired = (await client.CallAsync(AssistantTools.FindWorkflows, new() { ["search"] = marker, ["includeRetired"] = true })).Answer();
        var retired = withRetired.GetProperty("workflows").EnumerateArray().Single(w => w.GetProperty("name").GetString() == "Gamma " + marker);
        Assert.True(retired.GetProperty("doNotUse").GetBoolean());
    }

    [Fact]
    public async Task A_staff_token_reports_incidents_on_its_own_departments_workflows_but_not_on_another_departments()
    {
        var own = await App.AddDepartmentAsync($"Own {Guid.NewGuid():N}");
        var other = await App.AddDepartmentAsync($"Other {Guid.NewGuid():N}");
        var officer = await App.OfficerAsync();
        var inventory = App.Services.GetRequiredService<WorkflowInventory>();
        var secret = $"Secret plans {Guid.NewGuid():N}"[..24];
        var ownWorkflow = (await inventory.SaveAsync(ApiFixture.PrincipalOf(officer.UserId), null, await FormAsync($"Own flow {Guid.NewGuid():N}"[..24], own))).Id;
        var otherWorkflow = (await inventory.SaveAsync(ApiFixture.PrincipalOf(officer.UserId), null, await FormAsync(secret, other))).Id;
        var staff = await App.CreateTokenUserAsync(Roles.Staff);
        await SetDepartmentAsync(staff, own);
        await using var client = await server.ConnectAsync(staff.Token);
        Dictionary<string, object?> Report(int workflow) => new()
        {
            ["workflowId"] = workflow, ["title"] = "Critical data leak by the assistant", ["whatHappened"] = "Customer records were pasted into a public chatbot.",
            ["severity"] = "Critical", ["category"] = "DataLeak",
        };

        var refused = await client.CallAsync(AssistantTools.ReportIncident, Report(otherWorkflow));
        var reported = await client.CallAsync(AssistantTools.ReportIncident, Report(ownWorkflow));

        Assert.True(refused.IsError);
        Assert.Contains(IncidentLog.OtherDepartmentRefusal, refused.Text());
        Assert.DoesNotContain(secret, refused.Text());
        var incidentId = reported.Answer().GetProperty("incidentId").GetInt32();
        await using var db = await DbAsync();
        Assert.False(await db.Incidents.AnyAsync(i => i.WorkflowId == otherWorkflow));
        // Nothing was paused by the refused critical report; the accepted one is the staff member's, on their department's workflow.
        Assert.NotEqual(WorkflowStatus.Paused, (await inventory.GetAsync(otherWorkflow))!.Status);
        var incident = await db.Incidents.SingleAsync(i => i.Id == incidentId);
        Assert.Equal((ownWorkflow, staff.UserId, IncidentSeverity.Critical), (incident.WorkflowId!.Value, incident.ReportedById, incident.Severity));
    }

    [Fact]
    public async Task A_revoked_token_no_token_or_a_browser_session_is_refused_with_401()
    {
        var staff = await App.CreateTokenUserAsync(Roles.Staff);
        await using (var before = await server.ConnectAsync(staff.Token))
        {
            Assert.Equal(4, (await before.ListToolsAsync()).Count);
        }
        Assert.True((await App.Services.GetRequiredService<ApiTokens>().RevokeAsync(ApiFixture.PrincipalOf(staff.UserId), staff.TokenId)).Succeeded);
        var browser = server.HttpClient(cookies: true);
        await AppFactory.SignInAsync(browser, await App.CreateUserAsync(Roles.Staff, "session on mcp password"), "session on mcp password");

        var revoked = await Assert.ThrowsAnyAsync<HttpRequestException>(() => server.ConnectAsync(staff.Token));
        Assert.Equal(HttpStatusCode.Unauthorized, revoked.StatusCode);
        var anonymous = await Assert.ThrowsAnyAsync<HttpRequestException>(() => server.ConnectAsync(null));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);

        var raw = await server.HttpClientWith(staff.Token).SendAsync(Initialize());
        Assert.Equal(HttpStatusCode.Unauthorized, raw.StatusCode);
        Assert.Contains("invalid_token", raw.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(Initialize())).StatusCode);
    }

    [Fact]
    public async Task Every_call_is_in_the_audit_trail_with_who_which_tool_its_arguments_and_its_outcome()
    {
        var staff = await App.CreateTokenUserAsync(Roles.Staff);
        await using var client = await server.ConnectAsync(staff.Token);

        await client.CallAsync(AssistantTools.CheckAiUse, new()
        {
            ["tool"] = "Unlisted helper", ["task"] = "Summarising", ["dataClassification"] = "Internal", ["outputGoesTo"] = "Internal",
        });
        await client.CallAsync(AssistantTools.FindWorkflows, new() { ["search"] = "nothing like this" });
        await client.CallAsync(AssistantTools.ReportIncident, new() { ["title"] = "x", ["whatHappened"] = "y", ["severity"] = "Low", ["category"] = "Other" });

        await using var db = await DbAsync();
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == AssistantCalls.EntityType && e.UserId == staff.UserId)
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AssistantTools.CheckAiUse, AssistantTools.FindWorkflows, AssistantTools.ReportIncident], entries.Select(e => e.EntityName));
        Assert.All(entries, e => Assert.Equal(AuditAction.AssistantToolCalled, e.Action));
        var check = AuditTrail.ChangesOf(entries[0]).ToDictionary(c => c.Field, c => c.After);
        Assert.Equal("Unlisted helper", check["Argument tool"]);
        Assert.Equal("#" + staff.TokenId, check["API token"]);
        Assert.Equal("Not allowed: a tool not listed for summarising text.", check["Outcome"]);
        Assert.Equal("0 of 0 matching workflows.", AuditTrail.ChangesOf(entries[1]).Single(c => c.Field == "Outcome").After);
        Assert.StartsWith("Refused: Not reported: workflowId: Choose the workflow", AuditTrail.ChangesOf(entries[2]).Single(c => c.Field == "Outcome").After);
        Assert.True((await App.Services.GetRequiredService<AuditTrail>().VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task Every_endpoint_under_mcp_requires_an_api_token_and_none_is_anonymous()
    {
        var endpoints = App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/')).StartsWith(McpRegistration.Path, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e =>
        {
            Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>());
            Assert.Contains(e.Metadata.GetOrderedMetadata<IAuthorizeData>(), a => a.Policy == ApiRegistration.Policy);
        });
    }

    [Theory]
    [InlineData("GET", "mcp")]
    [InlineData("DELETE", "mcp")]
    [InlineData("PUT", "mcp")]
    [InlineData("POST", "mcp/elsewhere")]
    public async Task Any_other_request_to_mcp_without_a_token_gets_401_never_the_sign_in_page(string method, string path)
    {
        var response = await server.HttpClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task The_mcp_endpoint_answers_with_the_apps_security_headers_and_keeps_nothing_in_caches()
    {
        var staff = await App.CreateTokenUserAsync(Roles.Staff);

        var response = await server.HttpClientWith(staff.Token).SendAsync(Initialize());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SecurityHeadersRegistration.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Contains("AiPolicyHub", await response.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage Initialize()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "mcp")
        {
            Content = new StringContent("""
                {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"curl","version":"1"}}}
                """, Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }

    private async Task<WorkflowForm> FormAsync(string name, int department, WorkflowStatus status = WorkflowStatus.Draft) => new()
    {
        Name = name, DepartmentId = department, Purpose = "Drafts answers to customer questions for an agent to check.", Stage = LifecycleStage.Pilot,
        Autonomy = Autonomy.Draft, Audience = Audience.Internal, DataClassificationId = await App.ClassificationIdAsync("Internal"),
        Oversight = HumanOversight.ReviewBeforeUse, ApprovingRole = "Team lead", ReviewCadenceMonths = 6, Status = status,
    };

    private async Task<int> IdOfAsync(string name)
    {
        await using var db = await DbAsync();
        return await db.Workflows.Where(w => w.Name == name).Select(w => w.Id).SingleAsync();
    }

    private async Task SetDepartmentAsync(ApiFixture.TokenUser user, int department)
    {
        await using var db = await DbAsync();
        await db.Users.Where(u => u.Id == user.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, department));
    }

    private Task<AppDbContext> DbAsync() => App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
}
