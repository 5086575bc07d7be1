using AiPolicyHub.Core.Obligations;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Obligations;

public sealed class ObligationTablesTests
{
    [Fact]
    public async Task An_administrator_uploads_a_new_version_which_is_used_from_then_on_and_the_shipped_one_is_kept()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);
        var id = await s.AddWorkflowAsync("Reply drafts", AiPolicyHub.Core.Inventory.Audience.CustomerFacing);
        Assert.True((await s.Tables.CurrentAsync()).IsBuiltIn);

        // A later amendment moves Art. 50 for deployers by a year.
        var json = ObligationTable.BuiltInJson.Replace("\"title\": \"EU AI Act obligations by role, with the Digital Omnibus on AI dates\"", "\"title\": \"Amended\"")
            .Replace("\"code\": \"T-DEPLOYER\"", "\"code\": \"T-DEPLOYER-2\"")
            .Replace("\"roles\": [\"deployer\"], \"scope\": \"transparency\", \"appliesFrom\": \"2026-08-02\"",
                "\"roles\": [\"deployer\"], \"scope\": \"transparency\", \"appliesFrom\": \"2027-08-02\"");
        Assert.Equal(2, (await s.Tables.UploadAsync(s.Admin, json)).Value);

        var current = await s.Tables.CurrentAsync();
        Assert.Equal((2, false, "Ada Admin", "Amended"), (current.Number, current.IsBuiltIn, current.UploadedBy, current.Table.Title));
        var view = (await s.Profiles.ViewAsync(s.Staff, id))!;
        Assert.Contains(view.Obligations.Coming, o => o.Obligation.Code == "T-DEPLOYER-2" && o.Obligation.AppliesFrom == new DateOnly(2027, 8, 2));
        Assert.Equal([2, 1], (await s.Tables.VersionsAsync()).Select(v => v.Number));
        Assert.Equal(ObligationTable.BuiltInJson, await s.Tables.JsonOfAsync(1));
        Assert.Equal(json, await s.Tables.JsonOfAsync(2));
        await using var db = await test.DbAsync();
        Assert.True(await db.AuditEntries.AnyAsync(e => e.EntityType == ObligationTables.EntityType && e.EntityId == "2" && e.UserName == "Ada Admin"));
    }

    [Fact]
    public async Task Only_an_administrator_uploads_and_an_invalid_table_is_refused_with_its_errors_and_stores_nothing()
    {
        var clock = new TestClock();
        await using var test = await new TestServices(clock).InitializeAsync();
        var s = await ObligationScenario.StartAsync(test, clock);

        Assert.Equal(ObligationTables.NotAllowed, Assert.Single((await s.Tables.UploadAsync(s.Officer, ObligationTable.BuiltInJson)).Errors));
        var refused = await s.Tables.UploadAsync(s.Admin, ObligationTable.BuiltInJson.Replace("\"2027-12-02\"", "\"2 December 2027\""));
        Assert.Contains("obligations[5].appliesFrom: a date as YYYY-MM-DD is required.", refused.Errors);

        Assert.Single(await s.Tables.VersionsAsync());
        Assert.True((await s.Tables.CurrentAsync()).IsBuiltIn);
    }
}
