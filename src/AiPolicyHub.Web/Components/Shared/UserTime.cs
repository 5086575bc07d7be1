using System.Globalization;

namespace AiPolicyHub.Web.Components.Shared;

/// <summary>
/// The signed-in person's time zone, for showing and entering times. The browser reports its zone in a cookie
/// (app.js); App.razor reads it on the first request and cascades this to every page. Unknown zones fall back to UTC.
/// Stored times stay UTC; only what people see and type is local, and always labelled with the zone.
/// </summary>
public sealed class UserTime
{
    public const string Cookie = "AiPolicyHub.TimeZone";

    public static readonly UserTime Utc = new(TimeZoneInfo.Utc);

    public UserTime(TimeZoneInfo zone) => Zone = zone;

    public TimeZoneInfo Zone { get; }

    /// <summary>The zone's IANA name, e.g. "Europe/Berlin", or "UTC".</summary>
    public string ZoneName => Zone == TimeZoneInfo.Utc ? "UTC"
        : TimeZoneInfo.TryConvertWindowsIdToIanaId(Zone.Id, out var iana) ? iana : Zone.Id;

    /// <summary>A zone from the browser's cookie value; UTC when missing or unknown.</summary>
    public static UserTime FromCookie(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 64) return Utc;
        try
        {
            return new UserTime(TimeZoneInfo.FindSystemTimeZoneById(Uri.UnescapeDataString(value)));
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return Utc;
        }
    }

    public DateTimeOffset ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>"3 Dec 2026, 14:05 (Europe/Berlin)": a stored instant as the person reads it, zone labelled.</summary>
    public string Show(DateTimeOffset instant, string format = "d MMM yyyy, HH:mm") =>
        $"{ToLocal(instant).ToString(format, CultureInfo.InvariantCulture)} ({ZoneName})";

    /// <summary>
    /// Times stored as UTC <see cref="DateTime"/> columns come back from the database without a kind: read as UTC, never
    /// as the server's local time.
    /// </summary>
    public static DateTimeOffset AsUtc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));

    /// <summary>A stored UTC time as the person reads it, zone labelled (see <see cref="Show"/>).</summary>
    public string ShowStored(DateTime stored, string format = "d MMM yyyy, HH:mm") => Show(AsUtc(stored), format);

    /// <summary>The day of a stored UTC time in the person's zone, e.g. "3 Dec 2026" (a date needs no zone label).</summary>
    public string ShowStoredDate(DateTime stored) => ToLocal(AsUtc(stored)).ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The value of a <c>datetime-local</c> input for a stored instant.</summary>
    public string ToInput(DateTimeOffset instant) => ToLocal(instant).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>A wall-clock time typed in this zone, as the instant to store. Null when it is not a time.</summary>
    public DateTimeOffset? FromInput(string? value)
    {
        if (!DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall)) return null;
        wall = DateTime.SpecifyKind(wall, DateTimeKind.Unspecified);
        // A time skipped by a clock change does not exist: read it as the moment after the jump.
        if (Zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
        return new DateTimeOffset(wall, Zone.GetUtcOffset(wall));
    }
}
