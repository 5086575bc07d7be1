namespace AiPolicyHub.Core.Reports.Pdf.Layout;

/// <summary>One column of a row: its lines, where they go, and how they are drawn.</summary>
internal sealed record RowCell(double X, double Width, IReadOnlyList<TextLine> Lines, double Size, Rgb Color, ColumnAlignment Alignment = ColumnAlignment.Left);

/// <summary>A piece of a row placed on one page, for backgrounds and borders.</summary>
internal readonly record struct RowSegment(double Top, double Height, bool IsFirst, bool IsLast);

/// <summary>
/// Places a row of side-by-side wrapped texts (a table row, a list item, a fact, a paragraph) on the
/// flow. A row that fits stays whole; one that does not is moved to the next page if
/// <c>keepTogether</c> and it would fit there, and otherwise split between lines across pages. Work is
/// proportional to the row's lines, so a long table costs the sum of its rows.
/// </summary>
internal static class RowPlacer
{
    public static void Place(
        PageFlow flow,
        IReadOnlyList<RowCell> cells,
        double lineHeight,
        double padTop,
        double padBottom,
        bool keepTogether,
        Action<PageFlow>? onNewPage = null,
        Action<PageFlow, RowSegment>? decorate = null)
    {
        var lineCount = 1;
        foreach (var cell in cells)
        {
            lineCount = Math.Max(lineCount, cell.Lines.Count);
        }
        var height = padTop + padBottom + lineCount * lineHeight;
        if (height > flow.Remaining + 0.01 && !flow.AtPageTop)
        {
            var fitsOnFreshPage = height <= PdfTheme.ContentBottom - PdfTheme.ContentTop - HeaderAllowance(onNewPage);
            var linesHere = (int)Math.Floor((flow.Remaining - padTop - padBottom + 0.01) / lineHeight);
            // Move the row if it should stay whole, or if so little of it would stay behind that the split looks accidental.
            if ((keepTogether && fitsOnFreshPage) || linesHere < Math.Min(2, lineCount))
            {
                NextPage(flow, onNewPage);
            }
        }

        var first = 0;
        while (true)
        {
            var fitting = (int)Math.Floor((flow.Remaining - padTop - padBottom + 0.01) / lineHeight);
            var count = Math.Max(1, Math.Min(fitting, lineCount - first));
            var segmentHeight = padTop + padBottom + count * lineHeight;
            var isLast = first + count >= lineCount;
            decorate?.Invoke(flow, new RowSegment(flow.Y, segmentHeight, first == 0, isLast));
            foreach (var cell in cells)
            {
                var end = Math.Min(first + count, cell.Lines.Count);
                for (var i = first; i < end; i++)
                {
                    var line = cell.Lines[i];
                    var x = cell.Alignment == ColumnAlignment.Right ? cell.X + cell.Width - line.Width : cell.X;
                    TextEmitter.Line(flow, line, x, flow.Y + padTop + (i - first) * lineHeight, lineHeight, cell.Size, cell.Color);
                }
            }
            flow.Y += segmentHeight;
            first += count;
            if (isLast)
            {
                return;
            }
            NextPage(flow, onNewPage);
        }
    }

    private static void NextPage(PageFlow flow, Action<PageFlow>? onNewPage)
    {
        flow.NewPage();
        onNewPage?.Invoke(flow);
    }

    /// <summary>Room a repeated table header takes on a fresh page; a rough upper bound is enough for the decision.</summary>
    private static double HeaderAllowance(Action<PageFlow>? onNewPage) => onNewPage is null ? 0 : 4 * PdfTheme.TableLine;
}
