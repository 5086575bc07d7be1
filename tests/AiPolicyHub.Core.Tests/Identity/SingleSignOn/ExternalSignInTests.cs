using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Identity.SingleSignOn;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Identity.SingleSignOn;

public class ExternalSignInTests : IAsyncLifetime
{
    private const string Issuer = "https://idp.example.com/";
    private TestServices test = null!;
    private ExternalSignIn signIn = null!;
    private int finance;

    public async Task InitializeAsync()
    {
        test = await new TestServices().InitializeAsync();
        signIn = test.Provider.GetRequiredService<ExternalSignIn>();
        finance = await test.AddDepartmentAsync("Finance");
        await test.AddDepartmentAsync("Legal");
        var seeded = await test.Provider.GetRequiredService<ClaimMappings>().SeedAsync(
            new Dictionary<string, string> { ["aiph-managers"] = "Manager", ["aiph-compliance"] = "ComplianceOfficer,Staff", ["aiph-typo"] = "Boss" },
            new Dictionary<string, string> { ["FIN-01"] = "Finance" });
        Assert.Equal(["aiph-typo → Boss"], seeded);
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    private static ExternalIdentity Dana(params string[] groups) =>
        new(Issuer, "subject-dana", "dana@example.com", "Dana Manager", groups, ["FIN-01"], "Test IdP");

    [Fact]
    public async Task A_new_person_is_created_linked_to_the_providers_issuer_and_subject_with_the_mapped_roles_and_department_and_audited()
    {
        var outcome = await signIn.SignInAsync(Dana("AIPH-MANAGERS", "everyone"), departmentFromClaims: true);

        Assert.Null(outcome.Refusal);
        Assert.True(outcome.Created);
        await using var scope = test.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var dana = await users.FindByLoginAsync(Issuer, "subject-dana");
        Assert.NotNull(dana);
        Assert.Equal(outcome.UserId, dana.Id);
        Assert.Equal(("dana@example.com", "Dana Manager", finance), (dana.Email, dana.DisplayName, dana.DepartmentId!.Value));
        Assert.Null(dana.PasswordHash);
        Assert.Equal([Roles.Manager], await users.GetRolesAsync(dana));
        await using var db = await test.DbAsync();
        var entry = await db.AuditEntries.SingleAsync(e => e.EntityType == ExternalSignIn.UserEntityType && e.EntityId == dana.Id);
        Assert.Equal(AuditAction.Created, entry.Action);
        Assert.Contains(new FieldChange("Roles", null, "Manager"), AuditTrail.ChangesOf(entry));
        Assert.Contains(new FieldChange("Department", null, "Finance"), AuditTrail.ChangesOf(entry));
        Assert.True((await test.Audit.VerifyAsync(db)).Intact);
    }

    [Fact]
    public async Task Every_sign_in_refreshes_roles_and_department_and_audits_only_a_change()
    {
        var first = await signIn.SignInAsync(Dana("aiph-managers"), departmentFromClaims: true);
        var same = await signIn.SignInAsync(Dana("aiph-managers"), departmentFromClaims: true);
        Assert.False(same.Changed);

        var moved = await signIn.SignInAsync(Dana("aiph-compliance") with { Departments = ["Legal"] }, departmentFromClaims: true);

        Assert.Equal(first.UserId, moved.UserId);
        Assert.True(moved.Changed);
        Assert.False(moved.Created);
        await using var scope = test.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var dana = (await users.FindByIdAsync(first.UserId!))!;
        Assert.Equal([Roles.ComplianceOfficer, Roles.Staff], (await users.GetRolesAsync(dana)).Order());
        await using var db = await test.DbAsync();
        Assert.Equal("Legal", await db.Departments.Where(d => d.Id == dana.DepartmentId).Select(d => d.Name).SingleAsync());
        var entries = await db.AuditEntries.Where(e => e.EntityType == ExternalSignIn.UserEntityType && e.EntityId == dana.Id).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditAction.Created, AuditAction.Changed], entries.Select(e => e.Action));
        Assert.Contains(new FieldChange("Roles", "Manager", "Compliance officer, Staff"), AuditTrail.ChangesOf(entries[1]));
        Assert.Contains(new FieldChange("Department", "Finance", "Legal"), AuditTrail.ChangesOf(entries[1]));
    }

    [Fact]
    public async Task Without_a_department_claim_configured_the_department_the_administrator_set_is_kept()
    {
        var first = await signIn.SignInAsync(Dana("aiph-managers"), departmentFromClaims: false);
        await using (var db = await test.DbAsync())
        {
            Assert.Null(await db.Users.Where(u => u.Id == first.UserId).Select(u => u.DepartmentId).SingleAsync());
            await db.Users.Where(u => u.Id == first.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DepartmentId, finance));
        }

        await signIn.SignInAsync(Dana("aiph-managers"), departmentFromClaims: false);

        await using var after = await test.DbAsync();
        Assert.Equal(finance, await after.Users.Where(u => u.Id == first.UserId).Select(u => u.DepartmentId).SingleAsync());
    }

    [Fact]
    public async Task A_person_whose_groups_map_to_no_role_is_refused_and_nothing_is_created()
    {
        var outcome = await signIn.SignInAsync(Dana("marketing-all", "aiph-typo"), departmentFromClaims: true);

        Assert.Equal(ExternalSignInRefusal.NoMappedRole, outcome.Refusal);
        await using var db = await test.DbAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "dana@example.com"));
        Assert.False(await db.UserLogins.AnyAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.EntityType == ExternalSignIn.UserEntityType));
    }

    [Fact]
    public async Task A_disabled_account_stays_refused_whatever_its_groups()
    {
        var first = await signIn.SignInAsync(Dana("aiph-managers"), departmentFromClaims: true);
        await using (var db = await test.DbAsync())
        {
            await db.Users.Where(u => u.Id == first.UserId).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsDisabled, true));
        }

        var outcome = await signIn.SignInAsync(Dana("aiph-compliance"), departmentFromClaims: true);

        Assert.Equal(ExternalSignInRefusal.Disabled, outcome.Refusal);
        await using var scope = test.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.Equal([Roles.Manager], await users.GetRolesAsync((await users.FindByIdAsync(first.UserId!))!));
    }

    [Fact]
    public async Task An_account_is_never_taken_over_by_email_alone()
    {
        var local = await test.CreateUserAsync("Dana Local", Roles.Administrator); // dana.local@example.com
        var sameEmail = Dana("aiph-managers") with { Subject = "another-subject", Email = "dana.local@example.com" };

        var outcome = await signIn.SignInAsync(sameEmail, departmentFromClaims: true);

        Assert.Equal(ExternalSignInRefusal.EmailTaken, outcome.Refusal);
        await using var db = await test.DbAsync();
        Assert.False(await db.UserLogins.AnyAsync(l => l.UserId == TestServices.UserId(local)));
        // The same subject from another issuer is another person too.
        var otherIssuer = await signIn.SignInAsync(Dana("aiph-managers") with { Issuer = "https://other.example.com/", Email = "dana@other.example.com" }, true);
        var first = await signIn.SignInAsync(Dana("aiph-managers"), true);
        Assert.NotEqual(otherIssuer.UserId, first.UserId);
    }

    [Fact]
    public async Task A_new_person_without_an_email_address_is_refused()
    {
        var outcome = await signIn.SignInAsync(Dana("aiph-managers") with { Email = "not an address" }, departmentFromClaims: true);

        Assert.Equal(ExternalSignInRefusal.NoEmail, outcome.Refusal);
    }
}
