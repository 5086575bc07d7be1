using System.Globalization;
using static AiPolicyHub.Core.Reports.Pdf.Layout.PdfTheme;

namespace AiPolicyHub.Core.Reports.Pdf.Layout;

/// <summary>Lays out the text blocks: headings, paragraphs, lists, facts and callouts.</summary>
internal static class TextBlockLayout
{
    public static (double Size, double Line, double Before, double After) HeadingStyle(int level) => level switch
    {
        1 => (16, 20, 16, 8),
        2 => (13, 17, 12, 5),
        _ => (11, 14.5, 9, 3),
    };

    public static IReadOnlyList<TextLine> HeadingLines(HeadingBlock heading) =>
        LineBreaker.Break([TextEmitter.Run(heading.Text, FontFace.Bold)], HeadingStyle(heading.Level).Size, ContentWidth);

    public static double HeadingHeight(HeadingBlock heading)
    {
        var style = HeadingStyle(heading.Level);
        return HeadingLines(heading).Count * style.Line + style.After;
    }

    /// <summary>Places the heading where it and <paramref name="leadOfNext"/> points of what follows fit together (keep-with-next).</summary>
    public static PlacedHeading Heading(PageFlow flow, HeadingBlock heading, double leadOfNext)
    {
        var style = HeadingStyle(heading.Level);
        var lines = HeadingLines(heading);
        flow.Gap(style.Before);
        flow.EnsureSpace(lines.Count * style.Line + style.After + leadOfNext);
        var placed = new PlacedHeading(heading.Level, heading.Text, flow.PageIndex, flow.Y);
        foreach (var line in lines)
        {
            TextEmitter.Line(flow, line, ContentLeft, flow.Y, style.Line, style.Size, Accent);
            flow.Y += style.Line;
        }
        if (heading.Level == 1)
        {
            flow.Add(new LineOp(ContentLeft, flow.Y + 2, ContentRight, flow.Y + 2, Rule, 0.8));
        }
        flow.Y += style.After;
        return placed;
    }

    public static void Paragraph(PageFlow flow, ParagraphBlock paragraph)
    {
        var lines = LineBreaker.Break(TextEmitter.Runs(paragraph.Spans), BodySize, ContentWidth);
        RowPlacer.Place(flow, [new RowCell(ContentLeft, ContentWidth, lines, BodySize, Text)], BodyLine, 0, 0, keepTogether: false);
        flow.Gap(BlockGap);
    }

    public static void List(PageFlow flow, ListBlock list)
    {
        var bodyFace = FontMetrics.For(FontFace.Regular);
        var markerWidth = list.Kind == ListKind.Bullet
            ? 14
            : bodyFace.Measure(list.Items.Count.ToString(CultureInfo.InvariantCulture) + ".", BodySize) + 8;
        var textLeft = ContentLeft + 6 + markerWidth;
        for (var i = 0; i < list.Items.Count; i++)
        {
            var marker = list.Kind == ListKind.Bullet ? "•" : (i + 1).ToString(CultureInfo.InvariantCulture) + ".";
            var markerLines = LineBreaker.Break(marker, FontFace.Regular, BodySize, markerWidth);
            var lines = LineBreaker.Break(TextEmitter.Runs(list.Items[i]), BodySize, ContentRight - textLeft);
            RowPlacer.Place(flow,
                [new RowCell(ContentLeft + 6, markerWidth - 6, markerLines, BodySize, Text, list.Kind == ListKind.Bullet ? ColumnAlignment.Left : ColumnAlignment.Right),
                 new RowCell(textLeft, ContentRight - textLeft, lines, BodySize, Text)],
                BodyLine, 0, 2, keepTogether: true);
        }
        flow.Gap(BlockGap);
    }

    public static void Facts(PageFlow flow, IReadOnlyList<KeyValueItem> items, double? keyWidth = null)
    {
        var bold = FontMetrics.For(FontFace.Bold);
        var widest = items.Count == 0 ? 0 : items.Max(item => bold.Measure(bold.Printable(item.Key), BodySize));
        var keys = keyWidth ?? Math.Min(widest + 12, ContentWidth * 0.35);
        foreach (var item in items)
        {
            RowPlacer.Place(flow,
                [new RowCell(ContentLeft, keys - 12, LineBreaker.Break(bold.Printable(item.Key), FontFace.Bold, BodySize, keys - 12), BodySize, Text),
                 new RowCell(ContentLeft + keys, ContentWidth - keys, LineBreaker.Break(TextEmitter.Run(item.Value, FontFace.Regular).Text, FontFace.Regular, BodySize, ContentWidth - keys), BodySize, Text)],
                BodyLine, 0, 3, keepTogether: true);
        }
        flow.Gap(BlockGap);
    }

    /// <summary>A tinted box with a coloured bar on its left; split across pages like a row, each piece boxed.</summary>
    public static void Callout(PageFlow flow, CalloutBlock callout)
    {
        var (fill, bar) = PdfTheme.Callout(callout.Kind);
        const double padX = 10, padY = 6;
        var runs = new List<StyledText>();
        if (!string.IsNullOrWhiteSpace(callout.Title))
        {
            runs.Add(TextEmitter.Run(callout.Title, FontFace.Bold));
            runs.Add(new StyledText("\n", FontFace.Regular));
        }
        runs.AddRange(TextEmitter.Runs(callout.Spans));
        var width = ContentWidth - 2 * padX - 3;
        var lines = LineBreaker.Break(runs, BodySize, width);
        RowPlacer.Place(flow, [new RowCell(ContentLeft + padX + 3, width, lines, BodySize, Text)], BodyLine, padY, padY, keepTogether: true,
            decorate: (page, segment) =>
            {
                page.Add(new BoxOp(ContentLeft, segment.Top, ContentWidth, segment.Height, fill));
                page.Add(new BoxOp(ContentLeft, segment.Top, 3, segment.Height, bar));
            });
        flow.Gap(BlockGap);
    }
}
