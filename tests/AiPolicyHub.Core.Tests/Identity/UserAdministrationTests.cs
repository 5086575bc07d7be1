using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Identity;

public class UserAdministrationTests : IAsyncLifetime
{
    private TestServices test = null!;
    private UserAdministration administration = null!;
    private ClaimsPrincipal admin = null!;

    public async Task InitializeAsync()
    {
        test = await new TestServices().InitializeAsync();
        administration = test.Provider.GetRequiredService<UserAdministration>();
        admin = await CreateUserAsync("admin@example.com", Roles.Administrator);
    }

    public async Task DisposeAsync() => await test.DisposeAsync();

    [Fact]
    public async Task An_administrator_creates_a_user_with_a_one_time_password_that_signs_in()
    {
        var result = await administration.CreateAsync(admin, new NewUser("sam@example.com", "Sam Staff", [Roles.Staff]));

        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        await using var scope = test.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var sam = await users.FindByEmailAsync("sam@example.com");
        Assert.NotNull(sam);
        Assert.True(sam.MustChangePassword);
        Assert.True(await users.CheckPasswordAsync(sam, result.Value!.OneTimePassword));
        Assert.Equal([Roles.Staff], await users.GetRolesAsync(sam));
    }

    [Fact]
    public async Task A_user_works_in_a_department_set_at_creation_and_changed_later_and_an_unknown_one_is_refused()
    {
        var sales = await test.AddDepartmentAsync("Sales");
        var finance = await test.AddDepartmentAsync("Finance");

        var created = await administration.CreateAsync(admin, new NewUser("sam@example.com", "Sam Staff", [Roles.Staff], sales));
        Assert.True(created.Succeeded, string.Join(" ", created.Errors));
        var sam = (await administration.ListAsync(admin)).Value!.Single(u => u.Email == "sam@example.com");
        Assert.Equal(("Sales", sales), (sam.Department, sam.DepartmentId));

        Assert.True((await administration.SetDepartmentAsync(admin, sam.Id, finance)).Succeeded);
        Assert.Equal("Finance", (await administration.ListAsync(admin)).Value!.Single(u => u.Id == sam.Id).Department);
        Assert.False((await administration.SetDepartmentAsync(admin, sam.Id, 9999)).Succeeded);
        Assert.False((await administration.CreateAsync(admin, new NewUser("x@example.com", "X", [Roles.Staff], 9999))).Succeeded);
        Assert.Equal([UserAdministration.NotAllowed], (await administration.SetDepartmentAsync(await CreateUserAsync("mia@example.com", Roles.Manager), sam.Id, sales)).Errors);
    }

    [Fact]
    public async Task A_user_who_is_not_an_administrator_is_refused_every_action()
    {
        var manager = await CreateUserAsync("mia@example.com", Roles.Manager);
        var target = await CreateUserAsync("tom@example.com", Roles.Staff);
        var targetId = UserId(target);

        Assert.Equal([UserAdministration.NotAllowed], (await administration.ListAsync(manager)).Errors);
        Assert.Equal([UserAdministration.NotAllowed], (await administration.CreateAsync(manager, new NewUser("x@example.com", "X", [Roles.Staff]))).Errors);
        Assert.Equal([UserAdministration.NotAllowed], (await administration.DisableAsync(manager, targetId)).Errors);
        Assert.Equal([UserAdministration.NotAllowed], (await administration.SetRolesAsync(manager, targetId, [Roles.Administrator])).Errors);
        Assert.Equal([UserAdministration.NotAllowed], (await administration.ResetPasswordAsync(manager, targetId)).Errors);
        Assert.False(await IsInRoleAsync(targetId, Roles.Administrator));
    }

    [Fact]
    public async Task An_administrator_who_was_disabled_meanwhile_is_refused()
    {
        var second = await CreateUserAsync("ada@example.com", Roles.Administrator);
        Assert.True((await administration.DisableAsync(admin, UserId(second))).Succeeded);

        var result = await administration.CreateAsync(second, new NewUser("x@example.com", "X", [Roles.Staff]));

        Assert.Equal([UserAdministration.NotAllowed], result.Errors);
    }

    [Theory]
    [InlineData("not-an-email", "Name", "Enter a valid email address (at most 256 characters).")]
    [InlineData("ok@example.com", "  ", "Enter a name of 1 to 200 characters.")]
    public async Task Invalid_new_users_are_refused_with_a_message(string email, string name, string message)
    {
        var result = await administration.CreateAsync(admin, new NewUser(email, name, [Roles.Staff]));
        Assert.Contains(message, result.Errors);
    }

    [Fact]
    public async Task A_new_user_needs_a_known_role()
    {
        Assert.Contains("Choose at least one role.", (await administration.CreateAsync(admin, new NewUser("a@example.com", "A", []))).Errors);
        Assert.Contains("'Wizard' is not a role.", (await administration.CreateAsync(admin, new NewUser("a@example.com", "A", ["Wizard"]))).Errors);
    }

    [Fact]
    public async Task An_email_that_exists_already_is_refused()
    {
        await administration.CreateAsync(admin, new NewUser("sam@example.com", "Sam", [Roles.Staff]));

        var again = await administration.CreateAsync(admin, new NewUser("SAM@example.com", "Sam again", [Roles.Staff]));

        Assert.Contains("A user with the email SAM@example.com exists already.", again.Errors);
    }

    [Fact]
    public async Task Disabling_a_user_changes_their_security_stamp_so_open_sessions_end()
    {
        var staff = await CreateUserAsync("sam@example.com", Roles.Staff);
        var before = await StampAsync(UserId(staff));

        var result = await administration.DisableAsync(admin, UserId(staff));

        Assert.True(result.Succeeded);
        Assert.NotEqual(before, await StampAsync(UserId(staff)));
        var listed = (await administration.ListAsync(admin)).Value!.Single(u => u.Email == "sam@example.com");
        Assert.True(listed.IsDisabled);
    }

    [Fact]
    public async Task An_administrator_cannot_disable_or_demote_themselves()
    {
        Assert.Contains("You cannot disable your own account.", (await administration.DisableAsync(admin, UserId(admin))).Errors);
        Assert.Single((await administration.SetRolesAsync(admin, UserId(admin), [Roles.Staff])).Errors);
        Assert.True(await IsInRoleAsync(UserId(admin), Roles.Administrator));
    }

    [Fact]
    public async Task Enabling_a_locked_out_user_lets_them_sign_in_again()
    {
        var staff = await CreateUserAsync("sam@example.com", Roles.Staff);
        await using (var scope = test.Provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var sam = (await users.FindByIdAsync(UserId(staff)))!;
            await users.SetLockoutEndDateAsync(sam, test.Clock.GetUtcNow().AddHours(1));
        }
        Assert.True((await administration.ListAsync(admin)).Value!.Single(u => u.Email == "sam@example.com").IsLockedOut);

        await administration.EnableAsync(admin, UserId(staff));

        Assert.False((await administration.ListAsync(admin)).Value!.Single(u => u.Email == "sam@example.com").IsLockedOut);
    }

    [Fact]
    public async Task Changing_roles_replaces_them()
    {
        var staff = await CreateUserAsync("sam@example.com", Roles.Staff);

        var result = await administration.SetRolesAsync(admin, UserId(staff), [Roles.Manager, Roles.ComplianceOfficer]);

        Assert.True(result.Succeeded);
        var listed = (await administration.ListAsync(admin)).Value!.Single(u => u.Email == "sam@example.com");
        Assert.Equal([Roles.ComplianceOfficer, Roles.Manager], listed.Roles);
    }

    [Fact]
    public async Task Resetting_a_password_gives_a_new_one_time_password_and_voids_the_old_one()
    {
        var staff = await CreateUserAsync("sam@example.com", Roles.Staff);

        var result = await administration.ResetPasswordAsync(admin, UserId(staff));

        Assert.True(result.Succeeded);
        await using var scope = test.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var sam = (await users.FindByIdAsync(UserId(staff)))!;
        Assert.False(await users.CheckPasswordAsync(sam, Password));
        Assert.True(await users.CheckPasswordAsync(sam, result.Value!.OneTimePassword));
        Assert.True(sam.MustChangePassword);
    }

    private const string Password = "correct horse battery";

    private async Task<ClaimsPrincipal> CreateUserAsync(string email, string role)
    {
        await using var scope = test.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, DisplayName = email.Split('@')[0], CreatedAt = test.Clock.GetUtcNow() };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        await users.AddToRoleAsync(user, role);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim(ClaimTypes.Role, role)], "test"));
    }

    private static string UserId(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<string?> StampAsync(string userId)
    {
        await using var scope = test.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.GetSecurityStampAsync((await users.FindByIdAsync(userId))!);
    }

    private async Task<bool> IsInRoleAsync(string userId, string role)
    {
        await using var scope = test.Provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await users.IsInRoleAsync((await users.FindByIdAsync(userId))!, role);
    }
}
