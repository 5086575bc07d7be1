using AiPolicyHub.Core;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.ImportExport;
using AiPolicyHub.Core.ImportExport.Export;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Requests;
using AiPolicyHub.Core.Rules;
using AiPolicyHub.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Controls;

/// <summary>
/// Every way a tool or a workflow is written: the one a control matrix scenario runs through. <see cref="Request"/> is a staff
/// member's request to use AI ("Ask for this use" in the checker) approved as a workflow or a tool: it only ever creates one.
/// </summary>
public enum WritePath { PageService, ApiPut, ApiPatch, ImportPage, ImportApi, Request }

/// <summary>
/// Every way an incident is reported: the report page's service call, and a person's AI assistant through the MCP server's
/// <c>report_incident</c> tool (the SDK's client over HTTP, with the person's API token).
/// </summary>
public enum IncidentPath { PageService, Mcp }

/// <summary>What a write came to, whatever the path: stored, refused, or kept as a proposal for compliance.</summary>
public enum WriteResult { Stored, Refused, Proposed }

/// <summary>
/// Writes a wanted record through one <see cref="WritePath"/> as one user, the way that path's callers do: the page's service
/// call, a PUT of the whole record, a PATCH of the fields that differ, or a one-row file imported with the built-in export
/// preset through the import page's service or <c>POST /api/v1/imports</c>.
/// </summary>
public sealed class WritePaths(AppFactory app)
{
    /// <summary>Whether <paramref name="path"/> changes stored records too (a request only creates them).</summary>
    public static bool Updates(WritePath path) => path != WritePath.Request;

    public async Task<WriteResult> WriteWorkflowAsync(WritePath path, ApiFixture.TokenUser user, int? id, WorkflowForm wanted)
    {
        switch (path)
        {
            case WritePath.PageService:
                return Of((await app.Services.GetRequiredService<WorkflowInventory>().SaveAsync(ApiFixture.PrincipalOf(user.UserId), id, wanted)).Status);
            case WritePath.Request when id is null:
                return Of((await ThroughRequestAsync(user, wanted.DepartmentId, forTool: false,
                    (requests, decider, request, version) => requests.ApproveAsWorkflowAsync(decider, request, version, wanted))).Status);
            case WritePath.Request:
                throw new InvalidOperationException("A request creates a workflow; it never changes one.");
            case WritePath.ApiPut or WritePath.ApiPatch when id is null:
                return Of(await app.ClientWith(user.Token).PostAsJsonAsync("/api/v1/workflows", wanted, ApiFixture.Json));
            case WritePath.ApiPut:
                return Of(await app.ClientWith(user.Token).PutAsJsonAsync($"/api/v1/workflows/{id}", wanted, ApiFixture.Json));
            case WritePath.ApiPatch:
                var stored = await app.Services.GetRequiredService<WorkflowInventory>().GetAsync(id!.Value);
                return Of(await PatchAsync(user, $"/api/v1/workflows/{id}", stored!, wanted));
            default:
                return await ImportAsync(path, user, ImportTarget.Workflows, await WorkflowFileAsync(id, wanted));
        }
    }

    public async Task<WriteResult> WriteToolAsync(WritePath path, ApiFixture.TokenUser user, int? id, ToolForm wanted)
    {
        switch (path)
        {
            case WritePath.PageService:
                return Of((await app.Services.GetRequiredService<ToolCatalog>().SaveAsync(ApiFixture.PrincipalOf(user.UserId), id, wanted)).Status);
            case WritePath.Request when id is null:
                return Of((await ThroughRequestAsync(user, null, forTool: true,
                    (requests, decider, request, version) => requests.ApproveAsToolAsync(decider, request, version, wanted))).Status);
            case WritePath.Request:
                throw new InvalidOperationException("A request creates a tool; it never changes one.");
            case WritePath.ApiPut or WritePath.ApiPatch when id is null:
                return Of(await app.ClientWith(user.Token).PostAsJsonAsync("/api/v1/tools", wanted, ApiFixture.Json));
            case WritePath.ApiPut:
                return Of(await app.ClientWith(user.Token).PutAsJsonAsync($"/api/v1/tools/{id}", wanted, ApiFixture.Json));
            case WritePath.ApiPatch:
                var stored = await app.Services.GetRequiredService<ToolCatalog>().GetAsync(id!.Value);
                return Of(await PatchAsync(user, $"/api/v1/tools/{id}", stored!, wanted));
            default:
                return await ImportAsync(path, user, ImportTarget.Tools, await ToolFileAsync(id, wanted));
        }
    }

    public async Task<WriteResult> ReportIncidentAsync(IncidentPath path, ApiFixture.TokenUser user, Core.Incidents.IncidentReport report)
    {
        if (path == IncidentPath.PageService)
        {
            return Of((await app.Services.GetRequiredService<Core.Incidents.IncidentLog>().ReportAsync(ApiFixture.PrincipalOf(user.UserId), report)).Status);
        }
        var transport = new ModelContextProtocol.Client.HttpClientTransport(new ModelContextProtocol.Client.HttpClientTransportOptions
        {
            Endpoint = new Uri(app.Server.BaseAddress, Web.Hosting.McpRegistration.Path),
            TransportMode = ModelContextProtocol.Client.HttpTransportMode.StreamableHttp,
            AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + user.Token },
        }, app.CreateClient(), ownsHttpClient: true);
        await using var client = await ModelContextProtocol.Client.McpClient.CreateAsync(transport);
        var result = await client.CallToolAsync(Web.Endpoints.Mcp.AssistantTools.ReportIncident, new Dictionary<string, object?>
        {
            ["workflowId"] = report.WorkflowId, ["title"] = report.Title, ["whatHappened"] = report.WhatHappened,
            ["severity"] = report.Severity.ToString(), ["category"] = report.Category.ToString(),
            ["occurredAt"] = report.OccurredAt is { } at ? new DateTimeOffset(at, TimeSpan.Zero) : null,
        });
        return result.IsError == true ? WriteResult.Refused : WriteResult.Stored;
    }

    /// <summary>
    /// A new staff member of <paramref name="departmentId"/> (a department of its own when null) asks the checker about confidential
    /// data in a tool cleared for public data only (or a tool not listed), is told no, asks for the use through
    /// <see cref="UseRequests"/>, and <paramref name="decider"/> approves it with <paramref name="approve"/>.
    /// </summary>
    private async Task<SaveOutcome> ThroughRequestAsync(ApiFixture.TokenUser decider, int? departmentId, bool forTool,
        Func<UseRequests, System.Security.Claims.ClaimsPrincipal, int, int, Task<SaveOutcome>> approve)
    {
        var requests = app.Services.GetRequiredService<UseRequests>();
        var asker = await app.CreateTokenUserAsync(Core.Identity.Roles.Staff);
        var question = new UsageQuestion(forTool ? UsageQuestion.ToolNotListed : await PublicOnlyToolAsync(), UsageTask.Summarising,
            await app.ClassificationIdAsync("Confidential"), DataCategories.None, Audience.Internal, false);
        var asked = await requests.AskAsync(ApiFixture.PrincipalOf(asker.UserId), new UseRequestAsk(question,
            "The matrix needs this use, in its own words.", forTool ? $"Asked-for tool {Guid.NewGuid():N}"[..26] : null, "Vendor",
            departmentId ?? await DepartmentOfAsync(decider)));
        if (asked.Status != SaveStatus.Saved)
        {
            throw new InvalidOperationException("The request was not made: " + string.Join(" ", asked.Errors?.All ?? [asked.Message ?? ""]));
        }
        return await approve(requests, ApiFixture.PrincipalOf(decider.UserId), asked.Id, asked.Version);
    }

    /// <summary>A department <paramref name="decider"/> manages (a tool request comes from there), or a new one.</summary>
    private async Task<int> DepartmentOfAsync(ApiFixture.TokenUser decider)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var managed = await db.DepartmentManagers.Where(m => m.UserId == decider.UserId).Select(m => (int?)m.DepartmentId).FirstOrDefaultAsync();
        return managed ?? await app.AddDepartmentAsync($"Askers {Guid.NewGuid():N}");
    }

    private int? publicOnlyTool;

    private async Task<int> PublicOnlyToolAsync()
    {
        if (publicOnlyTool is { } id)
        {
            return id;
        }
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var tool = db.Tools.Add(new AiTool
        {
            Name = $"Public-only tool {Guid.NewGuid():N}"[..30], Vendor = "Vendor", ApprovalStatus = ToolApprovalStatus.Approved, Version = 1,
            MaxClassificationId = await app.ClassificationIdAsync("Public"),
        }).Entity;
        await db.SaveChangesAsync();
        return (publicOnlyTool = tool.Id).Value;
    }

    /// <summary>A JSON merge patch of the fields that differ, with the version the client read.</summary>
    public async Task<HttpResponseMessage> PatchAsync<TForm>(ApiFixture.TokenUser user, string address, TForm stored, TForm wanted)
    {
        var before = JsonSerializer.SerializeToNode(stored, ApiFixture.Json)!.AsObject();
        var after = JsonSerializer.SerializeToNode(wanted, ApiFixture.Json)!.AsObject();
        var patch = new JsonObject();
        foreach (var (name, value) in after)
        {
            if (name == "version" || !JsonNode.DeepEquals(value, before[name]))
            {
                patch[name] = value?.DeepClone();
            }
        }
        var request = new HttpRequestMessage(HttpMethod.Patch, address)
        {
            Content = new StringContent(patch.ToJsonString(), Encoding.UTF8, "application/merge-patch+json"),
        };
        return await app.ClientWith(user.Token).SendAsync(request);
    }

    public async Task<WriteResult> ImportAsync(WritePath path, ApiFixture.TokenUser user, ImportTarget target, string csv)
    {
        var preset = BuiltInPresets.Export(target);
        if (path == WritePath.ImportPage)
        {
            var report = await app.Services.GetRequiredService<InventoryImporter>().ImportAsync(ApiFixture.PrincipalOf(user.UserId),
                new MemoryStream(Encoding.UTF8.GetBytes(csv)), new ImportRequest { FileName = "matrix.csv", Mapping = preset.Mapping });
            return Of(report);
        }
        var response = await app.ClientWith(user.Token).PostAsync(
            $"/api/v1/imports?preset={Uri.EscapeDataString(preset.Name)}&fileName=matrix.csv", new StringContent(csv, Encoding.UTF8, "text/csv"));
        if (response.StatusCode is HttpStatusCode.Forbidden)
        {
            return WriteResult.Refused;
        }
        return Of(JsonSerializer.Deserialize<ImportReport>(await response.Content.ReadAsStringAsync(), ApiFixture.Json)!);
    }

    private static WriteResult Of(ImportReport report) =>
        !report.Committed || report.Rejected > 0 ? WriteResult.Refused
        : report.RowResults.Any(r => r.Issues.Any(i => i.Message == Core.Approvals.ToolSave.ProposedMessage)) ? WriteResult.Proposed
        : WriteResult.Stored;

    public static WriteResult Of(SaveStatus status) => status switch
    {
        SaveStatus.Saved => WriteResult.Stored,
        SaveStatus.Proposed => WriteResult.Proposed,
        _ => WriteResult.Refused,
    };

    public static WriteResult Of(HttpResponseMessage response) => response.StatusCode switch
    {
        HttpStatusCode.OK or HttpStatusCode.Created => WriteResult.Stored,
        HttpStatusCode.Accepted => WriteResult.Proposed,
        HttpStatusCode.InternalServerError => throw new InvalidOperationException("The API failed: " + response.Content.ReadAsStringAsync().Result),
        _ => WriteResult.Refused,
    };

    /// <summary>The one-row file an export of <paramref name="wanted"/> would be, under the export's own column labels.</summary>
    private async Task<string> WorkflowFileAsync(int? id, WorkflowForm wanted)
    {
        var workflow = new Workflow { Id = id ?? 0, ExternalId = id is null ? $"MATRIX-{Guid.NewGuid():N}" : null };
        wanted.ApplyTo(workflow);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return Csv(ImportFields.Workflow.Select(f => f.Label), InventoryExporter.Row(workflow, await ExportNames.LoadAsync(db, default)));
    }

    private async Task<string> ToolFileAsync(int? id, ToolForm wanted)
    {
        var tool = new AiTool { Id = id ?? 0, ExternalId = id is null ? $"MATRIX-{Guid.NewGuid():N}" : null };
        wanted.ApplyTo(tool);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return Csv(ImportFields.Tool.Select(f => f.Label), InventoryExporter.Row(tool, await ExportNames.LoadAsync(db, default)));
    }

    public static string Csv(IEnumerable<string> header, IEnumerable<string> row) =>
        string.Join(',', header.Select(Cell)) + "\r\n" + string.Join(',', row.Select(Cell)) + "\r\n";

    private static string Cell(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";
}
