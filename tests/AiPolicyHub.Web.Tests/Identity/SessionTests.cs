using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Identity;

public class SessionTests
{
    private const string Password = "a password for session tests";

    [Fact]
    public async Task A_disabled_users_session_cookie_stops_working_at_the_next_revalidation()
    {
        using var app = AppFactory.WithSettings(new Dictionary<string, string> { ["Security:RevalidationInterval"] = "00:00:01" });
        var email = await CreateStaffAsync(app);
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await DisableAsync(app, email);
        await Task.Delay(TimeSpan.FromSeconds(1.5)); // past the revalidation interval
        var afterwards = await client.GetAsync("/");

        Assert.True(AppFactory.IsRedirectTo(afterwards, "/account/sign-in"), $"{afterwards.StatusCode} {afterwards.Headers.Location}");
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("https://evil.example/")]
    public async Task Signing_in_never_sends_the_browser_to_another_site(string returnUrl)
    {
        using var app = new AppFactory();
        var response = await AppFactory.SignInAsync(app.CreateBrowserlikeClient(), AppFactory.AdminEmail, AppFactory.AdminPassword, returnUrl);

        Assert.True(AppFactory.IsRedirectTo(response, "/"), $"{response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_that_asked_for_it()
    {
        using var app = new AppFactory();
        var response = await AppFactory.SignInAsync(app.CreateBrowserlikeClient(), AppFactory.AdminEmail, AppFactory.AdminPassword, "/admin/users");

        Assert.True(AppFactory.IsRedirectTo(response, "/admin/users"), $"{response.StatusCode} {response.Headers.Location}");
    }

    [Fact]
    public async Task A_cookie_captured_before_signing_out_opens_nothing_afterwards()
    {
        using var app = new AppFactory();
        var email = await CreateStaffAsync(app);
        var client = app.CreateBrowserlikeClient();
        var signIn = await AppFactory.SignInAsync(client, email, Password);
        var captured = SessionCookieOf(signIn);
        Assert.Equal(HttpStatusCode.OK, (await WithCookieAsync(app, captured, "/workflows")).StatusCode);

        var signOut = await SignOutAsync(client, "/account/sign-out");
        var replayed = await WithCookieAsync(app, captured, "/workflows");

        Assert.True(AppFactory.IsRedirectTo(signOut, "/account/sign-in"), $"{signOut.StatusCode} {signOut.Headers.Location}");
        Assert.True(AppFactory.IsRedirectTo(replayed, "/account/sign-in"), $"{replayed.StatusCode} {replayed.Headers.Location}");
    }

    [Fact]
    public async Task Signing_out_on_one_device_leaves_the_others_signed_in_and_sign_out_everywhere_ends_them_all()
    {
        using var app = new AppFactory();
        var email = await CreateStaffAsync(app);
        var laptop = app.CreateBrowserlikeClient();
        var phone = app.CreateBrowserlikeClient();
        var tablet = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(laptop, email, Password);
        await AppFactory.SignInAsync(phone, email, Password);
        await AppFactory.SignInAsync(tablet, email, Password);

        await SignOutAsync(tablet, "/account/sign-out");
        Assert.Equal(HttpStatusCode.OK, (await phone.GetAsync("/workflows")).StatusCode);
        Assert.Contains("Sign out everywhere", await (await laptop.GetAsync("/profile")).Content.ReadAsStringAsync());
        var everywhere = await SignOutAsync(laptop, "/account/sign-out-everywhere");

        Assert.True(AppFactory.IsRedirectTo(everywhere, "/account/sign-in"), $"{everywhere.StatusCode} {everywhere.Headers.Location}");
        Assert.True(AppFactory.IsRedirectTo(await phone.GetAsync("/workflows"), "/account/sign-in"));
        Assert.True(AppFactory.IsRedirectTo(await laptop.GetAsync("/workflows"), "/account/sign-in"));
    }

    [Fact]
    public async Task An_administrator_ends_a_users_sessions_at_once()
    {
        using var app = new AppFactory();
        var email = await CreateStaffAsync(app);
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, email, Password);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/workflows")).StatusCode);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = await users.FindByEmailAsync(AppFactory.AdminEmail);
            var target = await users.FindByEmailAsync(email);
            var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, admin!.Id)], "test"));
            var staffActor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, target!.Id)], "test"));
            Assert.False((await app.Services.GetRequiredService<UserAdministration>().EndSessionsAsync(staffActor, admin.Id)).Succeeded);
            Assert.True((await app.Services.GetRequiredService<UserAdministration>().EndSessionsAsync(actor, target.Id)).Succeeded);
        }
        var afterwards = await client.GetAsync("/workflows");

        Assert.True(AppFactory.IsRedirectTo(afterwards, "/account/sign-in"), $"{afterwards.StatusCode} {afterwards.Headers.Location}");
    }

    /// <summary>Posts a sign-out form (with the token from the page that shows it), as the header's button or the profile page's does.</summary>
    private static async Task<HttpResponseMessage> SignOutAsync(HttpClient client, string action)
    {
        var page = await client.GetStringAsync("/profile");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        return await client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
    }

    private static string SessionCookieOf(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("AiPolicyHub.Session=", StringComparison.Ordinal));

    /// <summary>A request from somewhere else that carries only <paramref name="cookie"/>.</summary>
    private static async Task<HttpResponseMessage> WithCookieAsync(AppFactory app, string cookie, string path)
    {
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return await client.SendAsync(request);
    }

    private static Task<string> CreateStaffAsync(AppFactory app) => app.CreateUserAsync(Roles.Staff, Password);

    private static async Task DisableAsync(AppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var admin = await users.FindByEmailAsync(AppFactory.AdminEmail);
        var target = await users.FindByEmailAsync(email);
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, admin!.Id)], "test"));
        var result = await app.Services.GetRequiredService<UserAdministration>().DisableAsync(actor, target!.Id);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
    }
}
