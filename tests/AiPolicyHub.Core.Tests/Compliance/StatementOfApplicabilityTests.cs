using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Compliance;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Rules.BuiltIn;
using AiPolicyHub.Core.Tests.Incidents;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Compliance;

public sealed class StatementOfApplicabilityTests : IAsyncLifetime
{
    private PauseScenario s = null!;

    public async Task InitializeAsync() => s = await PauseScenario.CreateAsync();

    public async Task DisposeAsync() => await s.DisposeAsync();

    [Fact]
    public async Task Coverage_is_computed_from_the_findings_of_the_rules_that_cite_a_control_and_from_its_evidence()
    {
        var workflow = await s.WorkflowOnUnapprovedToolAsync("Support reply drafts");
        await s.AttachToControlAsync("A.4.4", "Tool approval procedure");
        await s.AttachToControlAsync("A.2.2", "AI policy, signed by the board");
        await s.AttachToControlAsync("A.3.3", "Whistle-blowing procedure 2024", expires: s.Today().AddDays(-1));

        var tools = await s.ControlAsync("A.4.4");
        Assert.Equal(CoverageState.FindingsOpen, tools.Coverage.State);
        var rule = Assert.Single(tools.Rules, r => r.RuleId == ToolNotApprovedRule.RuleId);
        Assert.Equal(1, rule.OpenFindings);
        Assert.Equal([workflow], tools.Records.Select(r => r.WorkflowId));
        Assert.Equal(CoverageState.Evidenced, (await s.ControlAsync("A.2.2")).Coverage.State);
        Assert.Equal(CoverageState.EvidenceExpired, (await s.ControlAsync("A.3.3")).Coverage.State);
        Assert.Equal(CoverageState.NoEvidence, (await s.ControlAsync("A.2.3")).Coverage.State);

        // Once the workflow is no longer in use, the rule finds nothing and the evidence carries the control.
        await using (var db = await s.Test.DbAsync())
        {
            await db.Workflows.Where(w => w.Id == workflow).ExecuteUpdateAsync(u => u.SetProperty(w => w.Status, WorkflowStatus.Retired));
        }
        var after = await s.ControlAsync("A.4.4");
        Assert.Equal(CoverageState.Evidenced, after.Coverage.State);
        Assert.Empty(after.Records);
    }

    [Fact]
    public async Task Excluding_a_control_needs_a_justification_and_each_change_is_audited_with_before_and_after()
    {
        var refused = await s.Statement().SaveAsync(s.Cora, "A.7.2", new SoaControlForm { Applicable = false, Justification = "n/a" }, 0);
        Assert.Equal(SaveStatus.Invalid, refused.Status);
        Assert.NotEmpty(refused.Errors!.For(nameof(SoaControlForm.Justification)));

        var saved = await s.Statement().SaveAsync(s.Cora, "A.7.2", new SoaControlForm
        {
            Applicable = false, Justification = "We do not develop or train AI systems; we only use vendors' models.",
            Status = ImplementationStatus.NotStarted, OwnerId = TestServices.UserId(s.Colin),
        }, 0);

        Assert.Equal((SaveStatus.Saved, 1), (saved.Status, saved.Version));
        var row = await s.ControlAsync("A.7.2");
        Assert.Equal((false, "Colin Compliance", CoverageState.NotApplicable), (row.Applicable, row.OwnerName, row.Coverage.State));
        await using var db = await s.Test.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == StatementOfApplicability.ControlEntityType && e.EntityId == "A.7.2");
        var changes = AuditTrail.ChangesOf(entry).ToDictionary(c => c.Field);
        Assert.Equal(("Applicable", "Not applicable"), (changes["Applicability"].Before, changes["Applicability"].After));
        Assert.Equal("Colin Compliance", changes["Owner"].After);
    }

    [Fact]
    public async Task Staff_and_managers_can_neither_read_nor_change_the_statement()
    {
        foreach (var someone in new[] { s.Sue, s.Maya })
        {
            Assert.False((await s.Statement().CurrentAsync(someone)).Succeeded);
            Assert.Equal(SaveStatus.Forbidden, (await s.Statement().SaveAsync(someone, "A.2.2", new SoaControlForm { Status = ImplementationStatus.Implemented }, 0)).Status);
            Assert.Equal(SaveStatus.Forbidden, (await s.Statement().PublishAsync(someone, "Published by someone without the role.")).Status);
        }
        await using var db = await s.Test.DbAsync();
        Assert.False(await db.SoaControlEntries.AnyAsync());
    }

    [Fact]
    public async Task A_save_made_against_an_older_version_is_refused_and_says_who_changed_it()
    {
        Assert.Equal(SaveStatus.Saved, (await s.Statement().SaveAsync(s.Cora, "A.2.2", new SoaControlForm { Status = ImplementationStatus.Partial }, 0)).Status);

        var late = await s.Statement().SaveAsync(s.Colin, "A.2.2", new SoaControlForm { Status = ImplementationStatus.Implemented }, 0);

        Assert.Equal(SaveStatus.Conflict, late.Status);
        Assert.Contains("Cora Compliance", late.Message);
        Assert.Equal(ImplementationStatus.Partial, (await s.ControlAsync("A.2.2")).Status);
    }

    [Fact]
    public async Task An_owner_must_be_an_active_user()
    {
        var outcome = await s.Statement().SaveAsync(s.Cora, "A.2.2", new SoaControlForm { OwnerId = "nobody" }, 0);

        Assert.Equal(SaveStatus.Invalid, outcome.Status);
        Assert.NotEmpty(outcome.Errors!.For(nameof(SoaControlForm.OwnerId)));
    }

    [Fact]
    public async Task Publishing_freezes_a_numbered_version_that_later_changes_leave_as_it_was()
    {
        await s.Statement().SaveAsync(s.Cora, "A.2.2", new SoaControlForm { Status = ImplementationStatus.Implemented }, 0);
        Assert.Equal(SaveStatus.Invalid, (await s.Statement().PublishAsync(s.Cora, "short")).Status);

        var first = await s.Statement().PublishAsync(s.Cora, "First statement for the certification audit.");
        await s.Statement().SaveAsync(s.Cora, "A.2.2", new SoaControlForm { Status = ImplementationStatus.Partial }, 1);
        var second = await s.Statement().PublishAsync(s.Colin, "A.2.2 is only partly implemented after all.");

        Assert.Equal((1, 2), (first.Id, second.Id));
        var versions = (await s.Statement().VersionsAsync(s.Cora)).Value!;
        Assert.Equal([(2, "Colin Compliance"), (1, "Cora Compliance")], versions.Select(v => (v.Number, v.PublishedBy)));
        await using var db = await s.Test.DbAsync();
        var v1 = (await s.Statement().EditionAsync(db, 1, preferPublished: false))!;
        Assert.Equal(ImplementationStatus.Implemented, v1.Statement.Controls.Single(c => c.Code == "A.2.2").Status);
        Assert.Equal(38, v1.Statement.Controls.Count);
        Assert.Equal(2, (await s.Statement().EditionAsync(db, null, preferPublished: true))!.Version!.Number);
        Assert.Null(await s.Statement().EditionAsync(db, 3, preferPublished: false));
        Assert.Equal(2, await db.AuditEntries.CountAsync(e => e.EntityType == StatementOfApplicability.VersionEntityType && e.Action == AuditAction.Approved));
    }
}
