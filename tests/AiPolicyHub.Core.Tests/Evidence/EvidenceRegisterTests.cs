using System.Security.Cryptography;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Evidence;
using AiPolicyHub.Core.Tests.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Evidence;

public sealed class EvidenceRegisterTests : IAsyncLifetime
{
    private PauseScenario s = null!;
    private EvidenceRegister Register => s.Test.Provider.GetRequiredService<EvidenceRegister>();
    private DateOnly Today => DateOnly.FromDateTime(s.Test.Clock.GetUtcNow().UtcDateTime);

    public async Task InitializeAsync() => s = await PauseScenario.CreateAsync();

    public async Task DisposeAsync() => await s.DisposeAsync();

    private EvidenceForm Form(string description = "Vendor SOC 2 report 2026", DateOnly? expires = null, string? url = null) =>
        new() { Description = description, ProducedOn = Today.AddDays(-10), ExpiresOn = expires, Url = url };

    private static EvidenceUpload File(string name, byte[] bytes) => new(name, new MemoryStream(bytes));

    [Fact]
    public async Task A_manager_attaches_a_file_to_their_workflow_and_its_bytes_type_hash_and_audit_entry_are_stored()
    {
        var workflow = await s.WorkflowAsync("Support reply drafts");

        var added = await Register.AddAsync(s.Maya, new(EvidenceSubjectKind.Workflow, workflow), Form(), File("soc2.pdf", EvidenceSamples.Pdf));

        Assert.Equal(SaveStatus.Saved, added.Status);
        var listing = await Register.ListAsync(s.Sue, new(EvidenceSubjectKind.Workflow, workflow));
        var item = Assert.Single(listing!.Items);
        var version = Assert.Single(item.Versions);
        Assert.Equal(("soc2.pdf", "application/pdf", (long)EvidenceSamples.Pdf.Length, Convert.ToHexStringLower(SHA256.HashData(EvidenceSamples.Pdf))),
            (version.FileName, version.ContentType, version.SizeBytes, version.Sha256));
        Assert.Equal("Maya Manager", item.OwnerName);
        var download = await Register.DownloadAsync(s.Sue, added.Id, 1);
        Assert.Equal(EvidenceSamples.Pdf, download.Bytes);
        await using var db = await s.Test.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == EvidenceRegister.EntityType && e.EntityId == added.Id.ToString());
        Assert.Equal(AuditAction.Created, entry.Action);
        var changes = AuditTrail.ChangesOf(entry).ToDictionary(c => c.Field, c => c.After);
        Assert.Equal("Workflow “Support reply drafts”", changes["Attached to"]);
        Assert.Contains(version.Sha256, changes["File"]);
    }

    [Fact]
    public async Task Replacing_a_file_keeps_every_version_with_who_when_size_and_hash()
    {
        var workflow = await s.WorkflowAsync("Support reply drafts");
        var added = await Register.AddAsync(s.Maya, new(EvidenceSubjectKind.Workflow, workflow), Form(), File("dpia.pdf", EvidenceSamples.Pdf));
        var second = EvidenceSamples.Text("Second edition of the assessment.\n");

        var replaced = await Register.ReplaceFileAsync(s.Cora, added.Id, added.Version, File("dpia-2.txt", second));

        Assert.Equal(SaveStatus.Saved, replaced.Status);
        var item = Assert.Single((await Register.ListAsync(s.Maya, new(EvidenceSubjectKind.Workflow, workflow)))!.Items);
        Assert.Equal([2, 1], item.Versions.Select(v => v.Number));
        Assert.Equal(("dpia-2.txt", "Cora Compliance", (long)second.Length), (item.Versions[0].FileName, item.Versions[0].UploadedBy, item.Versions[0].SizeBytes));
        Assert.Equal(("dpia.pdf", "Maya Manager"), (item.Versions[1].FileName, item.Versions[1].UploadedBy));
        Assert.Equal(EvidenceSamples.Pdf, (await Register.DownloadAsync(s.Sue, added.Id, 1)).Bytes);
        Assert.Equal(second, (await Register.DownloadAsync(s.Sue, added.Id, 2)).Bytes);
        await using var db = await s.Test.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityId == added.Id.ToString() && e.Action == AuditAction.EvidenceReplaced));
    }

    [Fact]
    public async Task A_change_made_against_an_older_version_is_refused_as_a_conflict_and_stores_nothing()
    {
        var workflow = await s.WorkflowAsync("Support reply drafts");
        var added = await Register.AddAsync(s.Maya, new(EvidenceSubjectKind.Workflow, workflow), Form(), File("a.pdf", EvidenceSamples.Pdf));
        Assert.Equal(SaveStatus.Saved, (await Register.ReplaceFileAsync(s.Cora, added.Id, added.Version, File("b.pdf", EvidenceSamples.Pdf))).Status);

        var late = await Register.ReplaceFileAsync(s.Maya, added.Id, added.Version, File("c.pdf", EvidenceSamples.Pdf));
        var lateDelete = await Register.DeleteAsync(s.Maya, added.Id, added.Version);

        Assert.Equal((SaveStatus.Conflict, SaveStatus.Conflict), (late.Status, lateDelete.Status));
        var item = Assert.Single((await Register.ListAsync(s.Maya, new(EvidenceSubjectKind.Workflow, workflow)))!.Items);
        Assert.Equal(["b.pdf", "a.pdf"], item.Versions.Select(v => v.FileName));
    }

    [Fact]
    public async Task A_file_over_the_limit_is_refused_with_a_message_without_reading_past_the_limit()
    {
        var workflow = await s.WorkflowAsync("Support reply drafts");
        var small = new EvidenceRegister(s.Test.Provider.GetRequiredService<IDbContextFactory<AppDbContext>>(), s.Test.Audit,
            new EvidenceOptions { MaxFileBytes = 2048 });
        var content = new CountingStream(EvidenceSamples.Text(new string('x', 100_000)));

        var refused = await small.AddAsync(s.Maya, new(EvidenceSubjectKind.Workflow, workflow), Form(), new EvidenceUpload("big.txt", content));

        Assert.Equal(SaveStatus.Invalid, refused.Status);
        Assert.Equal("“big.txt” is larger than 2 KB, the most AiPolicyHub keeps for one file.", Assert.Single(refused.Errors!.For(EvidenceRegister.FileSizeField)));
        Assert.True(content.BytesRead <= 2048 + 81920, $"{content.BytesRead} bytes were read.");
        Assert.Empty((await small.ListAsync(s.Maya, new(EvidenceSubjectKind.Workflow, workflow)))!.Items);
    }

    [Fact]
    public async Task Bytes_that_contradict_the_name_and_names_with_paths_are_refused_and_nothing_is_stored()
    {
        var workflow = await s.WorkflowAsync("Support reply drafts");
        var subject = new EvidenceSubject(EvidenceSubjectKind.Workflow, workflow);

        var contradicting = await Register.AddAsync(s.Maya, subject, Form(), File("report.pdf", EvidenceSamples.Png));
        var path = await Register.AddAsync(s.Maya, subject, Form(), File("../secrets/report.pdf", EvidenceSamples.Pdf));

        Assert.Contains("its contents are a PNG image", Assert.Single(contradicting.Errors!.For(EvidenceRegister.FileField)));
        Assert.Contains("looks like a path", Assert.Single(path.Errors!.For(EvidenceRegister.FileField)));
        Assert.Empty((await Register.ListAsync(s.Maya, subject))!.Items);
    }

    [Fact]
    public async Task Who_may_change_evidence_follows_who_may_edit_the_record()
    {
        var workflow = await s.WorkflowAsync("Support reply drafts");
        var other = await s.Test.AddDepartmentAsync("Finance");
        var otherManager = await s.Test.CreateUserAsync("Otto Other", AiPolicyHub.Core.Identity.Roles.Manager, other);
        var approvedTool = await s.ToolAsync("ChatGPT Enterprise");
        var link = Form(url: "https://vendor.example.com/trust/soc2");

        Assert.Equal(SaveStatus.Forbidden, (await Register.AddAsync(s.Sue, new(EvidenceSubjectKind.Workflow, workflow), link, null)).Status);
        Assert.Equal(SaveStatus.Forbidden, (await Register.AddAsync(otherManager, new(EvidenceSubjectKind.Workflow, workflow), link, null)).Status);
        Assert.Equal(SaveStatus.Saved, (await Register.AddAsync(s.Maya, new(EvidenceSubjectKind.Workflow, workflow), link, null)).Status);
        // A tool compliance decided on: compliance only; a proposed one: managers too.
        Assert.Equal(SaveStatus.Forbidden, (await Register.AddAsync(s.Maya, new(EvidenceSubjectKind.Tool, approvedTool), link, null)).Status);
        Assert.Equal(SaveStatus.Saved, (await Register.AddAsync(s.Cora, new(EvidenceSubjectKind.Tool, approvedTool), link, null)).Status);
        var proposed = await s.ToolAsync("New tool", t => t.ApprovalStatus = AiPolicyHub.Core.Inventory.ToolApprovalStatus.Proposed);
        Assert.Equal(SaveStatus.Saved, (await Register.AddAsync(s.Maya, new(EvidenceSubjectKind.Tool, proposed), link, null)).Status);
        // Staff read what they can see, and may not delete.
        var listing = await Register.ListAsync(s.Sue, new(EvidenceSubjectKind.Workflow, workflow));
        var item = Assert.Single(listing!.Items);
        Assert.False(listing.Subject.CanChange);
        Assert.Equal(SaveStatus.Forbidden, (await Register.DeleteAsync(s.Sue, item.Id, item.Version)).Status);
        Assert.Equal(SaveStatus.Saved, (await Register.DeleteAsync(s.Maya, item.Id, item.Version)).Status);
        Assert.Empty((await Register.ListAsync(s.Sue, new(EvidenceSubjectKind.Workflow, workflow)))!.Items);
    }

    [Fact]
    public async Task Evidence_of_an_incident_is_read_only_by_those_who_see_the_incident()
    {
        var workflow = await s.WorkflowAsync("Support reply drafts");
        var reported = await s.Test.Incidents.ReportAsync(s.Maya, new AiPolicyHub.Core.Incidents.IncidentReport
        {
            WorkflowId = workflow, Title = "Wrong refund promised", WhatHappened = "A draft promised a refund we do not give.",
            OccurredAt = s.Test.Clock.GetUtcNow().UtcDateTime.AddDays(-1),
        });
        var subject = new EvidenceSubject(EvidenceSubjectKind.Incident, reported.Id);
        var added = await Register.AddAsync(s.Maya, subject, Form("Customer's complaint"), File("complaint.txt", EvidenceSamples.Text()));

        Assert.Equal(SaveStatus.Saved, added.Status);
        Assert.Null(await Register.ListAsync(s.Sue, subject));
        Assert.False((await Register.DownloadAsync(s.Sue, added.Id, 1)).Found);
        Assert.True((await Register.DownloadAsync(s.Cora, added.Id, 1)).Found);
    }

    [Fact]
    public async Task A_link_must_be_a_web_address_without_credentials_and_dates_must_make_sense()
    {
        var workflow = await s.WorkflowAsync("Support reply drafts");
        var subject = new EvidenceSubject(EvidenceSubjectKind.Workflow, workflow);

        var script = await Register.AddAsync(s.Maya, subject, Form(url: "javascript:alert(1)"), null);
        var credentials = await Register.AddAsync(s.Maya, subject, Form(url: "https://user:secret@example.com/x"), null);
        var future = await Register.AddAsync(s.Maya, subject, new EvidenceForm { Description = "Report", ProducedOn = Today.AddDays(2), Url = "https://example.com" }, null);
        var backwards = await Register.AddAsync(s.Maya, subject, Form(expires: Today.AddDays(-20), url: "https://example.com"), null);

        Assert.Contains("starting with https://", Assert.Single(script.Errors!.For(nameof(EvidenceForm.Url))));
        Assert.Contains("user names and passwords", Assert.Single(credentials.Errors!.For(nameof(EvidenceForm.Url))));
        Assert.Contains("in the future", Assert.Single(future.Errors!.For(nameof(EvidenceForm.ProducedOn))));
        Assert.Contains("before the date it was produced", Assert.Single(backwards.Errors!.For(nameof(EvidenceForm.ExpiresOn))));
    }

    /// <summary>A stream that counts what is read from it.</summary>
    private sealed class CountingStream(byte[] bytes) : MemoryStream(bytes)
    {
        public long BytesRead { get; private set; }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await base.ReadAsync(buffer, cancellationToken);
            BytesRead += n;
            return n;
        }
    }
}
