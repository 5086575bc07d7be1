using System.Globalization;
using static AiPolicyHub.Core.Reports.Pdf.Layout.PdfTheme;

namespace AiPolicyHub.Core.Reports.Pdf.Layout;

/// <summary>
/// The table of contents: one entry per heading, indented by level, with dot leaders, the page number
/// and a link to the page. Entries wrap against a fixed-width number column, so the layout — and the
/// number of pages it takes — does not depend on the numbers: it is laid out once with placeholders
/// and again with the real numbers, which must then take the same pages.
/// </summary>
internal static class ContentsLayout
{
    private const double NumberColumn = 34, Indent = 16;

    public static void Place(PageFlow flow, TableOfContentsBlock block, IReadOnlyList<HeadingBlock> headings, IReadOnlyList<int>? pageIndexes)
    {
        var title = new HeadingBlock(1, block.Title);
        var style = TextBlockLayout.HeadingStyle(1);
        foreach (var line in TextBlockLayout.HeadingLines(title))
        {
            TextEmitter.Line(flow, line, ContentLeft, flow.Y, style.Line, style.Size, Accent);
            flow.Y += style.Line;
        }
        flow.Y += style.After + 4;

        var dotWidth = FontMetrics.For(FontFace.Regular).Measure('.', BodySize);
        for (var i = 0; i < headings.Count; i++)
        {
            var heading = headings[i];
            var face = heading.Level == 1 ? FontFace.Bold : FontFace.Regular;
            var left = ContentLeft + (heading.Level - 1) * Indent;
            var textWidth = ContentRight - NumberColumn - 8 - left;
            var lines = LineBreaker.Break([TextEmitter.Run(heading.Text, face)], BodySize, textWidth);
            var gapBefore = heading.Level == 1 && i > 0 ? 4 : 0;
            flow.EnsureSpace(gapBefore + lines.Count * BodyLine);
            flow.Gap(gapBefore);
            var top = flow.Y;
            foreach (var line in lines)
            {
                TextEmitter.Line(flow, line, left, flow.Y, BodyLine, BodySize, Text);
                flow.Y += BodyLine;
            }
            var lastTop = flow.Y - BodyLine;
            var lastWidth = lines.Count == 0 ? 0 : lines[^1].Width;
            var pageText = pageIndexes is null ? "0" : (pageIndexes[i] + 1).ToString(CultureInfo.InvariantCulture);
            var numberWidth = FontMetrics.For(face).Measure(pageText, BodySize);
            var leaderLeft = left + lastWidth + 6;
            var leaderCount = (int)Math.Floor((ContentRight - numberWidth - 6 - leaderLeft) / dotWidth);
            if (leaderCount > 2)
            {
                flow.Add(new TextOp(leaderLeft, Baseline(lastTop, BodyLine, BodySize), new string('.', leaderCount), FontFace.Regular, BodySize, Muted));
            }
            flow.Add(new TextOp(ContentRight - numberWidth, Baseline(lastTop, BodyLine, BodySize, face), pageText, face, BodySize, Text));
            if (pageIndexes is not null)
            {
                flow.Add(new PageLinkOp(left, top, ContentRight - left, flow.Y - top, pageIndexes[i]));
            }
        }
    }
}
