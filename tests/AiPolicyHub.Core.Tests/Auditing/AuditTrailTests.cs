using System.Security.Claims;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Auditing;

/// <summary>The hash chain: changes made through the app verify; rows edited or removed by hand are found.</summary>
public class AuditTrailTests : IAsyncLifetime
{
    private TestServices test = null!;
    private ClaimsPrincipal cora = null!, olga = null!;
    private int department, level;

    public async Task InitializeAsync()
    {
        test = await new TestServices().InitializeAsync();
        cora = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);
        olga = await test.CreateUserAsync("Olga Officer", Roles.ComplianceOfficer);
        department = await test.AddDepartmentAsync("Marketing");
        level = await test.ClassificationIdAsync("Internal");
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    /// <summary>Five changes through the app: two workflows created, one edited twice, one tool created. Returns the entry ids in order.</summary>
    private async Task<List<long>> MakeChangesAsync()
    {
        var tool = await test.Tools.SaveAsync(cora, null, new ToolForm { Name = "Copilot", Vendor = "GitHub", MaxClassificationId = level });
        var first = await test.Workflows.SaveAsync(cora, null, Workflow("Code review assistant"));
        await test.Workflows.SaveAsync(cora, null, Workflow("Ticket routing"));
        var form = (await test.Workflows.GetAsync(first.Id))!;
        form.ToolIds = [tool.Id];
        await test.Workflows.SaveAsync(cora, first.Id, form);
        form = (await test.Workflows.GetAsync(first.Id))!;
        form.Status = WorkflowStatus.Approved;
        // Approved by a colleague: nobody approves a workflow they created (separation of duties).
        Assert.Equal(SaveStatus.Saved, (await test.Workflows.SaveAsync(olga, first.Id, form)).Status);

        await using var db = await test.DbAsync();
        var ids = await db.AuditEntries.OrderBy(e => e.Id).Select(e => e.Id).ToListAsync();
        Assert.Equal(5, ids.Count);
        return ids;
    }

    private WorkflowForm Workflow(string name) => new()
    {
        Name = name, DepartmentId = department, Purpose = "Purpose", DataClassificationId = level, ApprovingRole = "Team lead",
    };

    [Fact]
    public async Task Changes_saved_at_the_same_time_by_many_users_still_form_one_unbroken_chain()
    {
        // On PostgreSQL (several instances, one database) writers run side by side: the chain must still not fork.
        var saves = await Task.WhenAll(Enumerable.Range(1, 12).Select(n => Task.Run(() => test.Workflows.SaveAsync(n % 2 == 0 ? cora : olga, null, Workflow($"Parallel workflow {n}")))));

        Assert.All(saves, s => Assert.Equal(SaveStatus.Saved, s.Status));
        var result = await VerifyAsync();
        Assert.True(result.Intact, result.Message);
        Assert.Equal(12, result.EntriesChecked);
    }

    private async Task<AuditVerification> VerifyAsync()
    {
        await using var db = await test.DbAsync();
        return await test.Audit.VerifyAsync(db);
    }

    private async Task ExecuteAsync(string sql, params object[] parameters)
    {
        await using var db = await test.DbAsync();
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync(sql, parameters));
    }

    [Fact]
    public async Task An_empty_trail_is_intact()
    {
        var result = await VerifyAsync();

        Assert.Equal(new AuditVerification(true, 0, null, "The audit trail is empty."), result);
    }

    [Fact]
    public async Task A_trail_written_by_the_app_verifies_intact()
    {
        await MakeChangesAsync();

        var result = await VerifyAsync();

        Assert.Equal(new AuditVerification(true, 5, null, "All 5 entries are intact."), result);
    }

    [Fact]
    public async Task Each_entry_carries_the_hash_of_the_one_before()
    {
        await MakeChangesAsync();

        await using var db = await test.DbAsync();
        var entries = await db.AuditEntries.OrderBy(e => e.Id).ToListAsync();
        Assert.Equal("", entries[0].PreviousHash);
        Assert.All(entries.Zip(entries.Skip(1)), pair => Assert.Equal(pair.First.Hash, pair.Second.PreviousHash));
        Assert.All(entries, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash));
        Assert.Equal(entries.Count, entries.Select(e => e.Hash).Distinct().Count());
    }

    [Theory]
    [InlineData("UPDATE \"AuditEntries\" SET \"ChangesJson\" = '[]' WHERE \"Id\" = {0}")]
    [InlineData("UPDATE \"AuditEntries\" SET \"UserName\" = 'Someone Else' WHERE \"Id\" = {0}")]
    [InlineData("UPDATE \"AuditEntries\" SET \"UserId\" = 'someone-else' WHERE \"Id\" = {0}")]
    [InlineData("UPDATE \"AuditEntries\" SET \"EntityName\" = 'Renamed' WHERE \"Id\" = {0}")]
    [InlineData("UPDATE \"AuditEntries\" SET \"EntityId\" = '999' WHERE \"Id\" = {0}")]
    [InlineData("UPDATE \"AuditEntries\" SET \"Action\" = 0 WHERE \"Id\" = {0}")]
    [InlineData("UPDATE \"AuditEntries\" SET \"At\" = '2020-01-01 00:00:00' WHERE \"Id\" = {0}")]
    public async Task An_entry_edited_by_hand_is_reported_as_altered(string sql)
    {
        var ids = await MakeChangesAsync();
        var tampered = ids[3];
        await ExecuteAsync(sql, tampered);

        var result = await VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(tampered, result.FirstBrokenEntryId);
        Assert.Equal(4, result.EntriesChecked);
        Assert.StartsWith($"Entry #{tampered} (Workflow '", result.Message);
        Assert.EndsWith("was altered after it was written.", result.Message);
    }

    [Fact]
    public async Task Changing_what_was_recorded_as_before_and_after_is_detected()
    {
        var ids = await MakeChangesAsync();
        await using (var db = await test.DbAsync())
        {
            var json = await db.AuditEntries.Where(e => e.Id == ids[4]).Select(e => e.ChangesJson).SingleAsync();
            Assert.Contains("\"Approved\"", json);
            await db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"ChangesJson\" = {0} WHERE \"Id\" = {1}", json.Replace("\"Approved\"", "\"Rejected\""), ids[4]);
        }

        var result = await VerifyAsync();

        Assert.Equal((false, ids[4]), (result.Intact, result.FirstBrokenEntryId));
    }

    [Fact]
    public async Task A_deleted_entry_is_named_as_missing()
    {
        var ids = await MakeChangesAsync();
        await ExecuteAsync("DELETE FROM \"AuditEntries\" WHERE \"Id\" = {0}", ids[2]);

        var result = await VerifyAsync();

        Assert.False(result.Intact);
        Assert.Equal(ids[2], result.FirstBrokenEntryId);
        Assert.Equal($"Entry #{ids[2]} is missing: it was removed by hand.", result.Message);
    }

    [Fact]
    public async Task Deleting_the_first_entry_is_detected_and_named()
    {
        var ids = await MakeChangesAsync();
        await ExecuteAsync("DELETE FROM \"AuditEntries\" WHERE \"Id\" = {0}", ids[0]);

        var result = await VerifyAsync();

        Assert.Equal((false, ids[0]), (result.Intact, result.FirstBrokenEntryId));
    }

    [Fact]
    public async Task Replacing_an_entrys_hash_by_hand_is_detected()
    {
        var ids = await MakeChangesAsync();
        await ExecuteAsync("UPDATE \"AuditEntries\" SET \"Hash\" = {0} WHERE \"Id\" = {1}", new string('0', 64), ids[1]);

        var result = await VerifyAsync();

        Assert.Equal((false, ids[1]), (result.Intact, result.FirstBrokenEntryId));
    }

    [Fact]
    public async Task Changes_saved_at_the_same_time_by_several_people_still_form_one_chain()
    {
        var saves = Enumerable.Range(1, 8).Select(i => Task.Run(() => test.Workflows.SaveAsync(cora, null, Workflow($"Parallel {i}"))));

        var outcomes = await Task.WhenAll(saves);

        Assert.All(outcomes, o => Assert.Equal(SaveStatus.Saved, o.Status));
        Assert.Equal(new AuditVerification(true, 8, null, "All 8 entries are intact."), await VerifyAsync());
    }

    [Fact]
    public void Diff_lists_only_the_fields_whose_value_changed()
    {
        var before = new Dictionary<string, string> { ["Name"] = "A", ["Owner"] = "Mia", ["Removed"] = "x" };
        var after = new Dictionary<string, string> { ["Name"] = "A", ["Owner"] = "Cora", ["Added"] = "y" };

        var changes = AuditTrail.Diff(before, after);

        Assert.Equal(
            [new FieldChange("Added", null, "y"), new FieldChange("Owner", "Mia", "Cora"), new FieldChange("Removed", "x", null)],
            changes.OrderBy(c => c.Field));
    }

    [Fact]
    public void Diff_of_identical_descriptions_is_empty()
    {
        var same = new Dictionary<string, string> { ["Name"] = "A", ["Status"] = "Draft" };

        Assert.Empty(AuditTrail.Diff(same, new Dictionary<string, string>(same)));
    }

    [Fact]
    public void Changes_are_stored_as_the_json_serializer_writes_them()
    {
        IReadOnlyList<FieldChange> changes =
        [
            new("Name", null, "Answer questions – APAC #047312"),
            new("Purpose", "Old \"quoted\" <b>text</b>\nnext line", ""),
            new("Owner", "Ана", null),
        ];

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(changes, AuditTrail.Json), AuditChain.Serialize(changes));
        Assert.Equal("[]", AuditChain.Serialize([]));
        // A missing value is a null one: nothing of what changed is lost by leaving nulls out.
        Assert.Equal(changes, AuditTrail.ChangesOf(new AuditEntry { ChangesJson = AuditChain.Serialize(changes) }));
    }

    [Fact]
    public void A_diff_lists_the_fields_after_has_in_its_order_then_those_only_before_has()
    {
        var before = new Dictionary<string, string> { ["Gone"] = "x", ["Name"] = "A", ["Status"] = "Draft" };
        var after = new Dictionary<string, string> { ["Status"] = "Submitted", ["Name"] = "A", ["New"] = "y" };

        Assert.Equal([new FieldChange("Status", "Draft", "Submitted"), new FieldChange("New", null, "y"), new FieldChange("Gone", "x", null)],
            AuditTrail.Diff(before, after));
    }
}
