using System.Text;

namespace AiPolicyHub.Core.ImportExport.Reading;

/// <summary>Finds the encoding of a text file from its first bytes, and refuses files that are not text at all.</summary>
public static class TextEncodings
{
    static TextEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public const string Utf8 = "utf-8", Utf16LE = "utf-16", Utf16BE = "utf-16BE", Windows1252 = "windows-1252";

    public static readonly IReadOnlyList<(string Name, string Label)> Choices =
    [
        (Utf8, "UTF-8"), (Utf16LE, "UTF-16 (little-endian)"), (Utf16BE, "UTF-16 (big-endian)"), (Windows1252, "Windows-1252 (Western European)"),
    ];

    /// <summary>Makes Windows-1252 (and the other code pages) available; ExcelDataReader needs it too.</summary>
    public static void EnsureCodePages() => _ = Choices;

    /// <summary>A strict decoder for <paramref name="name"/>: invalid bytes throw instead of becoming U+FFFD.</summary>
    public static Encoding Strict(string name) => name.ToLowerInvariant() switch
    {
        "utf-8" or "utf8" => new UTF8Encoding(false, true),
        "utf-16" or "utf-16le" or "unicode" => new UnicodeEncoding(false, false, true),
        "utf-16be" => new UnicodeEncoding(true, false, true),
        _ => GetEncoding(name),
    };

    private static Encoding GetEncoding(string name)
    {
        EnsureCodePages();
        try
        {
            return Encoding.GetEncoding(name);
        }
        catch (ArgumentException)
        {
            throw new ImportFileException($"\"{name}\" is not an encoding AiPolicyHub knows. Choose UTF-8, UTF-16 or Windows-1252.");
        }
    }

    /// <summary>
    /// The encoding of <paramref name="head"/> (the file's first bytes) and the length of its byte-order mark. With
    /// <paramref name="declared"/>, checks that the bytes fit it, so a wrong choice is named instead of producing garbled text.
    /// </summary>
    public static (string Name, int BomLength) Detect(ReadOnlySpan<byte> head, bool complete, string? declared)
    {
        var (bomName, bomLength) = head switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Utf8, 3),
            [0xFF, 0xFE, ..] => (Utf16LE, 2),
            [0xFE, 0xFF, ..] => (Utf16BE, 2),
            _ => ((string?)null, 0),
        };
        var utf16 = bomName ?? LooksLikeUtf16(head);
        if (utf16 is null && bomName is null && LooksBinary(head))
        {
            throw new ImportFileException(
                "This file is not text: it contains binary data (for example a workbook, a PDF or an archive with a .csv name). " +
                "Export it as CSV, or upload the workbook itself as .xlsx.");
        }
        var detected = bomName ?? utf16 ?? (IsValidUtf8(head, complete) ? Utf8 : Windows1252);
        if (declared is null)
        {
            return (detected, bomLength);
        }

        var wanted = Normalise(declared);
        if (bomName is not null && wanted != bomName)
        {
            throw new ImportFileException($"The file starts with a {Label(bomName)} byte-order mark, but {Label(wanted)} was chosen. " +
                $"Choose {Label(bomName)} (or let the encoding be detected).");
        }
        if (wanted is Utf16LE or Utf16BE && utf16 is null)
        {
            throw new ImportFileException($"The file does not look like {Label(wanted)} text. Choose {Label(detected)} (or let the encoding be detected).");
        }
        if (wanted == Utf8 && detected != Utf8)
        {
            throw new ImportFileException($"The file is not valid UTF-8 (it looks like {Label(detected)}). Choose {Label(detected)} (or let the encoding be detected).");
        }
        if (wanted != Utf8 && utf16 is null && detected == Utf8 && HasMultiByteUtf8(head))
        {
            throw new ImportFileException($"The file is UTF-8 with accented or other non-English letters, which {Label(wanted)} would garble " +
                "(\"é\" would read as \"Ã©\"). Choose UTF-8 (or let the encoding be detected).");
        }
        return (wanted, bomLength);
    }

    public static string Label(string name) => Choices.FirstOrDefault(c => c.Name == Normalise(name)).Label ?? name;

    private static string Normalise(string name) => name.Trim().ToLowerInvariant() switch
    {
        "utf8" or "utf-8" => Utf8,
        "utf-16" or "utf16" or "utf-16le" or "unicode" => Utf16LE,
        "utf-16be" or "utf16be" => Utf16BE,
        "windows-1252" or "cp1252" or "1252" => Windows1252,
        var other => other,
    };

    /// <summary>UTF-16 without a byte-order mark: mostly ASCII text has a zero in every other byte.</summary>
    private static string? LooksLikeUtf16(ReadOnlySpan<byte> head)
    {
        var pairs = Math.Min(head.Length / 2, 4096);
        if (pairs < 2)
        {
            return null;
        }
        int evenZeros = 0, oddZeros = 0;
        for (var i = 0; i < pairs; i++)
        {
            if (head[2 * i] == 0) evenZeros++;
            if (head[2 * i + 1] == 0) oddZeros++;
        }
        return oddZeros > pairs * 0.4 && evenZeros < pairs * 0.05 ? Utf16LE
            : evenZeros > pairs * 0.4 && oddZeros < pairs * 0.05 ? Utf16BE
            : null;
    }

    private static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 8192)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b == 0)
            {
                return true;
            }
            if (b < 0x20 && b is not (0x09 or 0x0A or 0x0D or 0x0C))
            {
                control++;
            }
        }
        return sample.Length > 0 && control > sample.Length / 50;
    }

    private static bool IsValidUtf8(ReadOnlySpan<byte> head, bool complete)
    {
        // A multi-byte character may be cut at the end of the sample: ignore up to three trailing bytes then.
        var span = head;
        if (!complete)
        {
            var cut = 0;
            while (cut < 3 && cut < span.Length && (span[^(cut + 1)] & 0xC0) == 0x80) cut++;
            if (cut < span.Length && span[^(cut + 1)] >= 0xC0) cut++;
            span = span[..^cut];
        }
        return System.Text.Unicode.Utf8.IsValid(span);
    }

    private static bool HasMultiByteUtf8(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b >= 0x80)
            {
                return true;
            }
        }
        return false;
    }
}
