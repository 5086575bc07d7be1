using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Reports.Definitions;

namespace AiPolicyHub.Core.Compliance.AuditPack;

/// <summary>
/// One part of the audit pack (the Statement of Applicability, the risk register, …). A part is a class registered in DI as
/// an <see cref="IAuditPackPart"/> (see <see cref="AuditPackRegistration"/>): adding a part to the pack is adding one class
/// and one line there. A part writes one or more files through the <see cref="AuditPackSink"/>, each with the data
/// fingerprint it was built from; the pack lists every file with its SHA-256 in its manifest.
/// </summary>
public interface IAuditPackPart
{
    /// <summary>Where the part comes in the manifest (ascending); leave gaps so parts can go between.</summary>
    int Order { get; }

    /// <summary>What the part is, e.g. "Risk register".</summary>
    string Title { get; }

    Task WriteAsync(AuditPackContext context, AuditPackSink sink, CancellationToken cancellationToken);
}

/// <summary>The days a pack covers, both included (UTC).</summary>
public sealed record AuditPackPeriod(DateOnly From, DateOnly To)
{
    public DateTime StartUtc => From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>The first moment after the period.</summary>
    public DateTime EndUtc => To.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    public bool Contains(DateTime utc) => utc >= StartUtc && utc < EndUtc;

    public override string ToString() => $"{From:yyyy-MM-dd} to {To:yyyy-MM-dd}";
}

/// <summary>
/// What every part is built with: the pack's database context, the person (already checked: compliance or administrator),
/// the pack's stamp (one report id for the pack and every report in it), the period and whether evidence files go in.
/// </summary>
public sealed record AuditPackContext(AppDbContext Db, Actor Actor, ClaimsPrincipal Principal, ReportStamp Stamp, AuditPackPeriod Period,
    bool IncludeEvidenceFiles);
