using System.Net;
using System.Text.RegularExpressions;
using AiPolicyHub.Core;
using AiPolicyHub.Core.Identity;

namespace AiPolicyHub.Web.Tests.Identity;

/// <summary>Local accounts switched off for single sign-on: only the break-glass administrator signs in with a password, at its own address.</summary>
public sealed class LocalAccountsTests : IDisposable
{
    private const string Password = "a password for local account tests";
    private const string BreakGlassPath = "/account/sign-in/break-glass";

    private readonly AppFactory app = AppFactory.WithSettings(new Dictionary<string, string>
    {
        ["Authentication:OpenIdConnect:Authority"] = "https://idp.example.com/",
        ["Authentication:OpenIdConnect:ClientId"] = "aipolicyhub",
        ["Authentication:OpenIdConnect:DisplayName"] = "Contoso",
        ["Authentication:LocalAccounts:Enabled"] = "false",
        ["Authentication:LocalAccounts:BreakGlassEmail"] = AppFactory.AdminEmail,
    });

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task The_sign_in_page_offers_only_single_sign_on()
    {
        var page = await app.CreateBrowserlikeClient().GetStringAsync("/account/sign-in");

        Assert.Contains("Sign in with Contoso", page);
        Assert.DoesNotContain("type=\"password\"", page);
    }

    [Fact]
    public async Task The_break_glass_administrator_signs_in_at_the_break_glass_address()
    {
        var client = app.CreateBrowserlikeClient();

        var response = await PostPasswordAsync(client, BreakGlassPath, AppFactory.AdminEmail, AppFactory.AdminPassword);

        Assert.True(AppFactory.IsRedirectTo(response, "/"), $"{response.StatusCode} {response.Headers.Location}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Another_local_account_is_refused_even_with_its_right_password_as_a_wrong_password_would_be()
    {
        var email = await app.CreateUserAsync(Roles.Administrator, Password);
        var client = app.CreateBrowserlikeClient();

        var response = await PostPasswordAsync(client, BreakGlassPath, email, Password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong email or password.", await response.Content.ReadAsStringAsync());
        Assert.True(AppFactory.IsRedirectTo(await client.GetAsync("/"), "/account/sign-in"));
    }

    [Fact]
    public void Local_accounts_cannot_be_switched_off_without_single_sign_on()
    {
        var refusal = Assert.Throws<StartupException>(() => new AiPolicyHub.Web.Identity.LocalAccountOptions { Enabled = false }
            .Validate(new AiPolicyHub.Web.Identity.SingleSignOnOptions()));
        Assert.Contains("leaves nobody a way in", refusal.Message);

        // Program.cs reports the refusal on the console and exits: the app never starts.
        using var app = AppFactory.WithSettings(new Dictionary<string, string> { ["Authentication:LocalAccounts:Enabled"] = "false" });
        Assert.ThrowsAny<Exception>(() => app.Services);
    }

    private static async Task<HttpResponseMessage> PostPasswordAsync(HttpClient client, string path, string email, string password)
    {
        var form = await client.GetStringAsync(path);
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "sign-in",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        }));
    }
}
