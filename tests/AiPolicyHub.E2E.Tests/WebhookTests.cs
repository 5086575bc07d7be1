using System.Security.Cryptography;
using System.Text;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

[Collection(BrowserCollection.Name)]
public sealed class WebhookTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly WebhookReceiver receiver = new();
    // The receiver runs on this machine: the administrator allows 127.0.0.1, which is refused by default.
    private readonly AppProcess app = AppProcess.Create(settings: new Dictionary<string, string> { ["Webhooks__AllowedHosts"] = "127.0.0.1" });

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(WebhookTests));
        await app.DisposeAsync();
        await receiver.DisposeAsync();
    }

    [Fact]
    public async Task The_administrator_subscribes_a_receiver_sends_it_a_signed_test_event_reads_the_log_and_deletes_it()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        await new AppShell(admin).WaitUntilInteractiveAsync();
        var webhooks = new WebhooksPage(admin);
        await webhooks.OpenFromMenuAsync();
        await Expect(webhooks.Empty).ToBeVisibleAsync();

        var secret = await webhooks.SubscribeAsync(receiver.Url, "GRC tool");
        await webhooks.SendTestEventAsync(receiver.Url);

        await Expect(webhooks.Subscription(receiver.Url).GetByRole(AriaRole.Table)).ToContainTextAsync("Delivered");
        await Expect(webhooks.Subscription(receiver.Url).GetByRole(AriaRole.Table)).ToContainTextAsync("HTTP 204");
        if (Environment.GetEnvironmentVariable("E2E_SCREENSHOTS") is { Length: > 0 } shots)
        {
            await admin.ScreenshotAsync(new() { Path = Path.Combine(shots, "webhooks.png"), FullPage = true });
        }
        // The page with a secret and a delivery log open (the tour of main pages sees it empty).
        var serious = await Axe.SeriousViolationsAsync(admin);
        Assert.True(serious.Count == 0, string.Join("\n", serious));
        var delivery = Assert.Single(receiver.Deliveries);
        var signature = delivery.Headers["X-AiPolicyHub-Signature"];
        var t = signature.Split(',')[0]["t=".Length..];
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{delivery.Body}")));
        Assert.Equal($"t={t},v1={expected}", signature);
        Assert.Contains("\"type\":\"webhook.test\"", delivery.Body);

        // Shown once: after a reload the secret is gone from the page.
        await admin.ReloadAsync();
        await new AppShell(admin).WaitUntilInteractiveAsync();
        await Expect(webhooks.Secret).ToHaveCountAsync(0);
        Assert.DoesNotContain(secret, await admin.ContentAsync());

        await webhooks.DeleteAsync(receiver.Url);
        await Expect(webhooks.Empty).ToBeVisibleAsync();
    }
}
