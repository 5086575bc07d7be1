using System.Net;
using System.Net.Sockets;
using AiPolicyHub.Core.Email;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Web.Components.Pages.Admin;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Components.Tests.Admin;

public sealed class EmailPageTests : SignedInPageTest
{
    private const string Password = "a secret the page never shows";

    private EmailSettingsStore Store => Core.Provider.GetRequiredService<EmailSettingsStore>();

    [Fact]
    public async Task Before_any_setting_the_page_says_email_is_off_and_the_outbox_is_empty()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);

        var page = Render<EmailPage>();

        page.WaitForAssertion(() => Assert.Contains("Email is off", page.Find("[data-testid=email-off]").TextContent));
        Assert.Contains("No emails yet", page.Find("[data-testid=outbox-empty]").TextContent);
    }

    [Fact]
    public async Task Without_a_public_address_the_page_warns_that_emails_go_without_links()
    {
        var ada = await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        Assert.True((await Store.SaveAsync(ada, new EmailSettingsForm { Host = "smtp.example.org", FromAddress = "hub@example.org" })).Succeeded);

        var page = Render<EmailPage>();

        page.WaitForAssertion(() => Assert.Contains("No public address of the app is set", page.Find("[data-testid=no-public-address]").TextContent));
    }

    [Fact]
    public async Task The_stored_password_is_never_shown_back()
    {
        var ada = await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        Assert.True((await Store.SaveAsync(ada, new EmailSettingsForm
        {
            Host = "smtp.example.org", FromAddress = "hub@example.org", UserName = "mailer", NewPassword = Password, PublicBaseUrl = "https://hub.example.org",
        })).Succeeded);

        var page = Render<EmailPage>();

        page.WaitForAssertion(() => Assert.Equal("smtp.example.org", page.Find("#e-host").GetAttribute("value")));
        Assert.DoesNotContain(Password, page.Markup);
        Assert.True(string.IsNullOrEmpty(page.Find("#e-password").GetAttribute("value")));
        Assert.Contains("A password is stored", page.Markup);
    }

    [Fact]
    public async Task A_wrong_from_address_is_refused_next_to_its_field_and_nothing_is_saved()
    {
        await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        var page = Render<EmailPage>();
        page.WaitForAssertion(() => page.Find("#e-host"));

        page.Find("#e-host").Change("smtp.example.org");
        page.Find("#e-from").Change("not an address");
        page.Find("form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Enter one email address", page.Find("#e-from").ParentElement!.TextContent));
        Assert.False((await Store.LoadAsync()).IsConfigured);
    }

    [Fact]
    public async Task The_test_button_shows_why_the_server_could_not_be_reached()
    {
        var ada = await SignInAsNewUserAsync("Ada Admin", Roles.Administrator);
        var port = ClosedPort();
        Assert.True((await Store.SaveAsync(ada, new EmailSettingsForm
        {
            Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, FromAddress = "hub@example.org",
        })).Succeeded);
        var page = Render<EmailPage>();
        page.WaitForAssertion(() => page.Find("#e-host"));

        page.FindAll("button").Single(b => b.TextContent.Contains("Send a test message")).Click();

        page.WaitForAssertion(() => Assert.Contains($"The test message was not sent. Could not connect to 127.0.0.1:{port}",
            page.Find("[data-testid=test-result]").TextContent), TimeSpan.FromSeconds(20));
    }

    private static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
