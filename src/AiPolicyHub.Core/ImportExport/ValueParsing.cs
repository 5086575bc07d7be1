using System.Globalization;
using System.Text.RegularExpressions;
using AiPolicyHub.Core.Inventory;

namespace AiPolicyHub.Core.ImportExport;

/// <summary>Turns the text of a cell into a field's value, accepting the spellings real inventories use.</summary>
public static partial class ValueParsing
{
    private static readonly HashSet<string> YesWords = new(StringComparer.OrdinalIgnoreCase) { "yes", "y", "true", "ja", "j", "1", "x", "oui", "si", "sí", "wahr", "✓", "✔" };
    private static readonly HashSet<string> NoWords = new(StringComparer.OrdinalIgnoreCase) { "no", "n", "false", "nee", "nein", "0", "non", "-", "none", "geen" };

    public static bool? YesNo(string text)
    {
        var t = text.Trim();
        return YesWords.Contains(t) ? true : NoWords.Contains(t) || t.Length == 0 ? false : null;
    }

    /// <summary>An enum value by its name or the words users read (its description), ignoring case, spaces and punctuation.</summary>
    public static bool TryChoice(Type enumType, string text, out long value)
    {
        if (ChoiceKeys.GetOrAdd(enumType, BuildKeys).TryGetValue(Key(text), out value))
        {
            return true;
        }
        // "Trains on our data": a plain yes or no.
        if (enumType == typeof(VendorTraining) && YesNo(text) is { } yes && text.Trim().Length > 0)
        {
            value = (long)(yes ? VendorTraining.Yes : VendorTraining.No);
            return true;
        }
        value = 0;
        return false;
    }

    /// <summary>Several choices of a flags enum, separated by commas, semicolons, pipes or line breaks.</summary>
    public static bool TryChoices(Type enumType, string text, Func<string, string> translate, out long value, out string? unknown)
    {
        value = 0;
        unknown = null;
        var whole = translate(text.Trim());
        if (whole.Length == 0 || Key(whole) is "none" or "no" or "nee" or "geen")
        {
            return true;
        }
        if (TryChoice(enumType, whole, out var single))
        {
            value = single;
            return true;
        }
        // The export separates with semicolons, since some of the words contain commas.
        char[] separators = whole.Contains(';') ? [';'] : [',', '|', '\n', '\r'];
        foreach (var part in whole.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var translated = translate(part);
            if (Key(translated) is "none" or "no" or "")
            {
                continue;
            }
            if (!TryChoice(enumType, translated, out var one))
            {
                unknown = part;
                return false;
            }
            value |= one;
        }
        return true;
    }

    /// <summary>A whole number, also written "1,000", "25 %" or "every 12 months".</summary>
    public static bool TryNumber(string text, out int value)
    {
        var match = NumberInText().Match(text.Trim());
        value = 0;
        return match.Success && int.TryParse(match.Groups[1].Value.Replace(",", "").Replace("\u00a0", "").Replace(" ", "").Replace("_", ""),
            NumberStyles.Integer, CultureInfo.InvariantCulture, out value);
    }

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "d-M-yyyy", "dd-MM-yyyy", "d.M.yyyy", "dd.MM.yyyy", "M/d/yyyy", "MM/dd/yyyy",
         "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss.FFFFFFFK"];

    /// <summary>ISO dates, European d-m-y and d.m.y, US m/d/y, and spreadsheet serial numbers.</summary>
    public static bool TryDate(string text, out DateOnly date)
    {
        var t = text.Trim();
        // The ISO date first, read digit by digit: the export writes it, and the framework's format parsing cost a large
        // import seconds. Exactly what the first format, yyyy-MM-dd, accepts.
        if (IsoDate(t) is { } iso)
        {
            date = iso;
            return true;
        }
        if (DateTime.TryParseExact(t, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            date = DateOnly.FromDateTime(parsed);
            return true;
        }
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20_000 and < 80_000)
        {
            date = DateOnly.FromDateTime(DateTime.FromOADate(serial));
            return true;
        }
        date = default;
        return false;
    }

    private static DateOnly? IsoDate(string t)
    {
        if (t.Length != 10 || t[4] != '-' || t[7] != '-'
            || !int.TryParse(t.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(t.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(t.AsSpan(8, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var day))
        {
            return null;
        }
        return year >= 1 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;
    }

    /// <summary>Each enum's values by the keys of their names and descriptions, built once per type.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, Dictionary<string, long>> ChoiceKeys = new();

    private static Dictionary<string, long> BuildKeys(Type enumType)
    {
        var keys = new Dictionary<string, long>();
        foreach (Enum candidate in Enum.GetValues(enumType))
        {
            var number = Convert.ToInt64(candidate, CultureInfo.InvariantCulture);
            keys.TryAdd(Key(candidate.ToString()), number);
            keys.TryAdd(Key(Describe(candidate)), number);
        }
        return keys;
    }

    public static string Describe(Enum value) =>
        value.GetType().GetField(value.ToString())?.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), false)
            .OfType<System.ComponentModel.DescriptionAttribute>().FirstOrDefault()?.Description ?? value.ToString();

    /// <summary>Lower-case letters and digits only: "Review before use", "review-before-use" and "ReviewBeforeUse" are one key.</summary>
    public static string Key(string text)
    {
        Span<char> buffer = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var n = 0;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                buffer[n++] = char.ToLowerInvariant(c);
            }
        }
        return new string(buffer[..n]);
    }

    [GeneratedRegex(@"^\D*?(-?\d[\d,\u00a0 _]*)\D*$")]
    private static partial Regex NumberInText();
}
