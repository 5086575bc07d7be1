namespace AiPolicyHub.Core.Reports.Pdf.Layout;

/// <summary>How reports look: A4 page geometry (points), type sizes and the palette, in one place.</summary>
internal static class PdfTheme
{
    public const double PageWidth = 595.28, PageHeight = 841.89; // A4
    public const double MarginLeft = 56.7, MarginRight = 56.7;   // 2 cm
    public const double ContentTop = 72, ContentBottom = PageHeight - 64;
    public const double ContentLeft = MarginLeft, ContentRight = PageWidth - MarginRight;
    public const double ContentWidth = ContentRight - ContentLeft;
    public const double HeaderBaseline = 44, FooterBaseline = PageHeight - 36;

    public const double BodySize = 10, BodyLine = 14;
    public const double SmallSize = 8, SmallLine = 11;
    public const double TableSize = 8.5, TableLine = 11, CellPadX = 4, CellPadY = 3;
    public const double BlockGap = 8;

    public static readonly Rgb Text = new(33, 37, 41);
    public static readonly Rgb Muted = new(100, 108, 117);
    public static readonly Rgb Accent = new(23, 55, 94);
    public static readonly Rgb Link = new(13, 94, 215);
    public static readonly Rgb Rule = new(200, 206, 212);
    public static readonly Rgb HeaderFill = new(226, 232, 240);
    public static readonly Rgb Zebra = new(246, 248, 250);
    public static readonly Rgb White = new(255, 255, 255);

    /// <summary>Strong colours, for bars.</summary>
    public static Rgb Solid(Tone tone) => tone switch
    {
        Tone.Low => new(46, 125, 50),
        Tone.Medium => new(230, 160, 0),
        Tone.High => new(230, 100, 0),
        Tone.Critical => new(190, 30, 45),
        _ => new(70, 100, 130),
    };

    /// <summary>Light colours, for heat-map cells and backgrounds, dark enough text stays readable on them.</summary>
    public static Rgb Tint(Tone tone) => tone switch
    {
        Tone.Low => new(200, 235, 203),
        Tone.Medium => new(255, 236, 160),
        Tone.High => new(255, 200, 150),
        Tone.Critical => new(245, 160, 165),
        _ => new(225, 232, 240),
    };

    public static (Rgb Fill, Rgb Bar) Callout(CalloutKind kind) => kind switch
    {
        CalloutKind.Warning => (new(255, 244, 206), new(230, 160, 0)),
        CalloutKind.Danger => (new(250, 220, 222), new(190, 30, 45)),
        _ => (new(228, 240, 253), new(13, 94, 215)),
    };

    /// <summary>Baseline of text of <paramref name="size"/> centred vertically in a line box starting at <paramref name="top"/>.</summary>
    public static double Baseline(double top, double lineHeight, double size, FontFace face = FontFace.Regular)
    {
        var metrics = FontMetrics.For(face);
        return top + (lineHeight - (metrics.Ascent + metrics.Descent) * size) / 2 + metrics.Ascent * size;
    }
}
