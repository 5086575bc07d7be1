using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using AiPolicyHub.Core.Auditing;
using AiPolicyHub.Core.Data;
using AiPolicyHub.Core.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace AiPolicyHub.Core.Email;

/// <summary>The settings as the administrator's page shows them: never the password, only whether there is one.</summary>
public sealed record EmailSettingsView(EmailSettingsForm Form, bool HasStoredPassword, bool PasswordFromConfiguration, bool IsConfigured,
    bool HasPublicBaseUrl, string? AdministratorAddress);

/// <summary>
/// The SMTP settings: read by the senders, changed only by an administrator (audited, the password never written to the
/// trail nor shown back), and the "Send a test message" button, which sends at once to the administrator's own address.
/// </summary>
public sealed class EmailSettingsStore(IDbContextFactory<AppDbContext> contexts, AuditTrail audit, IDataProtectionProvider protection,
    EmailOptions options, SmtpMailer mailer)
{
    public const string Key = "email";
    public const string EntityType = "Setting";
    public const string NotAllowed = "Only an administrator can change the email settings.";
    private const string PasswordPurpose = "AiPolicyHub.Email.SmtpPassword";

    private IDataProtector Protector => protection.CreateProtector(PasswordPurpose);

    public static async Task<EmailSettings> LoadAsync(AppDbContext db, CancellationToken cancellationToken = default)
    {
        var stored = await db.Settings.AsNoTracking().SingleOrDefaultAsync(s => s.Key == Key, cancellationToken);
        return (stored is null ? null : JsonSerializer.Deserialize<EmailSettings>(stored.Json)) ?? new EmailSettings();
    }

    public async Task<EmailSettings> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, cancellationToken);
    }

    /// <summary>The password to sign in with: configuration's, else the stored one unprotected; throws when it cannot be read.</summary>
    public string? PasswordOf(EmailSettings settings)
    {
        if (!string.IsNullOrEmpty(options.SmtpPassword))
        {
            return options.SmtpPassword;
        }
        if (settings.ProtectedPassword is null)
        {
            return null;
        }
        try
        {
            return Protector.Unprotect(settings.ProtectedPassword);
        }
        catch (CryptographicException e)
        {
            throw new EmailDeliveryException("The stored SMTP password can no longer be read (the data-protection keys changed): enter it again on the Email page.",
                connectionLost: true, e);
        }
    }

    public async Task<Result<EmailSettingsView>> ViewAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await AdministratorAsync(db, principal, cancellationToken) is not { } actor)
        {
            return Result<EmailSettingsView>.Failure(NotAllowed);
        }
        var settings = await LoadAsync(db, cancellationToken);
        var address = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        return Result.Success(new EmailSettingsView(EmailSettingsForm.From(settings), settings.ProtectedPassword is not null,
            !string.IsNullOrEmpty(options.SmtpPassword), settings.IsConfigured, settings.PublicBaseUrl.Length > 0, address));
    }

    /// <summary>Saves the administrator's settings; errors are keyed by the form's field names.</summary>
    public async Task<Result> SaveAsync(ClaimsPrincipal principal, EmailSettingsForm form, CancellationToken cancellationToken = default)
    {
        var errors = form.Validate();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await AdministratorAsync(db, principal, cancellationToken) is not { } actor)
        {
            return Result.Failure(NotAllowed);
        }
        if (errors.Count > 0)
        {
            return Result.Failure([.. errors.Select(e => $"{e.Key}: {e.Value}")]);
        }
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = await LoadAsync(db, cancellationToken);
        var password = form.ClearPassword ? null
            : form.NewPassword.Length > 0 ? Protector.Protect(form.NewPassword)
            : before.ProtectedPassword;
        var after = new EmailSettings
        {
            Host = form.Host.Trim(),
            Port = form.Port,
            Security = form.Security,
            UserName = form.UserName.Trim(),
            ProtectedPassword = password,
            FromAddress = form.FromAddress.Trim(),
            PublicBaseUrl = form.PublicBaseUrl.Trim().TrimEnd('/'),
            DigestHour = form.DigestHour,
        };
        var changes = AuditTrail.Diff(Describe(before), Describe(after));
        if (form.NewPassword.Length > 0 && !form.ClearPassword && before.ProtectedPassword is not null)
        {
            changes.Add(new FieldChange("SMTP password", "(set)", "(changed)"));
        }
        if (changes.Count == 0)
        {
            return Result.Success();
        }
        var stored = await db.Settings.SingleOrDefaultAsync(s => s.Key == Key, cancellationToken)
            ?? db.Settings.Add(new Risk.StoredSetting { Key = Key }).Entity;
        stored.Json = JsonSerializer.Serialize(after);
        await audit.AppendAsync(db, actor, EntityType, Key, "Email settings", AuditAction.Changed, changes, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result.Success();
    }

    /// <summary>
    /// Sends a test message with the saved settings to the administrator's own address, at once (not through the outbox), and
    /// says what happened: the address it went to, or the server's error.
    /// </summary>
    public async Task<Result<string>> SendTestAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        EmailSettings settings;
        string? address;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            if (await AdministratorAsync(db, principal, cancellationToken) is not { } actor)
            {
                return Result<string>.Failure(NotAllowed);
            }
            settings = await LoadAsync(db, cancellationToken);
            address = await db.Users.Where(u => u.Id == actor.UserId).Select(u => u.Email).SingleOrDefaultAsync(cancellationToken);
        }
        if (!settings.IsConfigured)
        {
            return Result<string>.Failure("Save the SMTP server and the sender's address first.");
        }
        if (string.IsNullOrWhiteSpace(address) || !EmailSettingsForm.IsAddress(address))
        {
            return Result<string>.Failure("Your account has no valid email address to send the test message to.");
        }
        try
        {
            await using var connection = await mailer.ConnectAsync(settings, PasswordOf(settings), cancellationToken);
            await connection.SendAsync(address, "AiPolicyHub test message",
                EmailMessages.TestBody(settings), cancellationToken);
            return Result.Success(address);
        }
        catch (EmailDeliveryException e)
        {
            return Result<string>.Failure($"The test message was not sent. {e.Message}");
        }
    }

    private static async Task<Actor?> AdministratorAsync(AppDbContext db, ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        await Actor.FindAsync(db, principal, cancellationToken) is { } actor && actor.Roles.Contains(Roles.Administrator) ? actor : null;

    private static Dictionary<string, string> Describe(EmailSettings s) => new()
    {
        ["SMTP server"] = s.Host.Length == 0 ? "(none: email off)" : s.Host,
        ["Port"] = s.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Connection security"] = Inventory.EnumText.Of(s.Security),
        ["User name"] = s.UserName.Length == 0 ? "(none)" : s.UserName,
        ["SMTP password"] = s.ProtectedPassword is null ? "(none)" : "(set)",
        ["From address"] = s.FromAddress.Length == 0 ? "(none)" : s.FromAddress,
        ["Public address of the app"] = s.PublicBaseUrl.Length == 0 ? "(none)" : s.PublicBaseUrl,
        ["Daily digest at (UTC)"] = $"{s.DigestHour:00}:00",
    };
}
