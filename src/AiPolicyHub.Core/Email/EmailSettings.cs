using System.ComponentModel;
using System.Net.Mail;

namespace AiPolicyHub.Core.Email;

/// <summary>How the connection to the SMTP server is protected. Stored as numbers: add new values at the end.</summary>
public enum SmtpSecurity
{
    [Description("None (plain text: only on a network you trust)")] None,
    [Description("STARTTLS (usually port 587)")] StartTls,
    [Description("Implicit TLS (usually port 465)")] ImplicitTls,
}

/// <summary>
/// The administrator's SMTP settings, kept as JSON in the organisation settings table. The password is stored only
/// protected with ASP.NET Core Data Protection (whose keys live in the database), or comes from configuration
/// (<see cref="EmailOptions.SmtpPassword"/>); it is never shown back.
/// </summary>
public sealed record EmailSettings
{
    public const int HostLength = 255, UserNameLength = 256, AddressLength = 320, BaseUrlLength = 400;

    /// <summary>Empty: email is off (nothing is queued, notifications stay in the bell).</summary>
    public string Host { get; init; } = "";
    public int Port { get; init; } = 587;
    public SmtpSecurity Security { get; init; } = SmtpSecurity.StartTls;
    /// <summary>Empty: the server is used without signing in.</summary>
    public string UserName { get; init; } = "";
    /// <summary>The password as Data Protection protected it; null when none was given.</summary>
    public string? ProtectedPassword { get; init; }
    public string FromAddress { get; init; } = "";
    /// <summary>The address people open the app at, e.g. https://aipolicyhub.example.org; links in emails start with it.</summary>
    public string PublicBaseUrl { get; init; } = "";
    /// <summary>The hour (UTC, 0–23) at which the daily digests go out.</summary>
    public int DigestHour { get; init; } = 7;

    public bool IsConfigured => Host.Length > 0 && FromAddress.Length > 0;

    /// <summary>The absolute address of an app path ("/workflows/3"), or null when no public address is set (no broken links).</summary>
    public string? LinkTo(string path) =>
        PublicBaseUrl.Length == 0 ? null : PublicBaseUrl + (path.StartsWith('/') ? path : "/" + path);
}

/// <summary>What the administrator types on the Email page. <see cref="NewPassword"/> empty keeps the stored password.</summary>
public sealed class EmailSettingsForm
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;
    public string UserName { get; set; } = "";
    public string NewPassword { get; set; } = "";
    public bool ClearPassword { get; set; }
    public string FromAddress { get; set; } = "";
    public string PublicBaseUrl { get; set; } = "";
    public int DigestHour { get; set; } = 7;

    public static EmailSettingsForm From(EmailSettings s) => new()
    {
        Host = s.Host, Port = s.Port, Security = s.Security, UserName = s.UserName, FromAddress = s.FromAddress,
        PublicBaseUrl = s.PublicBaseUrl, DigestHour = s.DigestHour,
    };

    /// <summary>Errors by field ("Host", "Port", "FromAddress", "PublicBaseUrl", "DigestHour", "UserName"), in words for the administrator.</summary>
    public Dictionary<string, string> Validate()
    {
        var errors = new Dictionary<string, string>();
        var host = Host.Trim();
        if (host.Length > EmailSettings.HostLength || (host.Length > 0 && Uri.CheckHostName(host) == UriHostNameType.Unknown))
        {
            errors[nameof(Host)] = "Enter the SMTP server's host name or IP address, e.g. smtp.example.org.";
        }
        if (Port is < 1 or > 65535)
        {
            errors[nameof(Port)] = "Enter a port between 1 and 65535 (587 for STARTTLS, 465 for implicit TLS, 25 without).";
        }
        if (!Enum.IsDefined(Security))
        {
            errors[nameof(Security)] = "Choose how the connection is protected.";
        }
        if (UserName.Trim().Length > EmailSettings.UserNameLength)
        {
            errors[nameof(UserName)] = $"A user name can have at most {EmailSettings.UserNameLength} characters.";
        }
        var from = FromAddress.Trim();
        if (host.Length > 0 && from.Length == 0)
        {
            errors[nameof(FromAddress)] = "Enter the address emails come from, e.g. aipolicyhub@example.org.";
        }
        else if (from.Length > 0 && !IsAddress(from))
        {
            errors[nameof(FromAddress)] = "Enter one email address, e.g. aipolicyhub@example.org.";
        }
        var url = PublicBaseUrl.Trim().TrimEnd('/');
        if (url.Length > EmailSettings.BaseUrlLength || (url.Length > 0 && !IsBaseUrl(url)))
        {
            errors[nameof(PublicBaseUrl)] = "Enter the address people open AiPolicyHub at, starting with https:// (or http://), without ? or #.";
        }
        if (DigestHour is < 0 or > 23)
        {
            errors[nameof(DigestHour)] = "Choose an hour between 0 and 23.";
        }
        return errors;
    }

    public static bool IsAddress(string address) =>
        address.Length <= EmailSettings.AddressLength && MailAddress.TryCreate(address, out var parsed) && parsed.Address == address;

    private static bool IsBaseUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && uri.Query.Length == 0 && uri.Fragment.Length == 0 && !url.Contains('?') && !url.Contains('#') && uri.UserInfo.Length == 0;
}

/// <summary>The <c>Email</c> configuration section: what an operator, not the administrator's page, decides.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The SMTP password from configuration (e.g. a secret in the environment); when set it wins over a stored one.</summary>
    public string? SmtpPassword { get; set; }

    /// <summary>Attempts before a message is given up as failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after a first failure; each further failure waits five times longer (1, 5, 25, 125 minutes).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long a sender holds a claimed message; one that went away mid-send leaves it to others after this.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Messages one run sends at most (the rest go at the next run).</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>How long to wait for the SMTP server's answers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan RetryDelay(int attempts) =>
        FirstRetryDelay * Math.Pow(5, Math.Clamp(attempts - 1, 0, 6));
}
