using AiPolicyHub.Core.Inventory;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Tests.Inventory;

public class ReferenceDataTests : IAsyncLifetime
{
    private TestServices test = null!;

    // TestServices.InitializeAsync runs ReferenceData.EnsureAsync, as the app does at start-up.
    public async Task InitializeAsync() => test = await new TestServices().InitializeAsync();

    public async Task DisposeAsync() => await test.DisposeAsync();

    [Fact]
    public async Task A_new_installation_has_the_four_default_classification_levels_in_order_and_one_department()
    {
        await using var db = await test.DbAsync();

        Assert.Equal(["Public", "Internal", "Confidential", "Restricted"],
            await db.ClassificationLevels.OrderBy(c => c.Rank).Select(c => c.Name).ToListAsync());
        Assert.Equal([ReferenceData.DefaultDepartment], await db.Departments.Select(d => d.Name).ToListAsync());
        Assert.All(await db.ClassificationLevels.ToListAsync(), c => Assert.False(string.IsNullOrWhiteSpace(c.Description)));
    }

    [Fact]
    public async Task Starting_again_adds_nothing_and_keeps_the_organisations_own_changes()
    {
        await using (var db = await test.DbAsync())
        {
            var general = await db.Departments.SingleAsync();
            general.Name = "Operations";
            db.ClassificationLevels.Remove(await db.ClassificationLevels.SingleAsync(c => c.Name == "Restricted"));
            await db.SaveChangesAsync();
        }

        await using (var db = await test.DbAsync())
        {
            await ReferenceData.EnsureAsync(db);
        }

        await using var check = await test.DbAsync();
        Assert.Equal(["Operations"], await check.Departments.Select(d => d.Name).ToListAsync());
        Assert.Equal(3, await check.ClassificationLevels.CountAsync());
    }
}
