using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Identity.SingleSignOn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Identity.SingleSignOn;

public class ClaimMappingsTests : IAsyncLifetime
{
    private TestServices test = null!;
    private ClaimMappings mappings = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices().InitializeAsync();
        mappings = test.Provider.GetRequiredService<ClaimMappings>();
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    [Fact]
    public async Task An_administrator_maps_groups_to_roles_and_department_values_to_departments_and_each_change_is_audited()
    {
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        var finance = await test.AddDepartmentAsync("Finance");

        Assert.True((await mappings.AddRoleMappingAsync(admin, " aiph-managers ", Roles.Manager)).Succeeded);
        Assert.True((await mappings.AddDepartmentMappingAsync(admin, "FIN-01", finance)).Succeeded);
        Assert.False((await mappings.AddRoleMappingAsync(admin, "AIPH-MANAGERS", Roles.Manager)).Succeeded);
        Assert.False((await mappings.AddRoleMappingAsync(admin, "aiph-bosses", "Boss")).Succeeded);
        Assert.False((await mappings.AddRoleMappingAsync(admin, "", Roles.Staff)).Succeeded);
        Assert.False((await mappings.AddDepartmentMappingAsync(admin, "fin-01", finance)).Succeeded);

        var view = (await mappings.ListAsync(admin)).Value!;
        Assert.Equal([("aiph-managers", Roles.Manager)], view.Roles.Select(r => (r.ClaimValue, r.Role)));
        Assert.Equal([("FIN-01", "Finance")], view.Departments.Select(d => (d.ClaimValue, d.Department)));

        Assert.True((await mappings.RemoveRoleMappingAsync(admin, view.Roles[0].Id)).Succeeded);
        Assert.Empty((await mappings.ListAsync(admin)).Value!.Roles);
        await using var db = await test.DbAsync();
        var actions = await db.AuditEntries.Where(e => e.EntityType == ClaimMappings.EntityType).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Created, AuditAction.Retired], actions);
    }

    [Fact]
    public async Task Only_an_administrator_sees_or_changes_the_mappings()
    {
        var officer = await test.CreateUserAsync("Cora Compliance", Roles.ComplianceOfficer);

        Assert.Equal([ClaimMappings.NotAllowed], (await mappings.ListAsync(officer)).Errors);
        Assert.Equal([ClaimMappings.NotAllowed], (await mappings.AddRoleMappingAsync(officer, "aiph-admins", Roles.Administrator)).Errors);
        Assert.Equal([ClaimMappings.NotAllowed], (await mappings.RemoveDepartmentMappingAsync(officer, 1)).Errors);
    }

    [Fact]
    public async Task Configuration_seeds_the_mappings_only_while_there_are_none()
    {
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        await mappings.SeedAsync(new Dictionary<string, string> { ["aiph-staff"] = "staff" }, new Dictionary<string, string>());
        await mappings.SeedAsync(new Dictionary<string, string> { ["aiph-admins"] = "Administrator" }, new Dictionary<string, string>());

        Assert.Equal([("aiph-staff", Roles.Staff)], (await mappings.ListAsync(admin)).Value!.Roles.Select(r => (r.ClaimValue, r.Role)));
    }

    [Fact]
    public async Task A_department_claim_without_a_mapping_finds_the_department_of_that_name()
    {
        var legal = await test.AddDepartmentAsync("Legal");
        await using var db = await test.DbAsync();

        var access = await ClaimMappings.ResolveAsync(db, [], ["unknown", "legal"]);

        Assert.Equal(legal, access.DepartmentId);
        Assert.Empty(access.Roles);
    }
}
