using System.Net;
using System.Net.Sockets;
using AiPolicyHub.E2E.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

/// <summary>The administrator's Email page in Chromium. Delivery itself is tested against a real SMTP server in Core.Tests (Email).</summary>
[Collection(BrowserCollection.Name)]
public sealed class EmailTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create();

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(EmailTests));
        await app.DisposeAsync();
    }

    [Fact]
    public async Task An_administrator_sets_up_email_is_warned_that_links_need_a_public_address_and_reads_why_the_test_message_failed()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        await InterfaceTour.OpenAsync(admin, "/admin/email");
        await Expect(admin.GetByTestId("email-off")).ToBeVisibleAsync();
        var port = ClosedPort();

        await admin.GetByLabel("SMTP server").FillAsync("127.0.0.1");
        await admin.GetByLabel("Port", new() { Exact = true }).FillAsync(port.ToString());
        await admin.GetByLabel("Connection security").SelectOptionAsync("None");
        await admin.GetByLabel("From address").FillAsync("aipolicyhub@example.com");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save email settings" }).ClickAsync();

        await Expect(admin.GetByTestId("no-public-address")).ToContainTextAsync("emails go out without links");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Send a test message" }).ClickAsync();
        await Expect(admin.GetByTestId("test-result")).ToContainTextAsync($"The test message was not sent. Could not connect to 127.0.0.1:{port}");

        // Saved, and shown again after a reload (the password field stays empty).
        await InterfaceTour.OpenAsync(admin, "/admin/email");
        await Expect(admin.GetByLabel("SMTP server")).ToHaveValueAsync("127.0.0.1");
        await Expect(admin.GetByLabel("Password", new() { Exact = true })).ToHaveValueAsync("");
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
