using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Reports;
using Json.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Reports;

/// <summary>
/// The CycloneDX 1.6 JSON schema shipped beside these tests (Schemas/, with the SPDX and JSF schemas it references), loaded
/// from those files only: every <c>$ref</c> resolves to a registered local schema, nothing is fetched.
/// </summary>
public static class CycloneDxSchema
{
    private static readonly Lazy<(JsonSchema Bom, JsonSchema[] Referenced)> Schemas = new(() =>
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Reports", "Schemas");
        return (JsonSchema.FromFile(Path.Combine(folder, "bom-1.6.schema.json")),
            [JsonSchema.FromFile(Path.Combine(folder, "spdx.schema.json")), JsonSchema.FromFile(Path.Combine(folder, "jsf-0.82.schema.json"))]);
    });

    /// <summary>The schema's complaints about <paramref name="document"/>, each as "where: what"; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(JsonNode? document)
    {
        var (bom, referenced) = Schemas.Value;
        var options = new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true };
        foreach (var schema in referenced)
        {
            options.SchemaRegistry.Register(schema);
        }
        var results = bom.Evaluate(document, options);
        if (results.IsValid)
        {
            return [];
        }
        var errors = results.Details.Where(d => d.HasErrors).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).ToList();
        return errors.Count > 0 ? errors : ["invalid"];
    }
}

public sealed class AiBillOfMaterialsTests : IAsyncLifetime
{
    private TestServices test = null!;
    private AiBillOfMaterials bom = null!;
    private ClaimsPrincipal compliance = null!, manager = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices().InitializeAsync();
        compliance = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        manager = await test.CreateUserAsync("Max Manager", Roles.Manager);
        await using (var db = await test.DbAsync())
        {
            await DemoData.SeedAsync(db, test.Audit, CancellationToken.None);
        }
        bom = new AiBillOfMaterials(test.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>(), test.Audit, test.Clock, new ReportOptions("Nordlicht Logistik GmbH"));
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private async Task<JsonNode> ExportAsync()
    {
        var outcome = await bom.ExportAsync(compliance);
        Assert.True(outcome.Succeeded, outcome.Message);
        return JsonNode.Parse(outcome.Json)!;
    }

    [Fact]
    public async Task The_AI_bill_of_materials_of_the_demo_data_validates_against_the_CycloneDX_1_6_schema()
    {
        var document = await ExportAsync();

        Assert.Empty(CycloneDxSchema.Errors(document));
        Assert.Equal("CycloneDX", (string?)document["bomFormat"]);
        Assert.Equal("1.6", (string?)document["specVersion"]);
    }

    [Fact]
    public async Task A_document_with_a_broken_field_fails_the_schema()
    {
        var brokenType = await ExportAsync();
        brokenType["components"]![0]!["type"] = "spaceship";
        var brokenSerial = await ExportAsync();
        brokenSerial["serialNumber"] = "not-a-uuid";
        var unknownField = await ExportAsync();
        unknownField["services"]![0]!["approvalStatus"] = "Approved";

        Assert.Contains(CycloneDxSchema.Errors(brokenType), e => e.StartsWith("/components/0/type", StringComparison.Ordinal));
        Assert.Contains(CycloneDxSchema.Errors(brokenSerial), e => e.StartsWith("/serialNumber", StringComparison.Ordinal));
        Assert.NotEmpty(CycloneDxSchema.Errors(unknownField));
    }

    [Fact]
    public async Task Tools_and_models_are_components_agents_and_connectors_are_services_with_their_relations()
    {
        var document = await ExportAsync();
        await using var db = await test.DbAsync();
        var support = await db.Agents.Include(a => a.Connectors).SingleAsync(a => a.Name == "Support inbox agent");
        var claude = await db.Tools.SingleAsync(t => t.Name == "Claude for Work");

        var components = document["components"]!.AsArray();
        Assert.Contains(components, c => (string?)c!["bom-ref"] == AiBillOfMaterials.ToolRef(claude.Id) && (string?)c["type"] == "application");
        Assert.Contains(components, c => (string?)c!["bom-ref"] == AiBillOfMaterials.ModelRef(claude.Id) && (string?)c["type"] == "machine-learning-model"
            && (string?)c["name"] == "Claude Sonnet");
        var services = document["services"]!.AsArray();
        var agent = services.Single(s => (string?)s!["bom-ref"] == AiBillOfMaterials.AgentRef(support.Id))!;
        Assert.Contains(services, s => (string?)s!["name"] == "Helpdesk MCP server" && (string?)s["endpoints"]![0] == "https://mcp.helpdesk.example.com/mcp");

        var dependsOn = document["dependencies"]!.AsArray().Single(d => (string?)d!["ref"] == AiBillOfMaterials.AgentRef(support.Id))!["dependsOn"]!
            .AsArray().Select(r => (string?)r).ToHashSet();
        Assert.Equal([AiBillOfMaterials.ToolRef(claude.Id), .. support.Connectors.Select(c => AiBillOfMaterials.ConnectorRef(c.ConnectorId))], dependsOn);
        Assert.Contains(document["dependencies"]!.AsArray(), d => (string?)d!["ref"] == AiBillOfMaterials.ToolRef(claude.Id)
            && d["dependsOn"]!.AsArray().Select(r => (string?)r).SequenceEqual([AiBillOfMaterials.ModelRef(claude.Id)]));

        var properties = agent["properties"]!.AsArray().Select(p => ((string?)p!["name"], (string?)p["value"])).ToList();
        Assert.Contains(("aipolicyhub:autonomy", "Acts with a person's approval"), properties);
        Assert.Contains(("aipolicyhub:permission", "Send messages outside the organisation"), properties);
        Assert.Contains(("aipolicyhub:human-checkpoint", "Send messages outside the organisation: Support team lead"), properties);
        Assert.Contains(("aipolicyhub:approval-status", "Approved"), properties);
        Assert.Contains(("aipolicyhub:paused", "false"), properties);
        Assert.Contains(properties, p => p.Item1 == "aipolicyhub:data-classification" && !string.IsNullOrEmpty(p.Item2));
    }

    [Fact]
    public async Task The_metadata_carries_the_apps_clock_the_tool_the_author_and_a_serial_number()
    {
        var document = await ExportAsync();

        Assert.Equal("2026-12-01T10:00:00Z", (string?)document["metadata"]!["timestamp"]);
        Assert.Equal("AiPolicyHub", (string?)document["metadata"]!["tools"]!["components"]![0]!["name"]);
        Assert.Equal("Cora Compliance", (string?)document["metadata"]!["authors"]![0]!["name"]);
        Assert.Matches("^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", (string?)document["serialNumber"]);
        Assert.Equal(1, (int?)document["version"]);
    }

    [Fact]
    public async Task Each_export_is_recorded_in_the_report_history_under_its_serial_number()
    {
        var outcome = await bom.ExportAsync(compliance);

        await using var db = await test.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == ReportService.EntityType && e.EntityId == outcome.SerialNumber);
        Assert.Equal(AiBillOfMaterials.Title, entry.EntityName);
        var fingerprint = AuditTrail.ChangesOf(entry).Single(c => c.Field == "Fingerprint").After;
        Assert.Equal("sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(outcome.Json!)), fingerprint);
    }

    [Fact]
    public async Task Only_compliance_officers_and_administrators_may_export_it_and_a_refusal_records_nothing()
    {
        var outcome = await bom.ExportAsync(manager);

        Assert.Equal(ReportRefusal.Forbidden, outcome.Refusal);
        Assert.Null(outcome.Json);
        await using var db = await test.DbAsync();
        Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityType == ReportService.EntityType));
    }
}
