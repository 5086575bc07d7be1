namespace AiPolicyHub.Core.Reports.Pdf.Layout;

/// <summary>
/// What layout decides and painting carries out: positioned drawing instructions in points, y growing
/// down from the page's top edge. Keeping layout apart from PDFsharp lets the page count and heading
/// pages be known before anything is drawn ("Page x of y", the table of contents).
/// </summary>
internal abstract record DrawOp;

internal readonly record struct Rgb(byte R, byte G, byte B);

/// <summary>Text already made printable by <see cref="FontMetrics.Printable"/>, drawn from its baseline.</summary>
internal sealed record TextOp(double X, double Baseline, string Text, FontFace Face, double Size, Rgb Color, double UnderlineWidth = 0) : DrawOp;

internal sealed record BoxOp(double X, double Y, double Width, double Height, Rgb Fill) : DrawOp;

internal sealed record LineOp(double X1, double Y1, double X2, double Y2, Rgb Color, double Thickness) : DrawOp;

internal sealed record WebLinkOp(double X, double Y, double Width, double Height, string Url) : DrawOp;

internal sealed record PageLinkOp(double X, double Y, double Width, double Height, int TargetPageIndex) : DrawOp;

internal sealed class LaidOutPage
{
    public List<DrawOp> Ops { get; } = [];
}

/// <summary>Where a heading landed: for the table of contents and the PDF bookmarks.</summary>
internal sealed record PlacedHeading(int Level, string Text, int PageIndex, double Y);

internal sealed record DocumentLayoutResult(IReadOnlyList<LaidOutPage> Pages, IReadOnlyList<PlacedHeading> Headings);
