using System.Net;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Identity;

/// <summary>A one-time password opens the change-password page and nothing else, and only for a while.</summary>
public sealed class OneTimePasswordTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Password = "one-time password for tests";

    [Theory]
    [InlineData("/export/workflows.csv")]
    [InlineData("/export/tools.xlsx")]
    [InlineData("/reports/quick-reference.pdf")]
    [InlineData("/reports/usage-policy.pdf")]
    [InlineData("/openapi/v1.json")]
    public async Task A_one_time_password_session_gets_no_data_before_the_password_is_changed(string address)
    {
        var email = await app.CreateUserAsync(Roles.ComplianceOfficer, Password, mustChangePassword: true);
        var client = app.CreateBrowserlikeClient();
        await AppFactory.SignInAsync(client, email, Password);

        var response = await client.GetAsync(address);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/change-password")).StatusCode);
        Assert.True(AppFactory.IsRedirectTo(await client.GetAsync("/profile"), "/account/change-password")); // where tokens are made
    }

    [Fact]
    public async Task A_one_time_password_stops_working_after_72_hours()
    {
        var fresh = await app.CreateUserAsync(Roles.Staff, Password, mustChangePassword: true);
        var stale = await app.CreateUserAsync(Roles.Staff, Password, mustChangePassword: true);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            await OneTimePasswords.RecordIssueAsync(users, (await users.FindByEmailAsync(stale))!, app.Now.AddHours(-73));
        }

        var freshSignIn = await AppFactory.SignInAsync(app.CreateBrowserlikeClient(), fresh, Password);
        var staleSignIn = await AppFactory.SignInAsync(app.CreateBrowserlikeClient(), stale, Password);

        Assert.True(AppFactory.IsRedirectTo(freshSignIn, "/account/change-password"), $"{freshSignIn.StatusCode} {freshSignIn.Headers.Location}");
        Assert.Equal(HttpStatusCode.OK, staleSignIn.StatusCode);
        Assert.Contains("Wrong email or password.", await staleSignIn.Content.ReadAsStringAsync());
    }
}
