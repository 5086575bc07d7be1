namespace AiPolicyHub.Core.Reports.Pdf;

/// <summary>The four embedded DejaVu Sans faces.</summary>
internal enum FontFace
{
    Regular,
    Bold,
    Italic,
    BoldItalic,
}

internal static class FontFaces
{
    public const string Family = "DejaVu Sans";

    public static FontFace Of(SpanStyle style) => (style & (SpanStyle.Bold | SpanStyle.Italic)) switch
    {
        SpanStyle.Bold => FontFace.Bold,
        SpanStyle.Italic => FontFace.Italic,
        SpanStyle.Bold | SpanStyle.Italic => FontFace.BoldItalic,
        _ => FontFace.Regular,
    };

    public static FontFace Of(bool bold, bool italic) => Of((bold ? SpanStyle.Bold : 0) | (italic ? SpanStyle.Italic : 0));

    /// <summary>The embedded resource holding the face's TrueType file.</summary>
    public static string ResourceName(FontFace face) => "AiPolicyHub.Core.Reports.Fonts." + face switch
    {
        FontFace.Bold => "DejaVuSans-Bold.ttf",
        FontFace.Italic => "DejaVuSans-Oblique.ttf",
        FontFace.BoldItalic => "DejaVuSans-BoldOblique.ttf",
        _ => "DejaVuSans.ttf",
    };

    public static byte[] LoadBytes(FontFace face)
    {
        using var stream = typeof(FontFaces).Assembly.GetManifestResourceStream(ResourceName(face))
            ?? throw new InvalidOperationException($"The font resource {ResourceName(face)} is missing from AiPolicyHub.Core.");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
