using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace AiPolicyHub.Core.Reports.Pdf;

/// <summary>
/// Advance widths and glyph coverage of one embedded face, read once from its TrueType tables
/// (head, hhea, hmtx, cmap format 4). Layout measures text with these per-character widths instead of
/// asking PDFsharp, which is what keeps a 10,000-row table fast; PDFsharp draws with the same widths
/// (it applies no kerning), so measured and drawn text agree.
/// Only the Basic Multilingual Plane is mapped: characters beyond it (emoji, for example) count as
/// missing and are replaced by <see cref="Printable"/>.
/// </summary>
internal sealed class FontMetrics
{
    private const char Replacement = '\u25A1'; // WHITE SQUARE: visibly "a character was here"
    private static readonly FontMetrics?[] Faces = new FontMetrics?[4];
    private static readonly Lock Gate = new();

    // Advance width in font units per BMP character; -1 where the font has no glyph.
    private readonly short[] advance = new short[65536];
    private readonly double unitsPerEm;
    private readonly char replacement;

    private FontMetrics(byte[] font)
    {
        var tables = ReadTableDirectory(font);
        var head = tables["head"];
        unitsPerEm = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(head + 18));
        var hhea = tables["hhea"];
        Ascent = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(hhea + 4)) / unitsPerEm;
        Descent = -BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(hhea + 6)) / unitsPerEm;
        int metricCount = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(hhea + 34));
        var hmtx = tables["hmtx"];

        Array.Fill(advance, (short)-1);
        foreach (var (character, glyph) in ReadBmpCharacterMap(font, tables["cmap"]))
        {
            var metric = Math.Min(glyph, metricCount - 1);
            advance[character] = (short)Math.Min(short.MaxValue, (int)BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(hmtx + metric * 4)));
        }
        replacement = advance[Replacement] >= 0 ? Replacement : '?';
    }

    /// <summary>Height above the baseline, in ems.</summary>
    public double Ascent { get; }

    /// <summary>Depth below the baseline, in ems (positive).</summary>
    public double Descent { get; }

    public static FontMetrics For(FontFace face)
    {
        var metrics = Volatile.Read(ref Faces[(int)face]);
        if (metrics is not null)
        {
            return metrics;
        }
        lock (Gate)
        {
            return Faces[(int)face] ??= new FontMetrics(FontFaces.LoadBytes(face));
        }
    }

    /// <summary>Width of <paramref name="text"/> at <paramref name="size"/> points; the text must be <see cref="Printable"/>.</summary>
    public double Measure(ReadOnlySpan<char> text, double size)
    {
        long units = 0;
        foreach (var c in text)
        {
            units += Math.Max((short)0, advance[c]);
        }
        return units * size / unitsPerEm;
    }

    public double Measure(char c, double size) => Math.Max((short)0, advance[c]) * size / unitsPerEm;

    /// <summary>
    /// The text as this face can draw it: composed to NFC (so accents use the font's precomposed
    /// glyphs), tabs as spaces, other control characters except line feeds dropped, and every character
    /// the face lacks — emoji included — replaced by □. Returns the same string when nothing changes.
    /// </summary>
    public string Printable(string text)
    {
        var needsWork = false;
        foreach (var c in text)
        {
            if (c != '\n' && (advance[c] < 0 || c < ' ' || c >= '\u0300'))
            {
                needsWork = true;
                break;
            }
        }
        if (!needsWork)
        {
            return text;
        }
        if (!text.IsNormalized(NormalizationForm.FormC))
        {
            text = text.Normalize(NormalizationForm.FormC);
        }
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                result.Append(c);
            }
            else if (c == '\t')
            {
                result.Append(' ');
            }
            else if (c < ' ' || char.GetUnicodeCategory(c) == UnicodeCategory.Format)
            {
                // Control and invisible format characters (e.g. the emoji variation selector's cousins,
                // zero-width joiners) have nothing to show.
            }
            else if (char.IsHighSurrogate(c))
            {
                result.Append(replacement);
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
            }
            else if (advance[c] < 0 || char.IsLowSurrogate(c))
            {
                // A variation selector after a replaced emoji would only add a second box.
                if (c is >= '\uFE00' and <= '\uFE0F')
                {
                    continue;
                }
                result.Append(replacement);
            }
            else
            {
                result.Append(c);
            }
        }
        return result.ToString();
    }

    private static Dictionary<string, int> ReadTableDirectory(byte[] font)
    {
        int tableCount = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(4));
        var tables = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tableCount; i++)
        {
            var record = 12 + i * 16;
            var tag = Encoding.ASCII.GetString(font, record, 4);
            tables[tag] = (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8));
        }
        return tables;
    }

    /// <summary>Every (character, glyph) pair of the Windows Unicode BMP subtable (platform 3, encoding 1, format 4).</summary>
    private static IEnumerable<(char Character, int Glyph)> ReadBmpCharacterMap(byte[] font, int cmap)
    {
        int subtableCount = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(cmap + 2));
        for (var i = 0; i < subtableCount; i++)
        {
            var record = cmap + 4 + i * 8;
            var platform = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(record));
            var encoding = BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(record + 2));
            var subtable = cmap + (int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 4));
            if (platform == 3 && encoding == 1 && BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(subtable)) == 4)
            {
                return ReadFormat4(font, subtable);
            }
        }
        throw new InvalidOperationException("The embedded font has no Unicode BMP character map.");
    }

    private static List<(char, int)> ReadFormat4(byte[] font, int subtable)
    {
        ushort U16(int offset) => BinaryPrimitives.ReadUInt16BigEndian(font.AsSpan(offset));
        var segments = U16(subtable + 6) / 2;
        var ends = subtable + 14;
        var starts = ends + segments * 2 + 2;
        var deltas = starts + segments * 2;
        var rangeOffsets = deltas + segments * 2;
        var pairs = new List<(char, int)>();
        for (var s = 0; s < segments; s++)
        {
            int start = U16(starts + s * 2), end = U16(ends + s * 2);
            int delta = U16(deltas + s * 2), rangeOffset = U16(rangeOffsets + s * 2);
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                int glyph;
                if (rangeOffset == 0)
                {
                    glyph = (c + delta) & 0xFFFF;
                }
                else
                {
                    // idRangeOffset is relative to its own position in the table (TrueType spec, cmap format 4).
                    glyph = U16(rangeOffsets + s * 2 + rangeOffset + (c - start) * 2);
                    glyph = glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
                }
                if (glyph != 0)
                {
                    pairs.Add(((char)c, glyph));
                }
            }
        }
        return pairs;
    }
}
