using AiPolicyHub.Core.Scheduling;
using AiPolicyHub.Core.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Hosting;

/// <summary>The <c>Webhooks</c> settings reach Core, and the webhook job runs with the app's other scheduled jobs.</summary>
public sealed class WebhookSettingsTests
{
    [Fact]
    public async Task Allowed_hosts_and_retry_delays_can_be_given_as_one_comma_separated_value()
    {
        await using var app = AppFactory.WithSettings(new Dictionary<string, string>
        {
            ["Webhooks:AllowedHosts"] = "127.0.0.1, hooks.internal",
            ["Webhooks:RetryDelays"] = "00:00:05,00:01:00",
            ["Webhooks:Timeout"] = "00:00:03",
        });

        var options = app.Services.GetRequiredService<WebhookOptions>();

        Assert.Equal(["127.0.0.1", "hooks.internal"], options.AllowedHosts);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1)], options.Delays);
        Assert.Equal(3, options.MaxAttempts);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Null(app.Services.GetRequiredService<WebhookAddressPolicy>().Refusal("example.org", System.Net.IPAddress.Loopback));
    }

    [Fact]
    public async Task By_default_no_internal_address_is_allowed_and_the_webhook_job_is_scheduled()
    {
        await using var app = new AppFactory();

        var options = app.Services.GetRequiredService<WebhookOptions>();

        Assert.Empty(options.AllowedHosts);
        Assert.Equal(WebhookOptions.DefaultRetryDelays, options.Delays);
        Assert.NotNull(app.Services.GetRequiredService<WebhookAddressPolicy>().Refusal("example.org", System.Net.IPAddress.Loopback));
        Assert.Contains(app.Services.GetServices<IScheduledJob>(), job => job is WebhookDispatcher);
    }
}
