using PdfSharp;
using PdfSharp.Fonts;

namespace AiPolicyHub.Core.Reports.Pdf;

/// <summary>
/// PDFsharp's process-wide settings, made once: the AGPL licence declaration (PDFsharp refuses to create
/// documents without one; the project is AGPL-3.0, see PLATFORM.md) and the embedded font resolver,
/// which PDFsharp allows to be set only once, before the first font is used.
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
            PdfSharpLicense.SetAgplLicense();
            GlobalFontSettings.FontResolver ??= new EmbeddedFontResolver();
            initialised = true;
        }
    }
}
