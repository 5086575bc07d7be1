using System.Globalization;
using System.Text;
using AiPolicyHub.Core.Inventory;
using AiPolicyHub.Core.Notifications;

namespace AiPolicyHub.Core.Email;

/// <summary>The words of each email: plain text, the notification's own text, and an absolute link when a public address is set.</summary>
public static class EmailMessages
{
    public const string SubjectPrefix = "[AiPolicyHub] ";

    public static (string Subject, string Body) ForNotification(EmailSettings settings, Notification notification)
    {
        var subject = Subject($"{EnumText.Of(notification.Kind)}: {notification.Title}");
        var body = new StringBuilder()
            .AppendLine(OneLine(notification.Title))
            .AppendLine()
            .AppendLine(settings.LinkTo(notification.Link) is { } link ? $"Open it in AiPolicyHub: {link}" : "Sign in to AiPolicyHub to see it.")
            .AppendLine()
            .Append(Footer(settings, "You get an email for each AiPolicyHub notification."));
        return (subject, body.ToString());
    }

    public static (string Subject, string Body) ForDigest(EmailSettings settings, IReadOnlyList<Notification> notifications)
    {
        var subject = Subject(notifications.Count == 1 ? "Your daily digest: 1 notification" : $"Your daily digest: {notifications.Count} notifications");
        var body = new StringBuilder().AppendLine("Your AiPolicyHub notifications of the last day:").AppendLine();
        foreach (var n in notifications.OrderBy(n => n.CreatedAt).ThenBy(n => n.Id))
        {
            body.Append("- ").Append(n.CreatedAt.ToString("d MMM HH:mm", CultureInfo.InvariantCulture)).Append(" UTC · ")
                .Append(EnumText.Of(n.Kind)).Append(": ").AppendLine(OneLine(n.Title));
            if (settings.LinkTo(n.Link) is { } link)
            {
                body.Append("  ").AppendLine(link);
            }
        }
        if (settings.PublicBaseUrl.Length == 0)
        {
            body.AppendLine().AppendLine("Sign in to AiPolicyHub to see them.");
        }
        body.AppendLine().Append(Footer(settings, "You get one daily digest of your AiPolicyHub notifications."));
        return (subject, body.ToString());
    }

    public static string TestBody(EmailSettings settings) =>
        "This is a test message from AiPolicyHub: the email settings work.\n\n" +
        (settings.PublicBaseUrl.Length > 0
            ? $"Links in notification emails start with {settings.PublicBaseUrl}/ — open {settings.LinkTo("/")} to check it reaches the app.\n"
            : "No public address of the app is set, so notification emails carry no links until an administrator sets one.\n");

    private static string Footer(EmailSettings settings, string why) =>
        $"—\n{why} Change this on your profile: {settings.LinkTo("/profile") ?? "Your profile in AiPolicyHub"}.\n";

    private static string Subject(string text)
    {
        var subject = SubjectPrefix + OneLine(text);
        return subject.Length <= OutgoingEmail.SubjectLength ? subject : subject[..(OutgoingEmail.SubjectLength - 1)] + "…";
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
}
