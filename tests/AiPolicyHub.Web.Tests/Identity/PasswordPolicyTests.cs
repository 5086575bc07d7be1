using System.Net;
using System.Text.RegularExpressions;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Identity;

/// <summary>ASVS 5.0 6.2: common or breached passwords, and passwords made of the user's own email or name, are refused.</summary>
public sealed class PasswordPolicyTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Password = "password policy test password";

    [Theory]
    [InlineData("123456789012")]
    [InlineData("passwordpassword")]
    [InlineData("PasswordPassword")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("qwertyuiop123")]
    public async Task A_common_password_is_refused_with_a_reason(string common)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();

        var result = await users.CreateAsync(NewUser("Pat Example"), common);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == PasswordPolicy.CommonCode);
    }

    [Fact]
    public async Task The_shipped_list_holds_at_least_100000_passwords()
    {
        Assert.True(PasswordPolicy.ListedCount >= 100_000, $"{PasswordPolicy.ListedCount} passwords");
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_password_containing_the_users_email_or_name_is_refused_and_an_unrelated_one_is_not()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = NewUser("Quentin Example");

        var withEmail = await users.CreateAsync(user, user.Email + "!");
        var withLocalPart = await users.CreateAsync(user, user.Email!.Split('@')[0] + " rocks");
        var withName = await users.CreateAsync(user, "i am QUENTIN EXAMPLE");
        var unrelated = await users.CreateAsync(user, "violet kettles hum at dawn");

        Assert.Contains(withEmail.Errors, e => e.Code == PasswordPolicy.PersonalCode);
        Assert.Contains(withLocalPart.Errors, e => e.Code == PasswordPolicy.PersonalCode);
        Assert.Contains(withName.Errors, e => e.Code == PasswordPolicy.PersonalCode);
        Assert.True(unrelated.Succeeded, string.Join(" ", unrelated.Errors.Select(e => e.Description)));
    }

    [Fact]
    public async Task The_change_password_page_refuses_a_common_password_and_says_why()
    {
        var email = await app.CreateUserAsync(Roles.Staff, Password, mustChangePassword: true);
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, email, Password);
        var form = await client.GetStringAsync("/account/change-password");
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;

        var response = await client.PostAsync("/account/change-password", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "change-password",
            ["__RequestVerificationToken"] = token,
            ["Input.CurrentPassword"] = Password,
            ["Input.NewPassword"] = "passwordpassword",
            ["Input.ConfirmPassword"] = "passwordpassword",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("list of common or leaked passwords", await response.Content.ReadAsStringAsync());
        Assert.True(AppFactory.IsRedirectTo(await client.GetAsync("/workflows"), "/account/change-password"));
    }

    private AppUser NewUser(string name)
    {
        var email = $"{name.Split(' ')[0].ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        return new AppUser { UserName = email, Email = email, DisplayName = name, CreatedAt = app.Now };
    }
}
