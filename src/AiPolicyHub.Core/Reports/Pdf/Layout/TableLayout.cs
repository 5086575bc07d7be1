using static AiPolicyHub.Core.Reports.Pdf.Layout.PdfTheme;

namespace AiPolicyHub.Core.Reports.Pdf.Layout;

/// <summary>
/// Tables: column widths from the weights, cells wrapped to their column, a shaded header row repeated
/// at the top of every page the table continues on, light zebra rows. Each row is broken and placed
/// once, so a table's cost grows with its rows and no faster.
/// </summary>
internal static class TableLayout
{
    public static void Place(PageFlow flow, TableBlock table)
    {
        var columns = Columns(table);
        var header = HeaderCells(table, columns);
        var headerHeight = Height(header);

        if (!string.IsNullOrWhiteSpace(table.Caption))
        {
            var caption = LineBreaker.Break([TextEmitter.Run(table.Caption, FontFace.Bold)], BodySize, ContentWidth);
            flow.EnsureSpace(caption.Count * BodyLine + 4 + headerHeight + FirstRowHeight(table, columns));
            RowPlacer.Place(flow, [new RowCell(ContentLeft, ContentWidth, caption, BodySize, Text)], BodyLine, 0, 4, keepTogether: true);
        }
        else
        {
            flow.EnsureSpace(headerHeight + FirstRowHeight(table, columns));
        }

        void DrawHeader(PageFlow page) =>
            RowPlacer.Place(page, header, TableLine, CellPadY, CellPadY, keepTogether: true, decorate: (p, segment) =>
            {
                p.Add(new BoxOp(ContentLeft, segment.Top, ContentWidth, segment.Height, HeaderFill));
                p.Add(new LineOp(ContentLeft, segment.Top + segment.Height, ContentRight, segment.Top + segment.Height, Muted, 0.6));
            });

        DrawHeader(flow);
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var zebra = r % 2 == 1;
            RowPlacer.Place(flow, RowCells(table.Rows[r], columns), TableLine, CellPadY, CellPadY, keepTogether: true,
                onNewPage: DrawHeader,
                decorate: (page, segment) =>
                {
                    if (zebra)
                    {
                        page.Add(new BoxOp(ContentLeft, segment.Top, ContentWidth, segment.Height, Zebra));
                    }
                    page.Add(new LineOp(ContentLeft, segment.Top + segment.Height, ContentRight, segment.Top + segment.Height, Rule, 0.3));
                });
        }
        flow.Gap(BlockGap + 4);
    }

    /// <summary>Room a caption-less table needs to start on a page: header and first row (for keep-with-next).</summary>
    public static double LeadHeight(TableBlock table)
    {
        var columns = Columns(table);
        var caption = string.IsNullOrWhiteSpace(table.Caption) ? 0 : BodyLine + 4;
        return caption + Height(HeaderCells(table, columns)) + FirstRowHeight(table, columns);
    }

    private readonly record struct Column(double X, double Width, ColumnAlignment Alignment);

    private static Column[] Columns(TableBlock table)
    {
        var totalWeight = table.Columns.Sum(c => c.Weight);
        var columns = new Column[table.Columns.Count];
        var x = ContentLeft;
        for (var i = 0; i < columns.Length; i++)
        {
            var width = ContentWidth * table.Columns[i].Weight / totalWeight;
            columns[i] = new Column(x, width, table.Columns[i].Alignment);
            x += width;
        }
        return columns;
    }

    private static RowCell[] HeaderCells(TableBlock table, Column[] columns)
    {
        var bold = FontMetrics.For(FontFace.Bold);
        var cells = new RowCell[columns.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            var inner = columns[i].Width - 2 * CellPadX;
            cells[i] = new RowCell(columns[i].X + CellPadX, inner,
                LineBreaker.Break(bold.Printable(table.Columns[i].Header), FontFace.Bold, TableSize, inner), TableSize, Text, columns[i].Alignment);
        }
        return cells;
    }

    private static RowCell[] RowCells(TableRow row, Column[] columns)
    {
        var regular = FontMetrics.For(FontFace.Regular);
        var cells = new RowCell[columns.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            var inner = columns[i].Width - 2 * CellPadX;
            cells[i] = new RowCell(columns[i].X + CellPadX, inner,
                LineBreaker.Break(regular.Printable(row.Cells[i] ?? ""), FontFace.Regular, TableSize, inner), TableSize, Text, columns[i].Alignment);
        }
        return cells;
    }

    private static double FirstRowHeight(TableBlock table, Column[] columns) =>
        table.Rows.Count == 0 ? 0 : Math.Min(Height(RowCells(table.Rows[0], columns)), 3 * TableLine + 2 * CellPadY);

    private static double Height(RowCell[] cells) =>
        Math.Max(1, cells.Max(c => c.Lines.Count)) * TableLine + 2 * CellPadY;
}
