using AiPolicyHub.Core.Email;
using AiPolicyHub.Core.Risk;
using Microsoft.EntityFrameworkCore;
using SmtpServer.Protocol;

namespace AiPolicyHub.Core.Tests.Email;

/// <summary>The administrator's SMTP settings: who may change them, what is audited, the password kept out of sight, the test button.</summary>
public sealed class EmailSettingsStoreTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public async Task Only_an_administrator_changes_the_settings()
    {
        await using var s = await EmailScenario.CreateAsync(configure: false);

        var refused = await s.Settings.SaveAsync(s.People.Cora, s.Form());

        Assert.Equal([EmailSettingsStore.NotAllowed], refused.Errors);
        Assert.False((await s.Settings.ViewAsync(s.People.Cora)).Succeeded);
        Assert.False((await s.Settings.SendTestAsync(s.People.Cora)).Succeeded);
        Assert.False((await s.Settings.LoadAsync()).IsConfigured);
    }

    [Fact]
    public async Task The_password_is_stored_protected_never_shown_back_nor_audited_while_every_change_is_audited()
    {
        await using var s = await EmailScenario.CreateAsync(configure: false);
        var form = s.Form();
        form.UserName = "mailer";
        form.NewPassword = Password;

        Assert.True((await s.Settings.SaveAsync(s.Ada, form)).Succeeded);
        var view = (await s.Settings.ViewAsync(s.Ada)).Value!;
        var again = view.Form;
        again.Port = 2525;
        Assert.True((await s.Settings.SaveAsync(s.Ada, again)).Succeeded); // an empty password field keeps the stored one

        Assert.True(view.HasStoredPassword);
        Assert.Equal("", view.Form.NewPassword);
        Assert.Equal(Password, s.Settings.PasswordOf(await s.Settings.LoadAsync()));
        await using var db = await s.Test.DbAsync();
        var stored = await db.Settings.SingleAsync(x => x.Key == EmailSettingsStore.Key);
        Assert.DoesNotContain(Password, stored.Json);
        var entries = await db.AuditEntries.Where(e => e.EntityType == EmailSettingsStore.EntityType && e.EntityId == EmailSettingsStore.Key)
            .OrderBy(e => e.Id).ToListAsync();
        Assert.Equal(2, entries.Count);
        Assert.Contains("SMTP password", entries[0].ChangesJson);
        Assert.Contains("(set)", entries[0].ChangesJson);
        Assert.Contains("127.0.0.1", entries[0].ChangesJson);
        Assert.Contains("2525", entries[1].ChangesJson);
        Assert.All(entries, e => Assert.DoesNotContain(Password, e.ChangesJson));
    }

    [Fact]
    public async Task The_test_message_goes_to_the_administrators_own_address()
    {
        await using var s = await EmailScenario.CreateAsync();

        var sent = await s.Settings.SendTestAsync(s.Ada);

        Assert.True(sent.Succeeded, string.Join(" ", sent.Errors));
        Assert.Equal("ada.admin@example.com", sent.Value);
        var message = Assert.Single(s.ReceivedBy("Ada Admin"));
        Assert.Equal("AiPolicyHub test message", message.Subject);
        Assert.Contains("https://hub.example.org/", message.TextBody);
    }

    [Fact]
    public async Task The_test_message_reports_the_servers_refusal_in_its_own_words()
    {
        await using var s = await EmailScenario.CreateAsync();
        s.Smtp.Refuse(1, SmtpReplyCode.TransactionFailed, "5.7.1 Relay access denied");

        var refused = await s.Settings.SendTestAsync(s.Ada);

        Assert.Equal(["The test message was not sent. The SMTP server answered 554: 5.7.1 Relay access denied"], refused.Errors);
        Assert.Empty(s.Smtp.Received);
    }

    [Fact]
    public async Task The_test_message_says_when_the_server_cannot_be_reached()
    {
        await using var s = await EmailScenario.CreateAsync();
        var form = s.Form();
        form.Port = TestSmtpServer.FreePort();
        Assert.True((await s.Settings.SaveAsync(s.Ada, form)).Succeeded);

        var refused = await s.Settings.SendTestAsync(s.Ada);

        Assert.StartsWith($"The test message was not sent. Could not connect to 127.0.0.1:{form.Port}", Assert.Single(refused.Errors));
    }

    [Theory]
    [InlineData(nameof(EmailSettingsForm.FromAddress), "not an address")]
    [InlineData(nameof(EmailSettingsForm.PublicBaseUrl), "hub.example.org")]
    [InlineData(nameof(EmailSettingsForm.PublicBaseUrl), "https://hub.example.org/?x=1")]
    [InlineData(nameof(EmailSettingsForm.PublicBaseUrl), "ftp://hub.example.org")]
    [InlineData(nameof(EmailSettingsForm.Host), "smtp example org")]
    public void A_wrong_value_is_refused_with_a_message_for_its_field(string field, string value)
    {
        var form = new EmailSettingsForm { Host = "smtp.example.org", FromAddress = "hub@example.org", PublicBaseUrl = "https://hub.example.org" };
        typeof(EmailSettingsForm).GetProperty(field)!.SetValue(form, value);

        Assert.Equal([field], form.Validate().Keys);
    }

    [Fact]
    public void Ports_and_hours_out_of_range_are_refused()
    {
        var form = new EmailSettingsForm { Host = "smtp.example.org", FromAddress = "hub@example.org", Port = 0, DigestHour = 24 };

        Assert.Equal([nameof(EmailSettingsForm.DigestHour), nameof(EmailSettingsForm.Port)], form.Validate().Keys.Order());
    }
}
