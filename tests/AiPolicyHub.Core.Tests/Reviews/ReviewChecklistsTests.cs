using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Reviews;
using AiPolicyHub.Core.Risk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Reviews;

/// <summary>The review checklists by risk tier: the shipped defaults, and the administrator's changes.</summary>
public class ReviewChecklistsTests : IAsyncLifetime
{
    private TestServices test = null!;
    private ReviewChecklists checklists = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices(new TestClock()).InitializeAsync();
        checklists = test.Provider.GetRequiredService<ReviewChecklists>();
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    [Fact]
    public async Task Each_tier_ships_a_checklist_and_a_higher_tier_asks_all_a_lower_one_does_and_more()
    {
        var all = await checklists.AllAsync();

        Assert.Equal(4, all.Count);
        Assert.All(all, c => Assert.True(c.IsDefault));
        var byTier = all.ToDictionary(c => c.Tier, c => c.Items);
        foreach (var (lower, higher) in new[] { (RiskTier.Low, RiskTier.Medium), (RiskTier.Medium, RiskTier.High), (RiskTier.High, RiskTier.Critical) })
        {
            Assert.Superset(byTier[lower].ToHashSet(), byTier[higher].ToHashSet());
            Assert.True(byTier[higher].Count > byTier[lower].Count, $"{higher} asks no more than {lower}.");
        }
    }

    [Fact]
    public async Task The_administrator_changes_a_tiers_checklist_in_the_audit_trail_and_nobody_else_may()
    {
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        var officer = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);

        Assert.Equal(SaveStatus.Forbidden, (await checklists.SaveAsync(officer, RiskTier.High, "Check one thing", 0)).Status);
        var saved = await checklists.SaveAsync(admin, RiskTier.High, "Outputs sampled\n\n  Vendor terms read  \n", 0);

        Assert.Equal(SaveStatus.Saved, saved.Status);
        var high = await checklists.ForTierAsync(RiskTier.High);
        Assert.Equal(["Outputs sampled", "Vendor terms read"], high.Items);
        Assert.False(high.IsDefault);
        Assert.Equal("Ada Admin", high.ChangedBy);
        Assert.True((await checklists.ForTierAsync(RiskTier.Low)).IsDefault);
        await using var db = await test.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == ReviewChecklists.EntityType);
        Assert.Equal(AuditAction.Changed, entry.Action);
        Assert.Contains("Vendor terms read", AuditTrail.ChangesOf(entry).Single().After);
    }

    [Fact]
    public async Task A_checklist_needs_an_item_refuses_one_listed_twice_and_a_stale_version()
    {
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);

        Assert.Equal(SaveStatus.Invalid, (await checklists.SaveAsync(admin, RiskTier.Low, " \n ", 0)).Status);
        var twice = await checklists.SaveAsync(admin, RiskTier.Low, "Owner right\nowner right", 0);
        Assert.Equal(SaveStatus.Invalid, twice.Status);
        Assert.Contains("listed twice", twice.Message);
        Assert.Equal(SaveStatus.Saved, (await checklists.SaveAsync(admin, RiskTier.Low, "Owner right", 0)).Status);
        Assert.Equal(SaveStatus.Conflict, (await checklists.SaveAsync(admin, RiskTier.Low, "Owner still right", 0)).Status);
    }

    [Fact]
    public async Task Going_back_to_the_defaults_uses_the_shipped_items_again()
    {
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        var saved = await checklists.SaveAsync(admin, RiskTier.Critical, "Only this", 0);

        Assert.Equal(SaveStatus.Saved, (await checklists.ResetAsync(admin, RiskTier.Critical, saved.Version)).Status);

        var critical = await checklists.ForTierAsync(RiskTier.Critical);
        Assert.True(critical.IsDefault);
        Assert.Equal(ReviewChecklists.Defaults(RiskTier.Critical), critical.Items);
    }
}
