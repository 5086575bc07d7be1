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
using AiPolicyHub.Web.Tests.Api;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Controls;

/// <summary>Every way a tool or a workflow is written: the one a control matrix scenario runs through.</summary>
public enum WritePath { PageService, ApiPut, ApiPatch, ImportPage, ImportApi }

/// <summary>What a write came to, whatever the path: stored, refused, or kept as a proposal for compliance.</summary>
public enum WriteResult { Stored, Refused, Proposed }

/// <summary>
/// Writes a wanted record through one <see cref="WritePath"/> as one user, the way that path's callers do: the page's service
/// call, a PUT of the whole record, a PATCH of the fields that differ, or a one-row file imported with the built-in export
/// preset through the import page's service or <c>POST /api/v1/imports</c>.
/// </summary>
public sealed class WritePaths(AppFactory app)
{
    public async Task<WriteResult> WriteWorkflowAsync(WritePath path, ApiFixture.TokenUser user, int? id, WorkflowForm wanted)
    {
        switch (path)
        {
            case WritePath.PageService:
                return Of((await app.Services.GetRequiredService<WorkflowInventory>().SaveAsync(ApiFixture.PrincipalOf(user.UserId), id, wanted)).Status);
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

    /// <summary>A JSON merge patch of the fields that differ, with the version the client read.</summary>
    private async Task<HttpResponseMessage> PatchAsync<TForm>(ApiFixture.TokenUser user, string address, TForm stored, TForm wanted)
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

    private async Task<WriteResult> ImportAsync(WritePath path, ApiFixture.TokenUser user, ImportTarget target, string csv)
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

    private static WriteResult Of(SaveStatus status) => status switch
    {
        SaveStatus.Saved => WriteResult.Stored,
        SaveStatus.Proposed => WriteResult.Proposed,
        _ => WriteResult.Refused,
    };

    private static WriteResult Of(HttpResponseMessage response) => response.StatusCode switch
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

    private static string Csv(IEnumerable<string> header, IEnumerable<string> row) =>
        string.Join(',', header.Select(Cell)) + "\r\n" + string.Join(',', row.Select(Cell)) + "\r\n";

    private static string Cell(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";
}
