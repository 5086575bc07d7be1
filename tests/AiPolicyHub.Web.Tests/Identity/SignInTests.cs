using System.Buffers.Binary;
using System.Net;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Identity;

public class SignInTests : IClassFixture<AppFactory>
{
    private const string StaffPassword = "staff password for tests";
    private readonly AppFactory app;

    public SignInTests(AppFactory app) => this.app = app;

    [Fact]
    public async Task The_administrator_signs_in_without_javascript_and_sees_the_dashboard()
    {
        var client = app.CreateBrowserlikeClient();

        var signIn = await AppFactory.SignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);
        var home = await client.GetAsync("/");

        Assert.True(AppFactory.IsRedirectTo(signIn, "/"), $"{signIn.StatusCode} {signIn.Headers.Location}");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Dashboard", await home.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_wrong_password_is_refused_with_a_clear_message()
    {
        var client = app.CreateBrowserlikeClient();

        var response = await AppFactory.SignInAsync(client, AppFactory.AdminEmail, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var email = await CreateUserAsync(Roles.Staff);
        var client = app.CreateBrowserlikeClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await AppFactory.SignInAsync(client, email, $"wrong password number {attempt}");
        }
        var right = await AppFactory.SignInAsync(client, email, StaffPassword);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Contains("This account is locked after 5 failed sign-ins", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_locked_or_disabled_account_is_not_revealed_to_someone_without_its_password()
    {
        var locked = await CreateUserAsync(Roles.Staff);
        var disabled = await CreateUserAsync(Roles.Staff, disabled: true);
        var client = app.CreateBrowserlikeClient();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await AppFactory.SignInAsync(client, locked, $"wrong password number {attempt}");
        }

        var lockedAnswer = await (await AppFactory.SignInAsync(client, locked, "a guess at the password")).Content.ReadAsStringAsync();
        var disabledAnswer = await (await AppFactory.SignInAsync(client, disabled, "a guess at the password")).Content.ReadAsStringAsync();

        Assert.Contains("Wrong email or password.", lockedAnswer);
        Assert.DoesNotContain("locked", lockedAnswer);
        Assert.Contains("Wrong email or password.", disabledAnswer);
        Assert.DoesNotContain("disabled", disabledAnswer);
    }

    [Fact]
    public async Task A_staff_user_is_refused_the_user_administration_page_by_the_server()
    {
        var email = await CreateUserAsync(Roles.Staff);
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, email, StaffPassword);

        var response = await client.GetAsync("/admin/users");

        Assert.True(AppFactory.IsRedirectTo(response, "/account/access-denied"), $"{response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in()
    {
        var email = await CreateUserAsync(Roles.Staff, disabled: true);

        var response = await AppFactory.SignInAsync(app.CreateBrowserlikeClient(), email, StaffPassword);

        Assert.Contains("This account is disabled.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_user_with_a_one_time_password_must_choose_a_new_one_before_any_page()
    {
        var email = await CreateUserAsync(Roles.Staff, mustChangePassword: true);
        var client = app.CreateBrowserlikeClient();

        var signIn = await AppFactory.SignInAsync(client, email, StaffPassword);
        var home = await client.GetAsync("/");

        Assert.True(AppFactory.IsRedirectTo(signIn, "/account/change-password"), $"{signIn.StatusCode} {signIn.Headers.Location}");
        Assert.True(AppFactory.IsRedirectTo(home, "/account/change-password"), $"{home.StatusCode} {home.Headers.Location}");
    }

    [Fact]
    public async Task Signing_out_requires_the_form_token()
    {
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, AppFactory.AdminEmail, AppFactory.AdminPassword);

        var forged = await client.PostAsync("/account/sign-out", new FormUrlEncodedContent(new Dictionary<string, string>()));
        var stillIn = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillIn.StatusCode);
    }

    [Fact]
    public async Task Passwords_are_stored_as_PBKDF2_SHA512_with_at_least_210000_iterations()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByEmailAsync(AppFactory.AdminEmail);

        // Identity v3 format: 0x01, PRF (uint32 BE; 2 = HMAC-SHA512), iteration count (uint32 BE), salt length, salt, subkey.
        var hash = Convert.FromBase64String(admin!.PasswordHash!);
        Assert.Equal(0x01, hash[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1)));
        Assert.True(BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5)) >= 210_000);
    }

    [Fact]
    public async Task Passwords_need_twelve_characters_and_nothing_else()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var tooShort = await users.CreateAsync(NewUser(), "elevenchars");
        var longLowercase = await users.CreateAsync(NewUser(), "twelve chars");

        Assert.Contains(tooShort.Errors, e => e.Code == "PasswordTooShort");
        Assert.Single(tooShort.Errors);
        Assert.True(longLowercase.Succeeded);
    }

    private static AppUser NewUser()
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        return new AppUser { UserName = email, Email = email, DisplayName = "Test", CreatedAt = DateTimeOffset.UtcNow };
    }

    private Task<string> CreateUserAsync(string role, bool disabled = false, bool mustChangePassword = false) =>
        app.CreateUserAsync(role, StaffPassword, disabled, mustChangePassword);
}
