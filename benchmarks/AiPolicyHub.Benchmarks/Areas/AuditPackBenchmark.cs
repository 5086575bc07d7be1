using System.Diagnostics;
using System.Security.Claims;
using AiPolicyHub.Benchmarks.Measurement;
using AiPolicyHub.Core.Compliance.AuditPack;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Benchmarks.Areas;

/// <summary>
/// The audit pack (without evidence files) over a generated inventory with two evidence records per workflow (a quarter of
/// them files, the rest links): every part — the Statement of Applicability as PDF and XLSX, the risk register, the policy,
/// the evidence index, the incidents and the audit-chain check — and the manifest, through Core's own services.
/// </summary>
internal static class AuditPackBenchmark
{
    public static async Task RunAsync(Report report, DatabaseOptions database, int workflows, CancellationToken cancellationToken)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        builder.UseConfiguredDatabase(database);
        string officer;
        int evidence;
        await using (var db = new AppDbContext(builder.Options))
        {
            officer = await OfficerAsync(db, cancellationToken);
            evidence = await SeedEvidenceAsync(db, officer, cancellationToken);
        }
        await using var services = CoreServices.For(database);
        var packs = services.GetRequiredService<AuditPacks>();
        var principal = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, officer)], "bench"));
        var times = new List<TimeSpan>();
        long size = 0;
        var files = 0;
        // The first run pays for JIT of every part's queries and layout, which a running server has paid.
        for (var run = 0; run < 3; run++)
        {
            using var output = new MemoryStream();
            var started = Stopwatch.GetTimestamp();
            var outcome = await packs.WriteAsync(principal, new AuditPackRequest(), output, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            if (!outcome.Succeeded)
            {
                throw new InvalidOperationException("The audit pack was refused: " + outcome.Message);
            }
            if (run > 0)
            {
                times.Add(elapsed);
            }
            (size, files) = (output.Length, outcome.Files!.Count);
        }
        var timing = new Timing($"audit_pack_{workflows}_workflows_{evidence}_evidence", times);
        report.Timing(timing, TimeUnit.Milliseconds, throughput: false);
        report.Figure($"audit_pack_{workflows}_files", files, "files");
        report.Figure($"audit_pack_{workflows}_size", size / 1024.0, "KiB");
    }

    private static async Task<string> OfficerAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == Roles.ComplianceOfficer, cancellationToken)
            ?? db.Roles.Add(new IdentityRole(Roles.ComplianceOfficer) { NormalizedName = Roles.ComplianceOfficer.ToUpperInvariant() }).Entity;
        var user = db.Users.Add(new AppUser
        {
            UserName = "bench.officer@example.com", NormalizedUserName = "BENCH.OFFICER@EXAMPLE.COM", Email = "bench.officer@example.com",
            NormalizedEmail = "BENCH.OFFICER@EXAMPLE.COM", DisplayName = "Bench Officer", SecurityStamp = Guid.NewGuid().ToString(),
        }).Entity;
        db.UserRoles.Add(new IdentityUserRole<string> { RoleId = role.Id, UserId = user.Id });
        await db.SaveChangesAsync(cancellationToken);
        return user.Id;
    }

    /// <summary>Two records per workflow, each with a produced date and, for half of them, an expiry; every fourth a small file.</summary>
    private static async Task<int> SeedEvidenceAsync(AppDbContext db, string owner, CancellationToken cancellationToken)
    {
        var ids = await db.Workflows.OrderBy(w => w.Id).Select(w => w.Id).ToListAsync(cancellationToken);
        var at = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc);
        var records = new List<EvidenceRecord>(ids.Count * 2);
        for (var i = 0; i < ids.Count * 2; i++)
        {
            var isFile = i % 4 == 0;
            records.Add(new EvidenceRecord
            {
                SubjectKind = EvidenceSubjectKind.Workflow, SubjectId = ids[i / 2], Kind = isFile ? EvidenceKind.File : EvidenceKind.Link,
                Description = $"Assessment {i} of workflow {ids[i / 2]}", Url = isFile ? null : $"https://docs.example.com/evidence/{i}", OwnerId = owner,
                ProducedOn = new DateOnly(2026, 1, 1).AddDays(i % 300), ExpiresOn = i % 2 == 0 ? new DateOnly(2027, 1, 1).AddDays(i % 400) : null,
                CurrentFileVersion = isFile ? 1 : 0, AddedById = owner, AddedByName = "Bench Officer", AddedAt = at, ChangedAt = at, Version = 1,
            });
        }
        db.Evidence.AddRange(records);
        await db.SaveChangesAsync(cancellationToken);
        var bytes = "%PDF-1.7\n% a small evidence file\n%%EOF\n"u8.ToArray();
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        db.EvidenceFileVersions.AddRange(records.Where(r => r.Kind == EvidenceKind.File).Select(r => new EvidenceFileVersion
        {
            EvidenceId = r.Id, Number = 1, FileName = $"assessment-{r.Id}.pdf", ContentType = "application/pdf", SizeBytes = bytes.Length, Sha256 = hash,
            UploadedById = owner, UploadedByName = "Bench Officer", UploadedAt = at, Content = new EvidenceFileContent { Bytes = bytes },
        }));
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return records.Count;
    }
}
