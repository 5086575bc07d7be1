using System.Globalization;
using System.Reflection;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using AiPolicyHub.Core.Agents;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Reports;

/// <summary>The AI bill of materials, or why it was refused; <see cref="Json"/> is the UTF-8 file.</summary>
public sealed record AiBomOutcome(ReportRefusal Refusal, string Message, byte[]? Json = null, string FileName = "", string SerialNumber = "")
{
    public bool Succeeded => Refusal == ReportRefusal.None;
}

/// <summary>
/// The organisation's AI bill of materials as a CycloneDX 1.6 JSON document: the AI tools (applications) and the models they
/// run (machine-learning models) as components; agents and connectors as services; and in <c>dependencies</c> which tool runs
/// on which model and which agent runs on which tool and reaches which connectors. What CycloneDX has no field for (approval
/// status, the highest data classification reached, autonomy, permissions, human checkpoints, paused) is given as properties
/// named <c>aipolicyhub:…</c>. Retired records are left out. Like the registers, only compliance officers and administrators
/// may export it; every export is recorded in the report history (the audit trail) with its serial number and SHA-256.
/// </summary>
public sealed class AiBillOfMaterials(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, TimeProvider clock, ReportOptions options)
{
    public const string Title = "AI bill of materials (CycloneDX 1.6)";
    public const string SpecVersion = "1.6";
    public const string ContentType = "application/vnd.cyclonedx+json; version=1.6";
    public const string PropertyPrefix = "aipolicyhub:";
    public const string NotAllowed = "Only compliance officers and administrators can export the AI bill of materials.";

    public async Task<AiBomOutcome> ExportAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return new AiBomOutcome(ReportRefusal.NotSignedIn, "Sign in to export the AI bill of materials.");
        }
        if (!actor.IsComplianceOrAdmin)
        {
            return new AiBomOutcome(ReportRefusal.Forbidden, NotAllowed);
        }

        var now = clock.GetUtcNow();
        var serial = "urn:uuid:" + Guid.NewGuid().ToString("D");
        var json = await WriteAsync(db, serial, now, actor, cancellationToken);
        var fingerprint = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(json));

        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await audit.AppendAsync(db, actor, ReportService.EntityType, serial, Title, AuditAction.Created,
                [
                    new FieldChange("Report", null, Title),
                    new FieldChange("Filters", null, ""),
                    new FieldChange("Fingerprint", null, fingerprint),
                ], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        var fileName = $"ai-bom-{now.UtcDateTime.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture)}.cdx.json";
        return new AiBomOutcome(ReportRefusal.None, "", json, fileName, serial);
    }

    private async Task<byte[]> WriteAsync(AppDbContext db, string serial, DateTimeOffset now, Actor actor, CancellationToken cancellationToken)
    {
        var levels = await db.ClassificationLevels.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.Name, cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var tools = await db.Tools.AsNoTracking().Where(t => t.ApprovalStatus != ToolApprovalStatus.Retired).ToListAsync(cancellationToken);
        var connectors = await db.Connectors.AsNoTracking().Where(c => c.ApprovalStatus != ToolApprovalStatus.Retired).ToListAsync(cancellationToken);
        var agents = await db.Agents.AsNoTracking().Where(a => a.Status != WorkflowStatus.Retired)
            .Include(a => a.Connectors).Include(a => a.Checkpoints).AsSplitQuery().ToListAsync(cancellationToken);
        tools = [.. tools.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase).ThenBy(t => t.Id)];
        connectors = [.. connectors.OrderBy(c => c.Name, StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id)];
        agents = [.. agents.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase).ThenBy(a => a.Id)];
        string Level(int id) => levels.GetValueOrDefault(id, "");

        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
            w.WriteString("bomFormat", "CycloneDX");
            w.WriteString("specVersion", SpecVersion);
            w.WriteString("serialNumber", serial);
            w.WriteNumber("version", 1);

            w.WriteStartObject("metadata");
            w.WriteString("timestamp", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteStartObject("tools");
            w.WriteStartArray("components");
            w.WriteStartObject();
            w.WriteString("type", "application");
            w.WriteString("name", "AiPolicyHub");
            w.WriteString("version", AppVersion);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteStartArray("authors");
            w.WriteStartObject();
            w.WriteString("name", actor.Name);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("component");
            w.WriteString("type", "platform");
            w.WriteString("bom-ref", "organisation");
            w.WriteString("name", $"{options.OrganisationName} AI inventory");
            w.WriteEndObject();
            w.WriteStartObject("supplier");
            w.WriteString("name", options.OrganisationName);
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("components");
            foreach (var t in tools)
            {
                w.WriteStartObject();
                w.WriteString("type", "application");
                w.WriteString("bom-ref", ToolRef(t.Id));
                Supplier(w, t.Vendor);
                w.WriteString("name", t.Name);
                if (!string.IsNullOrWhiteSpace(t.Notes))
                {
                    w.WriteString("description", t.Notes);
                }
                Properties(w,
                [
                    ("approval-status", EnumText.Of(t.ApprovalStatus)),
                    ("deployment", EnumText.Of(t.Deployment)),
                    .. EnumText.Flags(t.Capabilities).Select(c => ("capability", EnumText.Of(c))),
                    ("max-data-classification", Level(t.MaxClassificationId)),
                    ("trains-on-our-data", EnumText.Of(t.TrainsOnOurData)),
                    ("data-processing-agreement", t.HasDataProcessingAgreement ? "true" : "false"),
                    ("data-residency", t.DataResidency),
                    ("retention-days", t.RetentionDays?.ToString(CultureInfo.InvariantCulture) ?? ""),
                    ("paused", t.PausedReason is null ? "false" : "true"),
                    ("paused-reason", t.PausedReason ?? ""),
                ]);
                w.WriteEndObject();
                if (HasModel(t))
                {
                    w.WriteStartObject();
                    w.WriteString("type", "machine-learning-model");
                    w.WriteString("bom-ref", ModelRef(t.Id));
                    Supplier(w, t.Vendor);
                    w.WriteString("name", t.ModelVersion.Trim());
                    w.WriteString("description", $"The model behind {t.Name}.");
                    w.WriteEndObject();
                }
            }
            w.WriteEndArray();

            w.WriteStartArray("services");
            foreach (var c in connectors)
            {
                w.WriteStartObject();
                w.WriteString("bom-ref", ConnectorRef(c.Id));
                if (!string.IsNullOrWhiteSpace(c.Vendor))
                {
                    w.WriteStartObject("provider");
                    w.WriteString("name", c.Vendor.Trim());
                    w.WriteEndObject();
                }
                w.WriteString("name", c.Name);
                w.WriteString("description", $"{EnumText.Of(c.Kind)} (connector)");
                if (Uri.TryCreate(c.Endpoint.Trim(), UriKind.Absolute, out var endpoint))
                {
                    w.WriteStartArray("endpoints");
                    w.WriteStringValue(endpoint.AbsoluteUri);
                    w.WriteEndArray();
                }
                Data(w, Level(c.DataClassificationId));
                Properties(w,
                [
                    ("kind", EnumText.Of(c.Kind)),
                    ("approval-status", EnumText.Of(c.ApprovalStatus)),
                    ("data-classification", Level(c.DataClassificationId)),
                    .. Lines(c.ToolsExposed).Select(tool => ("exposes-tool", tool)),
                    ("paused", c.PausedReason is null ? "false" : "true"),
                    ("paused-reason", c.PausedReason ?? ""),
                ]);
                w.WriteEndObject();
            }
            foreach (var a in agents)
            {
                w.WriteStartObject();
                w.WriteString("bom-ref", AgentRef(a.Id));
                w.WriteString("group", departments.GetValueOrDefault(a.DepartmentId, ""));
                w.WriteString("name", a.Name);
                if (!string.IsNullOrWhiteSpace(a.Purpose))
                {
                    w.WriteString("description", a.Purpose);
                }
                Data(w, Level(a.DataClassificationId));
                Properties(w,
                [
                    ("type", "AI agent"),
                    ("approval-status", EnumText.Of(a.Status)),
                    ("autonomy", EnumText.Of(a.Autonomy)),
                    .. EnumText.Flags(a.Permissions).Select(p => ("permission", EnumText.Of(p))),
                    .. a.Checkpoints.OrderBy(k => k.Permission).Select(k => ("human-checkpoint", $"{EnumText.Of(k.Permission)}: {k.Approver}")),
                    ("data-classification", Level(a.DataClassificationId)),
                    ("department", departments.GetValueOrDefault(a.DepartmentId, "")),
                    ("last-activity", a.LastActivityOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""),
                    ("paused", a.Status == WorkflowStatus.Paused ? "true" : "false"),
                ]);
                w.WriteEndObject();
            }
            w.WriteEndArray();

            // Every listed item has its entry, leaves with an empty list: "depends on nothing" rather than "unknown".
            var present = tools.Select(t => ToolRef(t.Id)).Concat(connectors.Select(c => ConnectorRef(c.Id))).ToHashSet(StringComparer.Ordinal);
            w.WriteStartArray("dependencies");
            foreach (var t in tools)
            {
                Dependency(w, ToolRef(t.Id), HasModel(t) ? [ModelRef(t.Id)] : []);
                if (HasModel(t))
                {
                    Dependency(w, ModelRef(t.Id), []);
                }
            }
            foreach (var c in connectors)
            {
                Dependency(w, ConnectorRef(c.Id), []);
            }
            foreach (var a in agents)
            {
                Dependency(w, AgentRef(a.Id),
                    [.. new[] { ToolRef(a.ToolId) }.Concat(a.Connectors.OrderBy(c => c.ConnectorId).Select(c => ConnectorRef(c.ConnectorId))).Where(present.Contains)]);
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string ToolRef(int id) => $"tool-{id}";
    public static string ModelRef(int toolId) => $"model-{toolId}";
    public static string AgentRef(int id) => $"agent-{id}";
    public static string ConnectorRef(int id) => $"connector-{id}";

    private static bool HasModel(AiTool t) => !string.IsNullOrWhiteSpace(t.ModelVersion);

    private static string AppVersion =>
        typeof(AiBillOfMaterials).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    private static IEnumerable<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal);

    private static void Supplier(Utf8JsonWriter w, string vendor)
    {
        if (!string.IsNullOrWhiteSpace(vendor))
        {
            w.WriteStartObject("supplier");
            w.WriteString("name", vendor.Trim());
            w.WriteEndObject();
        }
    }

    /// <summary>The data a service reaches, by its classification; the flow is both ways (an agent or connector reads and writes).</summary>
    private static void Data(Utf8JsonWriter w, string classification)
    {
        if (classification.Length == 0)
        {
            return;
        }
        w.WriteStartArray("data");
        w.WriteStartObject();
        w.WriteString("flow", "bi-directional");
        w.WriteString("classification", classification);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    /// <summary>Name-value properties under the <c>aipolicyhub:</c> namespace; empty values are left out.</summary>
    private static void Properties(Utf8JsonWriter w, IEnumerable<(string Name, string Value)> properties)
    {
        w.WriteStartArray("properties");
        foreach (var (name, value) in properties.Where(p => !string.IsNullOrWhiteSpace(p.Value)))
        {
            w.WriteStartObject();
            w.WriteString("name", PropertyPrefix + name);
            w.WriteString("value", value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static void Dependency(Utf8JsonWriter w, string reference, IReadOnlyList<string> dependsOn)
    {
        w.WriteStartObject();
        w.WriteString("ref", reference);
        w.WriteStartArray("dependsOn");
        foreach (var d in dependsOn.Distinct(StringComparer.Ordinal))
        {
            w.WriteStringValue(d);
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
