using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Email;
using AiPolicyHub.Core.Identity;
using AiPolicyHub.Core.Tests.Incidents;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace AiPolicyHub.Core.Tests.Email;

/// <summary>The pause scenario's people, an administrator (Ada), a real SMTP server on loopback, and email set up to use it.</summary>
internal sealed class EmailScenario : IAsyncDisposable
{
    public const string PublicAddress = "https://hub.example.org";
    public const string From = "aipolicyhub@example.com";

    public required PauseScenario People { get; init; }
    public required ClaimsPrincipal Ada { get; init; }
    public required TestSmtpServer Smtp { get; init; }
    public required TestClock Clock { get; init; }

    public TestServices Test => People.Test;
    public EmailSettingsStore Settings => Test.Provider.GetRequiredService<EmailSettingsStore>();
    public EmailChoices Choices => Test.Provider.GetRequiredService<EmailChoices>();
    public EmailOutbox Outbox => Test.Provider.GetRequiredService<EmailOutbox>();

    /// <summary>The scheduled job as the scheduler would run it.</summary>
    public Task<string> RunJobAsync() => ActivatorUtilities.CreateInstance<EmailDeliveryJob>(Test.Provider).RunAsync(CancellationToken.None);

    public static async Task<EmailScenario> CreateAsync(string publicAddress = PublicAddress, int digestHour = 8, bool configure = true)
    {
        var clock = new TestClock();
        var people = await PauseScenario.CreateAsync(clock);
        var scenario = new EmailScenario
        {
            People = people,
            Ada = await people.Test.CreateUserAsync("Ada Admin", Roles.Administrator),
            Smtp = await TestSmtpServer.StartAsync(),
            Clock = clock,
        };
        if (configure)
        {
            var saved = await scenario.Settings.SaveAsync(scenario.Ada, scenario.Form(publicAddress, digestHour));
            Assert.True(saved.Succeeded, string.Join(" ", saved.Errors));
        }
        return scenario;
    }

    public EmailSettingsForm Form(string publicAddress = PublicAddress, int digestHour = 8) => new()
    {
        Host = TestSmtpServer.Host, Port = Smtp.Port, Security = SmtpSecurity.None, FromAddress = From, PublicBaseUrl = publicAddress,
        DigestHour = digestHour,
    };

    public static string AddressOf(string displayName) => displayName.ToLowerInvariant().Replace(' ', '.') + "@example.com";

    /// <summary>The messages the server accepted for <paramref name="displayName"/>'s address.</summary>
    public IReadOnlyList<MimeMessage> ReceivedBy(string displayName) =>
        [.. Smtp.Received.Where(m => m.To.Mailboxes.Any(to => to.Address == AddressOf(displayName)))];

    /// <summary>Core's services as another app instance composes them, over the first one's database and clock.</summary>
    public static ServiceProvider SecondInstance(TestServices first)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        services.AddSingleton(first.Clock);
        services.AddIdentityCore<AppUser>().AddRoles<Microsoft.AspNetCore.Identity.IdentityRole>().AddEntityFrameworkStores<AppDbContext>();
        services.AddAiPolicyHubCore(new CoreSettings(first.Database) { PoolContexts = false });
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        await Smtp.DisposeAsync();
        await People.DisposeAsync();
    }
}
