namespace AiPolicyHub.Web.Components.Shared;

/// <summary>
/// Times stored as UTC <see cref="DateTime"/> columns come back from the database without a kind; read as UTC, never as
/// the server's local time, before they are shown in the person's zone.
/// </summary>
public static class StoredTimes
{
    public static DateTimeOffset AsUtc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));

    /// <summary>A stored UTC time as the person reads it, zone labelled (see <see cref="UserTime.Show"/>).</summary>
    public static string ShowStored(this UserTime time, DateTime stored, string format = "d MMM yyyy, HH:mm") => time.Show(AsUtc(stored), format);

    /// <summary>The day of a stored UTC time in the person's zone, e.g. "3 Dec 2026" (a date needs no zone label).</summary>
    public static string ShowStoredDate(this UserTime time, DateTime stored) =>
        time.ToLocal(AsUtc(stored)).ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
