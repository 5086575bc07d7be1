using AiPolicyHub.Core.Webhooks;

namespace AiPolicyHub.Web.Hosting;

/// <summary>The <c>Webhooks</c> settings (README, Configuration): receivers allowed inside the network, retries, timeout, links.</summary>
public static class WebhooksRegistration
{
    /// <summary>
    /// Binds the section; <c>AllowedHosts</c> and <c>RetryDelays</c> may also be one comma-separated value, which is handier in
    /// an environment variable (<c>Webhooks__AllowedHosts="hooks.internal, 10.20.0.0/16"</c>).
    /// </summary>
    public static WebhookOptions OptionsFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection(WebhookOptions.Section);
        var options = new WebhookOptions();
        section.Bind(options);
        if (section[nameof(WebhookOptions.AllowedHosts)] is { Length: > 0 } hosts)
        {
            options.AllowedHosts.AddRange(Split(hosts));
        }
        if (section[nameof(WebhookOptions.RetryDelays)] is { Length: > 0 } delays)
        {
            options.RetryDelays.AddRange(Split(delays).Select(d => TimeSpan.Parse(d, System.Globalization.CultureInfo.InvariantCulture)));
        }
        if (options.Timeout <= TimeSpan.Zero || options.RetryDelays.Any(d => d < TimeSpan.Zero))
        {
            throw new AiPolicyHub.Core.StartupException("Webhooks:Timeout must be positive and Webhooks:RetryDelays may not be negative.");
        }
        return options;
    }

    private static IEnumerable<string> Split(string list) =>
        list.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
