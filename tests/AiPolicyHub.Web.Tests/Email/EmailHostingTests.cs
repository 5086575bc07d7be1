using System.Security.Claims;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Email;
using AiPolicyHub.Core.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AiPolicyHub.Web.Tests.Email;

/// <summary>How the app hosts email: the scheduled job, the settings from configuration, the password under the app's Data Protection keys.</summary>
public sealed class EmailHostingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("aipolicyhub-email-").FullName;

    [Fact]
    public async Task The_app_schedules_the_email_job_and_takes_its_limits_and_the_smtp_password_from_configuration()
    {
        await using var app = AppFactory.WithSettings(new Dictionary<string, string>
        {
            ["Email:SmtpPassword"] = "from the environment", ["Email:MaxAttempts"] = "3",
        });

        Assert.Contains(app.Services.GetServices<IScheduledJob>(), j => j is EmailDeliveryJob { Name: "email" });
        Assert.Equal(3, app.Services.GetRequiredService<EmailOptions>().MaxAttempts);
        var store = app.Services.GetRequiredService<EmailSettingsStore>();
        Assert.Equal("from the environment", store.PasswordOf(new EmailSettings { Host = "smtp.example.org", ProtectedPassword = null }));
    }

    [Fact]
    public async Task A_password_saved_on_the_page_is_read_back_after_a_restart_with_the_keys_kept_in_the_database()
    {
        const string password = "smtp password kept protected";
        await using (var first = AppFactory.OnDataFolder(folder))
        {
            var store = first.Services.GetRequiredService<EmailSettingsStore>();
            var saved = await store.SaveAsync(await AdministratorAsync(first), new EmailSettingsForm
            {
                Host = "smtp.example.org", FromAddress = "hub@example.org", UserName = "mailer", NewPassword = password,
            });
            Assert.True(saved.Succeeded, string.Join(" ", saved.Errors));
        }

        await using var second = AppFactory.OnDataFolder(folder);
        var again = second.Services.GetRequiredService<EmailSettingsStore>();

        Assert.Equal(password, again.PasswordOf(await again.LoadAsync()));
    }

    private static async Task<ClaimsPrincipal> AdministratorAsync(AppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == AppFactory.AdminEmail).Select(u => u.Id).SingleAsync();
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, id)], "test"));
    }

    public void Dispose()
    {
        AiPolicyHub.Tests.Shared.TestDatabase.Drop(folder);
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
