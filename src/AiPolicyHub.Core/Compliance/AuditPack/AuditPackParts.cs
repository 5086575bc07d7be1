using System.Text.Json;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Policies;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Definitions;
using AiPolicyHub.Core.Reports.Pdf;
using AiPolicyHub.Core.Rules.Stored;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Compliance.AuditPack;

/// <summary>The Statement of Applicability: the latest published version (the working statement while none is), as PDF and XLSX.</summary>
public sealed class StatementOfApplicabilityPart(StatementOfApplicability statement) : IAuditPackPart
{
    public int Order => 10;
    public string Title => "Statement of Applicability";

    public async Task WriteAsync(AuditPackContext context, AuditPackSink sink, CancellationToken cancellationToken)
    {
        var edition = (await statement.EditionAsync(context.Db, null, preferPublished: true, cancellationToken))!;
        var renderer = new PdfReportRenderer();
        var note = SoaReport.EditionText(edition.Version);
        var (pdf, metadata) = SoaExports.Render(context.Stamp, edition, SoaExportFormat.Pdf, renderer);
        await sink.AddAsync("statement-of-applicability.pdf", "application/pdf", pdf, metadata.Fingerprint, note, cancellationToken);
        var (xlsx, _) = SoaExports.Render(context.Stamp, edition, SoaExportFormat.Xlsx, renderer);
        await sink.AddAsync("statement-of-applicability.xlsx", SoaReport.XlsxContentType, xlsx, metadata.Fingerprint, note, cancellationToken);
    }
}

/// <summary>The AI risk register as it is now, unfiltered, as PDF.</summary>
public sealed class RiskRegisterPart(RuleSettingsStore ruleSettings) : IAuditPackPart
{
    public int Order => 20;
    public string Title => "Risk register";

    public async Task WriteAsync(AuditPackContext context, AuditPackSink sink, CancellationToken cancellationToken)
    {
        var settings = await ruleSettings.LoadAsync(context.Db, cancellationToken);
        var document = await RiskRegisterReport.BuildAsync(context.Db, settings, context.Stamp, ReportFilters.None, cancellationToken);
        await sink.AddAsync("risk-register.pdf", "application/pdf", new PdfReportRenderer().Render(document), document.Metadata.Fingerprint,
            "The register as it stands when the pack is made.", cancellationToken);
    }
}

/// <summary>The latest published version of the AI usage policy, as PDF (a note in the manifest when none is published).</summary>
public sealed class PublishedPolicyPart : IAuditPackPart
{
    public int Order => 30;
    public string Title => "Published AI usage policy";

    public async Task WriteAsync(AuditPackContext context, AuditPackSink sink, CancellationToken cancellationToken)
    {
        if (await PolicyDocuments.LoadVersionAsync(context.Db, null, cancellationToken) is not { } published)
        {
            var empty = AuditPackJson.Write(context, "published-policy", new ReportFingerprint().Add("policy-version", "none"), w => w.WriteNull("version"));
            await sink.AddAsync("usage-policy.json", "application/json", empty.Content, empty.Fingerprint, "No version of the policy is published.", cancellationToken);
            return;
        }
        var document = UsagePolicyReport.Build(context.Stamp, published.Content, published.Info, PolicyDocuments.FingerprintOf(published));
        await sink.AddAsync("usage-policy.pdf", "application/pdf", new PdfReportRenderer().Render(document), document.Metadata.Fingerprint,
            $"Version {published.Info.Number}, published {published.Info.PublishedAt:yyyy-MM-dd} by {published.Info.ApprovedBy}.", cancellationToken);
    }
}

/// <summary>
/// Every piece of evidence with its record, owner, dates and current file (name, size, SHA-256), as JSON; with the files
/// when asked, each current version under <c>evidence-files/</c>, its fingerprint the SHA-256 stored when it was uploaded (so
/// the manifest's hash of the file shows it is the bytes that were uploaded).
/// </summary>
public sealed class EvidenceIndexPart : IAuditPackPart
{
    public int Order => 40;
    public string Title => "Evidence index";

    public async Task WriteAsync(AuditPackContext context, AuditPackSink sink, CancellationToken cancellationToken)
    {
        var rows = await EvidenceIndex.RowsAsync(context.Db, cancellationToken);
        var fingerprint = new ReportFingerprint();
        foreach (var r in rows)
        {
            fingerprint.Add("evidence", r.Id, r.SubjectKind, r.SubjectId, r.SubjectName, r.Kind, r.Description, r.Url, r.Owner, r.ProducedOn, r.ExpiresOn,
                r.FileVersions, r.FileName, r.SizeBytes, r.Sha256);
        }
        var today = context.Stamp.Today;
        var json = AuditPackJson.Write(context, "evidence-index", fingerprint, w =>
        {
            w.WriteStartArray("evidence");
            foreach (var r in rows)
            {
                w.WriteStartObject();
                w.WriteNumber("id", r.Id);
                w.WriteString("attachedTo", EnumText.Of(r.SubjectKind));
                w.WriteNumber("recordId", r.SubjectId);
                w.WriteString("record", r.SubjectName);
                w.WriteString("kind", r.Kind.ToString());
                w.WriteString("description", r.Description);
                if (r.Url is not null) w.WriteString("url", r.Url);
                w.WriteString("owner", r.Owner);
                w.WriteString("producedOn", r.ProducedOn.ToString("yyyy-MM-dd"));
                if (r.ExpiresOn is { } end) w.WriteString("expiresOn", end.ToString("yyyy-MM-dd"));
                w.WriteBoolean("expired", r.ExpiresOn is { } e && e < today);
                if (r.FileName is not null)
                {
                    w.WriteString("fileName", r.FileName);
                    w.WriteNumber("fileVersion", r.FileVersions);
                    w.WriteNumber("sizeBytes", r.SizeBytes ?? 0);
                    w.WriteString("sha256", r.Sha256);
                    if (context.IncludeEvidenceFiles) w.WriteString("fileInPack", FilePath(r.Id, r.FileVersions, r.FileName));
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        await sink.AddAsync("evidence-index.json", "application/json", json.Content, json.Fingerprint,
            context.IncludeEvidenceFiles ? "With the current version of every file under evidence-files/." : "Without the files (their SHA-256 is listed).", cancellationToken);
        if (!context.IncludeEvidenceFiles)
        {
            return;
        }
        var files = await (from e in context.Db.Evidence.AsNoTracking()
                           join v in context.Db.EvidenceFileVersions.AsNoTracking() on new { e.Id, Number = e.CurrentFileVersion } equals new { Id = v.EvidenceId, v.Number }
                           orderby e.Id
                           select new { e.Id, VersionId = v.Id, v.Number, v.FileName, v.ContentType, v.Sha256 }).ToListAsync(cancellationToken);
        foreach (var f in files)
        {
            // One file at a time, so the pack never holds more than one file's bytes.
            var bytes = await context.Db.EvidenceFileContents.AsNoTracking().Where(c => c.VersionId == f.VersionId).Select(c => c.Bytes).SingleAsync(cancellationToken);
            await sink.AddAsync(FilePath(f.Id, f.Number, f.FileName), f.ContentType, bytes, "sha256:" + f.Sha256, null, cancellationToken);
        }
    }

    /// <summary>File names are checked when uploaded (no path characters), so they are safe inside the ZIP.</summary>
    private static string FilePath(int id, int version, string fileName) => $"evidence-files/{id}-v{version}-{fileName}";
}

/// <summary>The incidents that happened in the period, with their triage, serious-incident classification and notices, as JSON.</summary>
public sealed class IncidentsPart : IAuditPackPart
{
    public int Order => 60;
    public string Title => "Incidents in the period";

    public async Task WriteAsync(AuditPackContext context, AuditPackSink sink, CancellationToken cancellationToken)
    {
        var db = context.Db;
        var (start, end) = (context.Period.StartUtc, context.Period.EndUtc);
        var incidents = await (from i in db.Incidents.AsNoTracking()
                               where i.OccurredAt >= start && i.OccurredAt < end
                               orderby i.OccurredAt, i.Id
                               select new
                               {
                                   Incident = i,
                                   Workflow = db.Workflows.Where(w => w.Id == i.WorkflowId).Select(w => w.Name).FirstOrDefault(),
                                   Tool = db.Tools.Where(t => t.Id == i.ToolId).Select(t => t.Name).FirstOrDefault(),
                               }).ToListAsync(cancellationToken);
        var ids = incidents.Select(i => i.Incident.Id).ToList();
        var notices = (await db.IncidentNotices.AsNoTracking().Where(n => ids.Contains(n.IncidentId)).OrderBy(n => n.Id).ToListAsync(cancellationToken))
            .ToLookup(n => n.IncidentId);
        var fingerprint = new ReportFingerprint().Add("period", context.Period.From, context.Period.To);
        foreach (var row in incidents)
        {
            var i = row.Incident;
            fingerprint.Add("incident", i.Id, i.Title, row.Workflow, row.Tool, i.OccurredAt, i.Severity, i.Category, i.Status, i.RootCause, i.Actions,
                i.ReportedByName, i.ReportedAt, i.SeriousKind, i.AwareOn);
            foreach (var n in notices[i.Id])
            {
                fingerprint.Add("notice", i.Id, n.Id, n.Recipient, n.RecipientName, n.SentOn, n.Reference);
            }
        }
        var json = AuditPackJson.Write(context, "incidents", fingerprint, w =>
        {
            w.WriteStartArray("incidents");
            foreach (var row in incidents)
            {
                var i = row.Incident;
                w.WriteStartObject();
                w.WriteNumber("id", i.Id);
                w.WriteString("title", i.Title);
                if (row.Workflow is not null) w.WriteString("workflow", row.Workflow);
                if (row.Tool is not null) w.WriteString("tool", row.Tool);
                w.WriteString("occurredAt", DateTime.SpecifyKind(i.OccurredAt, DateTimeKind.Utc));
                w.WriteString("severity", i.Severity.ToString());
                w.WriteString("category", i.Category.ToString());
                w.WriteString("status", i.Status.ToString());
                w.WriteString("whatHappened", i.WhatHappened);
                w.WriteString("rootCause", i.RootCause);
                w.WriteString("actions", i.Actions);
                w.WriteString("reportedBy", i.ReportedByName);
                w.WriteString("reportedAt", DateTime.SpecifyKind(i.ReportedAt, DateTimeKind.Utc));
                if (i.SeriousKind is { } kind) w.WriteString("seriousIncident", kind.ToString());
                if (i.AwareOn is { } aware) w.WriteString("awareOn", aware.ToString("yyyy-MM-dd"));
                w.WriteStartArray("notices");
                foreach (var n in notices[i.Id])
                {
                    w.WriteStartObject();
                    w.WriteString("to", n.Recipient.ToString());
                    w.WriteString("name", n.RecipientName);
                    w.WriteString("sentOn", n.SentOn.ToString("yyyy-MM-dd"));
                    w.WriteString("reference", n.Reference);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
        });
        await sink.AddAsync("incidents.json", "application/json", json.Content, json.Fingerprint, $"{incidents.Count} incidents that happened from {context.Period}.", cancellationToken);
    }
}

/// <summary>The audit trail's verification when the pack is made: whether the chain is intact, how many entries, the first broken one.</summary>
public sealed class AuditChainPart(AuditTrail audit, AuditCheckpoints checkpoints) : IAuditPackPart
{
    public int Order => 70;
    public string Title => "Audit-chain verification";

    public async Task WriteAsync(AuditPackContext context, AuditPackSink sink, CancellationToken cancellationToken)
    {
        var result = await audit.VerifyAsync(context.Db, await checkpoints.ReadExportedAsync(cancellationToken), cancellationToken);
        var fingerprint = new ReportFingerprint().Add("audit-verification", result.Intact, result.EntriesChecked, result.FirstBrokenEntryId, result.Message);
        var json = AuditPackJson.Write(context, "audit-chain-verification", fingerprint, w =>
        {
            w.WriteBoolean("intact", result.Intact);
            w.WriteNumber("entriesChecked", result.EntriesChecked);
            if (result.FirstBrokenEntryId is { } broken) w.WriteNumber("firstBrokenEntryId", broken);
            w.WriteString("message", result.Message);
        });
        await sink.AddAsync("audit-chain-verification.json", "application/json", json.Content, json.Fingerprint,
            result.Intact ? "The audit trail is intact." : "The audit trail is NOT intact: " + result.Message, cancellationToken);
    }
}

/// <summary>The JSON parts' common head: which part, the pack's id, when, by whom, the period and the data fingerprint, then the part's own content.</summary>
internal static class AuditPackJson
{
    public static (byte[] Content, string Fingerprint) Write(AuditPackContext context, string part, ReportFingerprint fingerprint, Action<Utf8JsonWriter> body)
    {
        var computed = fingerprint.Compute();
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("part", part);
            w.WriteString("packId", context.Stamp.ReportId);
            w.WriteString("organisation", context.Stamp.OrganisationName);
            w.WriteString("generatedAt", context.Stamp.GeneratedAt.UtcDateTime);
            w.WriteString("generatedBy", context.Stamp.GeneratedBy);
            w.WriteString("periodFrom", context.Period.From.ToString("yyyy-MM-dd"));
            w.WriteString("periodTo", context.Period.To.ToString("yyyy-MM-dd"));
            w.WriteString("dataFingerprint", computed);
            body(w);
            w.WriteEndObject();
        }
        return (buffer.ToArray(), computed);
    }
}
