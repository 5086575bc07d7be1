using System.Net;
using System.Security.Claims;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Core.Tests.Webhooks;

/// <summary>Deliveries go only over http(s) and, unless an administrator allowed it, never to an address inside the network.</summary>
public sealed class WebhookAddressPolicyTests
{
    private static readonly WebhookAddressPolicy ByDefault = new(new WebhookOptions());

    [Theory]
    [InlineData("ftp://hooks.example.org/in")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://127.0.0.1:6379/_INFO")]
    [InlineData("javascript:alert(1)")]
    public async Task Only_http_and_https_addresses_can_be_subscribed(string url) =>
        Assert.Equal("Only http and https addresses can receive webhooks.", await ByDefault.CheckAsync(url));

    [Theory]
    [InlineData("hooks.example.org/in")]
    [InlineData("")]
    public async Task An_address_that_is_not_absolute_is_refused(string url) =>
        Assert.StartsWith("Enter the receiver's full address", await ByDefault.CheckAsync(url));

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://127.1.2.3/hook")]
    [InlineData("https://10.0.0.5/hook")]
    [InlineData("https://172.16.9.1/hook")]
    [InlineData("https://192.168.1.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://0.0.0.0:5080/")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::]/hook")]
    [InlineData("http://[fd12:3456::1]/hook")]
    [InlineData("http://[fe80::1]/hook")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://localhost:5080/hook")]
    public async Task An_internal_address_is_refused_by_default(string url) =>
        Assert.Contains("is an internal address", await ByDefault.CheckAsync(url));

    [Theory]
    [InlineData("https://93.184.215.14/hook")]
    [InlineData("https://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/hook")]
    public async Task A_public_address_is_accepted(string url) => Assert.Null(await ByDefault.CheckAsync(url));

    [Fact]
    public void An_administrator_allows_an_internal_host_an_address_or_a_network_and_nothing_more()
    {
        var policy = new WebhookAddressPolicy(new WebhookOptions { AllowedHosts = ["hooks.internal", "127.0.0.1", "10.20.0.0/16"] });

        Assert.Null(policy.Refusal("hooks.internal", IPAddress.Parse("10.9.9.9")));
        Assert.Null(policy.Refusal("other.example", IPAddress.Parse("127.0.0.1")));
        Assert.Null(policy.Refusal("other.example", IPAddress.Parse("10.20.30.40")));
        Assert.NotNull(policy.Refusal("other.example", IPAddress.Parse("10.21.0.1")));
        Assert.NotNull(policy.Refusal("other.example", IPAddress.Parse("127.0.0.2")));
        Assert.NotNull(policy.Refusal("other.example", IPAddress.Parse("169.254.169.254")));
    }

    [Fact]
    public async Task A_url_pointing_at_127_0_0_1_is_refused_when_subscribing_unless_allowed()
    {
        await using var refusing = await new TestServices().InitializeAsync();
        var refused = await refusing.Provider.GetRequiredService<WebhookSubscriptions>().CreateAsync(
            await refusing.CreateUserAsync("Ada Admin", Roles.Administrator), Form("http://127.0.0.1:9/hook"));
        Assert.False(refused.Succeeded);
        Assert.Contains(refused.Errors, e => e.Contains("127.0.0.1 is an internal address"));

        await using var allowing = await new TestServices(webhooks: new WebhookOptions { AllowedHosts = ["127.0.0.1"] }).InitializeAsync();
        var allowed = await allowing.Provider.GetRequiredService<WebhookSubscriptions>().CreateAsync(
            await allowing.CreateUserAsync("Ada Admin", Roles.Administrator), Form("http://127.0.0.1:9/hook"));
        Assert.True(allowed.Succeeded, string.Join(" ", allowed.Errors));
    }

    [Fact]
    public async Task A_url_that_reaches_127_0_0_1_only_when_sent_is_refused_at_connect_time()
    {
        // As a name that resolved to a public address when it was subscribed and resolves to loopback now (DNS rebinding):
        // the subscription is stored as it was accepted then, and the sender checks the address it actually connects to.
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var test = await new TestServices().InitializeAsync();
        var admin = await test.CreateUserAsync("Ada Admin", Roles.Administrator);
        int id;
        await using (var db = await test.DbAsync())
        {
            var subscription = db.WebhookSubscriptions.Add(new WebhookSubscription
            {
                Url = $"http://localhost:{receiver.Port}/hook", Events = WebhookEventTypes.WorkflowApproved, Secret = "s", Enabled = true,
                CreatedAt = test.Clock.GetUtcNow().UtcDateTime, CreatedByName = "Ada Admin",
            }).Entity;
            await db.SaveChangesAsync();
            id = subscription.Id;
        }

        var sent = await test.Provider.GetRequiredService<WebhookSubscriptions>().SendTestAsync(admin, id);

        Assert.Empty(receiver.Received);
        Assert.Equal(WebhookDeliveryState.Failed, sent.Value!.State);
        Assert.StartsWith("Refused: 127.0.0.1 is an internal address", sent.Value.LastError);
    }

    [Fact]
    public async Task Only_an_administrator_manages_webhooks()
    {
        await using var test = await new TestServices().InitializeAsync();
        var subscriptions = test.Provider.GetRequiredService<WebhookSubscriptions>();
        foreach (var role in new[] { Roles.ComplianceOfficer, Roles.Manager, Roles.Staff })
        {
            var someone = await test.CreateUserAsync($"Someone {role}", role);
            Assert.Equal([WebhookSubscriptions.NotAllowed], (await subscriptions.CreateAsync(someone, Form("https://93.184.215.14/hook"))).Errors);
            Assert.Equal([WebhookSubscriptions.NotAllowed], (await subscriptions.ListAsync(someone)).Errors);
            Assert.Equal([WebhookSubscriptions.NotAllowed], (await subscriptions.SendTestAsync(someone, 1)).Errors);
        }
        Assert.Equal([WebhookSubscriptions.NotAllowed], (await subscriptions.ListAsync(new ClaimsPrincipal())).Errors);
    }

    private static WebhookSubscriptionForm Form(string url) => new() { Url = url, Events = [WebhookEventTypes.WorkflowApproved] };
}
