using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Identity;

public class IdentityBootstrapperTests
{
    [Fact]
    public async Task Without_configured_credentials_the_first_administrator_gets_a_one_time_password()
    {
        await using var test = await new TestServices().InitializeAsync();
        await using var scope = test.Provider.CreateAsyncScope();
        var bootstrapper = scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>();

        var admin = await bootstrapper.EnsureFirstAdministratorAsync(new AdministratorBootstrapSettings(null, null));

        Assert.NotNull(admin);
        Assert.Equal(AdministratorBootstrapSettings.DefaultEmail, admin.Email);
        Assert.True(admin.MustChangePassword);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.IsInRoleAsync(admin, Roles.Administrator));
    }

    [Fact]
    public async Task Configured_credentials_are_used_and_need_no_change()
    {
        await using var test = await new TestServices().InitializeAsync();
        await using var scope = test.Provider.CreateAsyncScope();
        var bootstrapper = scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>();

        var admin = await bootstrapper.EnsureFirstAdministratorAsync(new("boss@example.com", "a long enough secret"));

        Assert.NotNull(admin);
        Assert.False(admin.MustChangePassword);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync(admin, "a long enough secret"));
    }

    [Fact]
    public async Task A_second_start_does_not_create_another_administrator()
    {
        await using var test = await new TestServices().InitializeAsync();
        await using (var first = test.Provider.CreateAsyncScope())
        {
            await first.ServiceProvider.GetRequiredService<IdentityBootstrapper>()
                .EnsureFirstAdministratorAsync(new("boss@example.com", "a long enough secret"));
        }

        await using var second = test.Provider.CreateAsyncScope();
        var again = await second.ServiceProvider.GetRequiredService<IdentityBootstrapper>()
            .EnsureFirstAdministratorAsync(new("other@example.com", "another long secret"));

        Assert.Null(again);
        Assert.Single(second.ServiceProvider.GetRequiredService<UserManager<AppUser>>().Users);
    }

    [Fact]
    public async Task A_configured_password_that_is_too_short_stops_startup_with_advice()
    {
        await using var test = await new TestServices().InitializeAsync();
        await using var scope = test.Provider.CreateAsyncScope();
        var bootstrapper = scope.ServiceProvider.GetRequiredService<IdentityBootstrapper>();

        var error = await Assert.ThrowsAsync<StartupException>(
            () => bootstrapper.EnsureFirstAdministratorAsync(new("boss@example.com", "short")));

        Assert.Contains("at least 12 characters", error.Message);
        Assert.Contains("AIPOLICYHUB_ADMIN_PASSWORD", error.Message);
    }

    [Fact]
    public void One_time_passwords_are_long_and_different_each_time()
    {
        var passwords = Enumerable.Range(0, 100).Select(_ => PasswordGenerator.OneTimePassword()).ToList();
        Assert.All(passwords, p => Assert.Equal(20, p.Length));
        Assert.Equal(100, passwords.Distinct().Count());
    }
}
