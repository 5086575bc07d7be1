using static AiPolicyHub.Core.Reports.Pdf.Layout.PdfTheme;

namespace AiPolicyHub.Core.Reports.Pdf.Layout;

/// <summary>
/// Lays out a whole document into pages of draw operations. Two passes only for the table of contents:
/// the body is laid out once (with the contents' pages reserved by a placeholder layout), then the
/// contents are laid out again with the page numbers the headings got.
/// </summary>
internal static class DocumentLayout
{
    public static DocumentLayoutResult Lay(ReportDocument document)
    {
        var flow = new PageFlow();
        var headings = document.Blocks.OfType<HeadingBlock>().ToArray();
        var placed = new List<PlacedHeading>(headings.Length);
        (TableOfContentsBlock Block, int FirstPage, int PageCount)? contents = null;

        var blocks = document.Blocks;
        for (var i = 0; i < blocks.Count; i++)
        {
            switch (blocks[i])
            {
                case CoverBlock cover:
                    CoverLayout.Place(flow, document.Metadata, cover);
                    break;
                case TableOfContentsBlock toc:
                    if (!flow.AtPageTop)
                    {
                        flow.NewPage();
                    }
                    var first = flow.PageIndex;
                    ContentsLayout.Place(flow, toc, headings, pageIndexes: null);
                    contents = (toc, first, flow.PageIndex - first + 1);
                    flow.NewPage();
                    break;
                case HeadingBlock heading:
                    placed.Add(TextBlockLayout.Heading(flow, heading, LeadHeight(blocks, i + 1)));
                    break;
                case ParagraphBlock paragraph:
                    TextBlockLayout.Paragraph(flow, paragraph);
                    break;
                case ListBlock list:
                    TextBlockLayout.List(flow, list);
                    break;
                case KeyValueBlock facts:
                    TextBlockLayout.Facts(flow, facts.Items);
                    break;
                case CalloutBlock callout:
                    TextBlockLayout.Callout(flow, callout);
                    break;
                case TableBlock table:
                    TableLayout.Place(flow, table);
                    break;
                case BarChartBlock chart:
                    ChartLayout.BarChart(flow, chart);
                    break;
                case HeatMapBlock map:
                    ChartLayout.HeatMap(flow, map);
                    break;
                case PageBreakBlock:
                    if (!flow.AtPageTop)
                    {
                        flow.NewPage();
                    }
                    break;
                default:
                    throw new NotSupportedException($"The PDF renderer does not know the block {blocks[i].GetType().Name}.");
            }
        }
        flow.TrimEmptyLastPage();

        if (contents is { } toc2)
        {
            var numbered = new PageFlow();
            ContentsLayout.Place(numbered, toc2.Block, headings, [.. placed.Select(h => h.PageIndex)]);
            if (numbered.Pages.Count != toc2.PageCount)
            {
                throw new InvalidOperationException("The table of contents changed length when its page numbers were filled in.");
            }
            flow.ReplacePages(toc2.FirstPage, numbered.Pages);
        }
        return new DocumentLayoutResult(flow.Pages, placed);
    }

    /// <summary>How much of the block after a heading must fit under it, so a heading never ends a page alone.</summary>
    private static double LeadHeight(IReadOnlyList<ReportBlock> blocks, int index) =>
        index >= blocks.Count ? 0 : blocks[index] switch
        {
            ParagraphBlock or ListBlock or KeyValueBlock => 2 * BodyLine,
            CalloutBlock => 2 * BodyLine + 12,
            TableBlock table => TableLayout.LeadHeight(table),
            BarChartBlock chart => ChartLayout.BarChartHeight(chart),
            HeatMapBlock => ChartLayout.HeatMapHeight(),
            HeadingBlock next => TextBlockLayout.HeadingStyle(next.Level).Before + TextBlockLayout.HeadingHeight(next) + LeadHeight(blocks, index + 1),
            _ => 0,
        };
}
