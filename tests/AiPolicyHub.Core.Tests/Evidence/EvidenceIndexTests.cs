using System.Diagnostics;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Tests.Incidents;
using AiPolicyHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace AiPolicyHub.Core.Tests.Evidence;

public sealed class EvidenceIndexTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PauseScenario s = null!;

    public async Task InitializeAsync() => s = await PauseScenario.CreateAsync();

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task The_index_names_each_subject_and_current_file_for_compliance_only()
    {
        var register = s.Test.Provider.GetRequiredService<EvidenceRegister>();
        var index = s.Test.Provider.GetRequiredService<EvidenceIndex>();
        var workflow = await s.WorkflowAsync("Support reply drafts");
        var today = DateOnly.FromDateTime(s.Test.Clock.GetUtcNow().UtcDateTime);
        var added = await register.AddAsync(s.Maya, new(EvidenceSubjectKind.Workflow, workflow),
            new EvidenceForm { Description = "DPIA", ProducedOn = today }, new EvidenceUpload("dpia.pdf", new MemoryStream(EvidenceSamples.Pdf)));
        await register.ReplaceFileAsync(s.Maya, added.Id, added.Version, new EvidenceUpload("dpia-2.pdf", new MemoryStream(EvidenceSamples.Pdf)));

        Assert.False((await index.ListAsync(s.Sue)).Succeeded);
        var row = Assert.Single((await index.ListAsync(s.Cora)).Value!);
        Assert.Equal(("Support reply drafts", "dpia-2.pdf", 2, "Maya Manager"), (row.SubjectName, row.FileName, row.FileVersions, row.Owner));
    }

    [Fact]
    public async Task Twenty_thousand_records_are_listed_in_well_under_ten_seconds()
    {
        var workflow = await s.WorkflowAsync("Support reply drafts");
        var today = DateOnly.FromDateTime(s.Test.Clock.GetUtcNow().UtcDateTime);
        await using (var db = await s.Test.DbAsync())
        {
            // Loaded in two statements (as a bulk loader would), so the test times the index rather than 40,000 single inserts.
            var numbers = db.Database.IsPostgres() ? "generate_series(1, 20000) AS n(i)" : "n";
            var with = db.Database.IsPostgres() ? "" : "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) ";
            var records = with + """
                INSERT INTO "Evidence" ("SubjectKind", "SubjectId", "Kind", "Description", "ProducedOn", "ExpiresOn", "CurrentFileVersion",
                    "AddedById", "AddedByName", "AddedAt", "ChangedAt", "Version")
                """ + $" SELECT 1, {workflow}, 0, 'Evidence ' || i, '2026-11-01', '2027-01-01', 1, 'x', 'Loader', '2026-12-01 10:00:00', '2026-12-01 10:00:00', 1 FROM {numbers}";
            await db.Database.ExecuteSqlRawAsync(records);
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO "EvidenceFileVersions" ("EvidenceId", "Number", "FileName", "ContentType", "SizeBytes", "Sha256", "UploadedById",
                    "UploadedByName", "UploadedAt")
                SELECT "Id", 1, 'file-' || "Id" || '.pdf', 'application/pdf', 1000, 'aaaa', 'x', 'Loader', '2026-12-01 10:00:00' FROM "Evidence"
                """);
        }
        var index = s.Test.Provider.GetRequiredService<EvidenceIndex>();

        var clock = Stopwatch.StartNew();
        var rows = (await index.ListAsync(s.Cora)).Value!;
        clock.Stop();

        output.WriteLine($"evidence index of {rows.Count} records: {clock.ElapsedMilliseconds} ms");
        Assert.Equal(20_000, rows.Count);
        Assert.All(rows.Take(100), r => Assert.StartsWith("file-", r.FileName));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"{clock.ElapsedMilliseconds} ms");
    }
}
