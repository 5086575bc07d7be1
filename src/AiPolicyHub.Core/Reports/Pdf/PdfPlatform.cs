using PdfSharp.Fonts;

namespace AiPolicyHub.Core.Reports.Pdf;

/// <summary>
/// PDFsharp's process-wide settings, made once: the embedded font resolver, which PDFsharp allows to be set
/// only once, before the first font is used. (PDFsharp 6.2.4 is MIT and needs no licence declaration; later
/// versions name the AGPL, which this project does not take: see Directory.Packages.props.)
/// </summary>
internal static class PdfPlatform
{
    private static readonly Lock Gate = new();
    private static bool initialised;

    public static void EnsureInitialised()
    {
        lock (Gate)
        {
            if (initialised)
            {
                return;
            }
            GlobalFontSettings.FontResolver ??= new EmbeddedFontResolver();
            initialised = true;
        }
    }
}
