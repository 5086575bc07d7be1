using System.Security.Claims;
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
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

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
