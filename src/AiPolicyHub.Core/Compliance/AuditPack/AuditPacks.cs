using System.IO.Compression;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Definitions;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Compliance.AuditPack;

/// <summary>What the pack covers: the period (a year to today when not given) and whether evidence files go in.</summary>
public sealed record AuditPackRequest(DateOnly? From = null, DateOnly? To = null, bool IncludeEvidenceFiles = false);

/// <summary>A pack written (its id, file name, the SHA-256 of its manifest and the files in it), or why none was.</summary>
public sealed record AuditPackOutcome(ReportRefusal Refusal, string Message, string PackId = "", string FileName = "", string ManifestSha256 = "",
    IReadOnlyList<AuditPackManifestEntry>? Files = null)
{
    public bool Succeeded => Refusal == ReportRefusal.None;
}

/// <summary>
/// The audit pack: one ZIP of every registered <see cref="IAuditPackPart"/> in order, each file with its SHA-256 and data
/// fingerprint in <c>manifest.json</c>. Compliance officers and administrators only. The pack is recorded in the report
/// history under its id with the manifest's SHA-256 as its fingerprint, so the manifest can be checked against the record
/// and each part against the manifest (<see cref="AuditPackVerifier"/>).
/// </summary>
public sealed class AuditPacks(IDbContextFactory<AppDbContext> contexts, IEnumerable<IAuditPackPart> parts, AuditTrail audit, TimeProvider clock,
    ReportOptions options)
{
    public const string ManifestPath = "manifest.json";
    public const string Format = "aipolicyhub-audit-pack-v1";
    public const string Title = "Audit pack";
    public const int MaxPeriodDays = 3660;

    private readonly IReadOnlyList<IAuditPackPart> ordered = [.. parts.OrderBy(p => p.Order)];

    public IReadOnlyList<string> PartTitles => [.. ordered.Select(p => p.Title)];

    /// <summary>The period a request asks for, or why it cannot be used.</summary>
    public Result<AuditPackPeriod> PeriodOf(AuditPackRequest request)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var to = request.To ?? today;
        var from = request.From ?? to.AddYears(-1).AddDays(1);
        if (from > to)
        {
            return Result<AuditPackPeriod>.Failure("The period must start on or before the day it ends.");
        }
        if (to.DayNumber - from.DayNumber >= MaxPeriodDays)
        {
            return Result<AuditPackPeriod>.Failure("Choose a period of ten years or less.");
        }
        return Result.Success(new AuditPackPeriod(from, to));
    }

    /// <summary>Checks who asks and the period, then writes the pack to <paramref name="output"/> and records it.</summary>
    public async Task<AuditPackOutcome> WriteAsync(ClaimsPrincipal principal, AuditPackRequest request, Stream output, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var actor = await Actor.FindAsync(db, principal, cancellationToken);
        if (actor is null)
        {
            return new AuditPackOutcome(ReportRefusal.NotSignedIn, "Sign in to download the audit pack.");
        }
        if (!actor.IsComplianceOrAdmin)
        {
            return new AuditPackOutcome(ReportRefusal.Forbidden, "Only compliance officers and administrators can download the audit pack.");
        }
        if (PeriodOf(request).Value is not { } period)
        {
            return new AuditPackOutcome(ReportRefusal.NotFound, PeriodOf(request).Errors[0]);
        }
        using var activity = Telemetry.AppTelemetry.Source.StartActivity("audit pack");
        var now = clock.GetUtcNow();
        var stamp = new ReportStamp(options.OrganisationName, ReportService.NewReportId(now), now, actor.Name);
        var context = new AuditPackContext(db, actor, principal, stamp, period, request.IncludeEvidenceFiles);
        byte[] manifest;
        AuditPackSink sink;
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            sink = new AuditPackSink(archive);
            foreach (var part in ordered)
            {
                sink.CurrentPart = part.Title;
                await part.WriteAsync(context, sink, cancellationToken);
            }
            manifest = Manifest(stamp, period, request.IncludeEvidenceFiles, sink.Entries);
            var entry = archive.CreateEntry(ManifestPath, CompressionLevel.Fastest);
            entry.LastWriteTime = new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
            using var stream = entry.Open();
            stream.Write(manifest);
        }
        var manifestHash = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(manifest));
        await ReportService.RecordGenerationAsync(db, audit, actor,
            new ReportMetadata(Title, "Audit pack", options.OrganisationName, options.OrganisationName, stamp.ReportId, now, actor.Name,
                $"Period {period}; evidence files {(request.IncludeEvidenceFiles ? "included" : "left out")}", manifestHash), cancellationToken);
        var day = now.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return new AuditPackOutcome(ReportRefusal.None, "", stamp.ReportId, $"audit-pack-{day}.zip", manifestHash, sink.Entries);
    }

    private static byte[] Manifest(ReportStamp stamp, AuditPackPeriod period, bool files, IReadOnlyList<AuditPackManifestEntry> entries)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("packId", stamp.ReportId);
            w.WriteString("organisation", stamp.OrganisationName);
            w.WriteString("generatedAt", stamp.GeneratedAt.UtcDateTime);
            w.WriteString("generatedBy", stamp.GeneratedBy);
            w.WriteString("periodFrom", period.From.ToString("yyyy-MM-dd"));
            w.WriteString("periodTo", period.To.ToString("yyyy-MM-dd"));
            w.WriteBoolean("evidenceFilesIncluded", files);
            w.WriteString("howToVerify", "Each file's SHA-256 (sha256sum) must equal its sha256 below; each report's data fingerprint is printed in it and "
                + "checkable under Reports → Check a report. This manifest's own SHA-256 is recorded in the report history under the pack id.");
            w.WriteStartArray("files");
            foreach (var e in entries)
            {
                w.WriteStartObject();
                w.WriteString("part", e.Part);
                w.WriteString("path", e.Path);
                w.WriteString("contentType", e.ContentType);
                w.WriteNumber("bytes", e.Bytes);
                w.WriteString("sha256", e.Sha256);
                w.WriteString("dataFingerprint", e.Fingerprint);
                if (e.Note is not null) w.WriteString("note", e.Note);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
