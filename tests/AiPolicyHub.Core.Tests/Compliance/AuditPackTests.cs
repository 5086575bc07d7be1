using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using AiPolicyHub.Core.Compliance.AuditPack;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Incidents;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Tests.Evidence;
using AiPolicyHub.Core.Tests.Incidents;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Compliance;

public sealed class AuditPackTests : IAsyncLifetime
{
    private PauseScenario s = null!;
    private AuditPacks Packs => s.Test.Provider.GetRequiredService<AuditPacks>();

    public async Task InitializeAsync()
    {
        s = await PauseScenario.CreateAsync();
        var workflow = await s.WorkflowOnUnapprovedToolAsync("Support reply drafts");
        await s.AttachToControlAsync("A.2.2", "AI policy, signed by the board");
        var file = await s.Test.Provider.GetRequiredService<EvidenceRegister>().AddAsync(s.Maya, new EvidenceSubject(EvidenceSubjectKind.Workflow, workflow),
            new EvidenceForm { Description = "Vendor SOC 2 report", ProducedOn = s.Today().AddDays(-3) }, new EvidenceUpload("soc2.pdf", new MemoryStream(EvidenceSamples.Pdf)));
        Assert.Equal(SaveStatus.Saved, file.Status);
        var incident = await s.Test.Incidents.ReportAsync(s.Maya, new IncidentReport
        {
            WorkflowId = workflow, Title = "Reply sent with a wrong refund amount", WhatHappened = "A customer got a draft that promised too much.",
            OccurredAt = s.Test.Clock.GetUtcNow().UtcDateTime.AddDays(-2), Severity = IncidentSeverity.Medium, Category = IncidentCategory.WrongOutputReachedCustomer,
        });
        Assert.Equal(SaveStatus.Saved, incident.Status);
    }

    public async Task DisposeAsync() => await s.DisposeAsync();

    private async Task<(AuditPackOutcome Outcome, byte[] Zip)> PackAsync(AuditPackRequest request)
    {
        using var buffer = new MemoryStream();
        var outcome = await Packs.WriteAsync(s.Cora, request, buffer);
        return (outcome, buffer.ToArray());
    }

    [Fact]
    public async Task Every_part_of_the_pack_verifies_against_the_SHA_256_in_its_manifest_and_carries_its_data_fingerprint()
    {
        var (outcome, zip) = await PackAsync(new AuditPackRequest(IncludeEvidenceFiles: true));

        Assert.True(outcome.Succeeded, outcome.Message);
        var check = AuditPackVerifier.Verify(new MemoryStream(zip));
        Assert.True(check.Intact, string.Join(" ", check.Problems));
        Assert.Equal(outcome.ManifestSha256, check.ManifestSha256);
        var paths = outcome.Files!.Select(f => f.Path).ToList();
        Assert.Equal(["statement-of-applicability.pdf", "statement-of-applicability.xlsx", "risk-register.pdf", "usage-policy.json", "evidence-index.json",
            "evidence-files/2-v1-soc2.pdf", "reviews-and-attestations.json", "incidents.json", "audit-chain-verification.json"], paths);
        Assert.All(outcome.Files!, f => Assert.Matches("^sha256:[0-9a-f]{64}$", f.Fingerprint));
        using var archive = new ZipArchive(new MemoryStream(zip));
        Assert.Equal(EvidenceSamples.Pdf, Read(archive, "evidence-files/2-v1-soc2.pdf"));
        using var incidents = JsonDocument.Parse(Read(archive, "incidents.json"));
        Assert.Equal(outcome.Files!.Single(f => f.Path == "incidents.json").Fingerprint, incidents.RootElement.GetProperty("dataFingerprint").GetString());
        Assert.Equal("Reply sent with a wrong refund amount", incidents.RootElement.GetProperty("incidents")[0].GetProperty("title").GetString());
        using var chain = JsonDocument.Parse(Read(archive, "audit-chain-verification.json"));
        Assert.True(chain.RootElement.GetProperty("intact").GetBoolean());
        // The pack is in the report history under its id, with the manifest's hash as its fingerprint.
        var recorded = await s.Test.Provider.GetRequiredService<ReportService>().CheckAsync(s.Cora, outcome.PackId, outcome.ManifestSha256);
        Assert.True(recorded.Matches, recorded.Message);
    }

    [Fact]
    public async Task A_part_changed_after_the_pack_was_made_fails_verification_and_is_named()
    {
        var (_, zip) = await PackAsync(new AuditPackRequest());
        using var tampered = new MemoryStream();
        tampered.Write(zip);
        using (var archive = new ZipArchive(tampered, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = archive.GetEntry("incidents.json")!;
            var text = System.Text.Encoding.UTF8.GetString(Read(archive, "incidents.json")).Replace("wrong refund amount", "small typo");
            entry.Delete();
            using var writer = new StreamWriter(archive.CreateEntry("incidents.json").Open());
            writer.Write(text);
        }

        var check = AuditPackVerifier.Verify(new MemoryStream(tampered.ToArray()));

        Assert.False(check.Intact);
        Assert.Contains(check.Problems, p => p.StartsWith("incidents.json was changed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_added_to_or_removed_from_the_pack_fails_verification()
    {
        var (_, zip) = await PackAsync(new AuditPackRequest());
        using var changed = new MemoryStream();
        changed.Write(zip);
        using (var archive = new ZipArchive(changed, ZipArchiveMode.Update, leaveOpen: true))
        {
            archive.GetEntry("risk-register.pdf")!.Delete();
            using var writer = new StreamWriter(archive.CreateEntry("extra.txt").Open());
            writer.Write("slipped in");
        }

        var check = AuditPackVerifier.Verify(new MemoryStream(changed.ToArray()));

        Assert.False(check.Intact);
        Assert.Contains(check.Problems, p => p.Contains("risk-register.pdf is listed in the manifest but missing", StringComparison.Ordinal));
        Assert.Contains(check.Problems, p => p.Contains("extra.txt is in the pack but not in the manifest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Incidents_outside_the_period_are_left_out_and_a_period_ending_before_it_starts_is_refused()
    {
        var today = s.Today();
        var (outcome, zip) = await PackAsync(new AuditPackRequest(today.AddYears(-2), today.AddYears(-1)));
        using var archive = new ZipArchive(new MemoryStream(zip));
        using var incidents = JsonDocument.Parse(Read(archive, "incidents.json"));
        Assert.True(outcome.Succeeded);
        Assert.Equal(0, incidents.RootElement.GetProperty("incidents").GetArrayLength());

        var (refused, _) = await PackAsync(new AuditPackRequest(today, today.AddDays(-1)));
        Assert.False(refused.Succeeded);
    }

    [Fact]
    public async Task Only_compliance_officers_and_administrators_get_the_pack()
    {
        foreach (var someone in new[] { s.Maya, s.Sue })
        {
            using var buffer = new MemoryStream();
            var outcome = await Packs.WriteAsync(someone, new AuditPackRequest(), buffer);
            Assert.Equal(ReportRefusal.Forbidden, outcome.Refusal);
            Assert.Equal(0, buffer.Length);
        }
    }

    private static byte[] Read(ZipArchive archive, string path)
    {
        using var stream = archive.GetEntry(path)!.Open();
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    internal static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
