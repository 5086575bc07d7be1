using PdfSharp.Fonts;

namespace AiPolicyHub.Core.Reports.Pdf;

/// <summary>
/// Gives PDFsharp the DejaVu Sans faces embedded in this assembly for every family it asks for, so a
/// report never depends on (or reads) the fonts installed on the server.
/// </summary>
internal sealed class EmbeddedFontResolver : IFontResolver
{
    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(FontFaces.Of(bold, italic).ToString());

    public byte[] GetFont(string faceName) =>
        FontFaces.LoadBytes(Enum.Parse<FontFace>(faceName));
}
