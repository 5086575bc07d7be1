using AiPolicyHub.Core.Data;

namespace AiPolicyHub.Core.LiveChanges;

/// <summary>
/// Something other users should see at once, wherever they are connected (e.g. "this tool was paused"). Written in the
/// same transaction as the change itself, read by every instance's <see cref="ChangeFeedListener"/>.
/// </summary>
public sealed class ChangeNotice
{
    public const int TopicLength = 100, MessageLength = 2000;

    public long Id { get; set; }
    public string Topic { get; set; } = "";
    public string Message { get; set; } = "";

    /// <summary>UTC.</summary>
    public DateTime At { get; set; }
}

/// <summary>The topics in use, so publishers and subscribers agree on the names.</summary>
public static class ChangeTopics
{
    /// <summary>A tool or workflow was paused or restarted; the message is the sentence shown to users.</summary>
    public const string Pause = "pause";

    /// <summary>Adds a notice to <paramref name="db"/>: it is sent when the caller saves, with the change it announces.</summary>
    /// <param name="at">When the change was made (UTC), e.g. its audit entry's time.</param>
    public static void Announce(AppDbContext db, string topic, string message, DateTime at) =>
        db.ChangeNotices.Add(new ChangeNotice
        {
            Topic = topic,
            Message = message.Length > ChangeNotice.MessageLength ? message[..ChangeNotice.MessageLength] : message,
            At = DateTime.SpecifyKind(at, DateTimeKind.Utc),
        });
}
