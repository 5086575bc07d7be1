using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AiPolicyHub.Core.Reports;

/// <summary>
/// The fingerprint of the data a report was built from: <c>sha256:</c> and the lower-case hex SHA-256
/// of a canonical text form, so anyone holding the same data gets the same fingerprint and a changed
/// value gives a different one. A report adds one record per item it used (e.g. per workflow, with the
/// fields it shows) and, for the filters, a record of those.
/// <para>The canonical form (version 1), which must not change without a new version line:</para>
/// <list type="bullet">
/// <item>the first line is <c>aipolicyhub-report-fingerprint-v1</c>;</item>
/// <item>each record is one line: its fields separated by a tab, ended by a line feed;</item>
/// <item>a field is written as: null → <c>\N</c>; string → Unicode NFC with <c>\</c>, tab, line feed and
///   carriage return escaped as <c>\\</c>, <c>\t</c>, <c>\n</c>, <c>\r</c>; bool → <c>true</c>/<c>false</c>;
///   enum → its name; <see cref="DateTimeOffset"/> → UTC round-trip (<c>O</c>); <see cref="DateTime"/> →
///   round-trip; <see cref="DateOnly"/> → <c>yyyy-MM-dd</c>; other numbers and formattables → invariant
///   culture (doubles round-trip with <c>R</c>);</item>
/// <item>record lines are sorted by ordinal comparison, so the order the database returned rows in does
///   not matter (a report that depends on order should put a position field in its records);</item>
/// <item>the text is encoded as UTF-8 without a byte-order mark.</item>
/// </list>
/// </summary>
public sealed class ReportFingerprint
{
    public const string VersionLine = "aipolicyhub-report-fingerprint-v1";
    private readonly List<string> records = [];

    /// <summary>Adds one record, e.g. <c>Add("workflow", workflow.Id, workflow.Name, workflow.Tier)</c>.</summary>
    public ReportFingerprint Add(params object?[] fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append('\t');
            }
            AppendField(line, fields[i]);
        }
        records.Add(line.ToString());
        return this;
    }

    /// <summary>The canonical text the hash is computed over (useful to check a fingerprint by hand).</summary>
    public string CanonicalText()
    {
        var sorted = records.ToArray();
        Array.Sort(sorted, StringComparer.Ordinal);
        var text = new StringBuilder(VersionLine).Append('\n');
        foreach (var record in sorted)
        {
            text.Append(record).Append('\n');
        }
        return text.ToString();
    }

    /// <summary><c>sha256:</c> followed by 64 lower-case hex digits.</summary>
    public string Compute() =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CanonicalText())));

    private static void AppendField(StringBuilder line, object? field)
    {
        switch (field)
        {
            case null:
                line.Append(@"\N");
                break;
            case string text:
                AppendEscaped(line, text.Normalize(NormalizationForm.FormC));
                break;
            case bool flag:
                line.Append(flag ? "true" : "false");
                break;
            case Enum value:
                line.Append(value.ToString());
                break;
            case DateTimeOffset moment:
                line.Append(moment.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateTime moment:
                line.Append(moment.ToString("O", CultureInfo.InvariantCulture));
                break;
            case DateOnly day:
                line.Append(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                break;
            case double number:
                line.Append(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case float number:
                line.Append(number.ToString("R", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                AppendEscaped(line, formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            default:
                AppendEscaped(line, field.ToString() ?? "");
                break;
        }
    }

    private static void AppendEscaped(StringBuilder line, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '\\' => line.Append(@"\\"),
                '\t' => line.Append(@"\t"),
                '\n' => line.Append(@"\n"),
                '\r' => line.Append(@"\r"),
                _ => line.Append(c),
            };
        }
    }
}
