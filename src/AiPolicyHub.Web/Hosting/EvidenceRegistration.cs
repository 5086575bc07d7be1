using AiPolicyHub.Core;
using AiPolicyHub.Core.Evidence;

namespace AiPolicyHub.Web.Hosting;

public static class EvidenceRegistration
{
    /// <summary>
    /// Evidence: its settings (<c>Evidence:MaxFileBytes</c>, <c>Evidence:ExpiryNoticeDays</c>) and the hourly expiry notices
    /// (<c>Jobs:Job:evidence-expiry:Interval</c> overrides it). An impossible setting stops the start with a message.
    /// </summary>
    public static WebApplicationBuilder AddEvidence(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(EvidenceOptions.Section).Get<EvidenceOptions>() ?? new EvidenceOptions();
        if (options.MaxFileBytes is < 1024 or > 1024L * 1024 * 1024)
        {
            throw new StartupException($"Evidence:MaxFileBytes is {options.MaxFileBytes}; set it between 1024 (1 KB) and 1073741824 (1 GB).");
        }
        if (options.ExpiryNoticeDays is < 0 or > 365)
        {
            throw new StartupException($"Evidence:ExpiryNoticeDays is {options.ExpiryNoticeDays}; set it between 0 and 365 days.");
        }
        builder.Services.AddSingleton(options);
        builder.Services.AddScheduledJob<EvidenceExpiryJob>();
        return builder;
    }
}
