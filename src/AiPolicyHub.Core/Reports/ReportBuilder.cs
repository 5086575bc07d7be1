namespace AiPolicyHub.Core.Reports;

/// <summary>
/// Composes a <see cref="ReportDocument"/> in reading order, so a report's code reads like its outline:
/// <code>
/// var document = new ReportBuilder(metadata)
///     .Cover("All workflows by residual risk")
///     .TableOfContents()
///     .Heading(1, "Summary")
///     .Paragraph(TextSpan.Plain("There are "), TextSpan.Bold("42"), TextSpan.Plain(" workflows."))
///     .Build();
/// </code>
/// </summary>
public sealed class ReportBuilder(ReportMetadata metadata)
{
    private readonly List<ReportBlock> blocks = [];

    public ReportBuilder Cover(string? subtitle = null, params IReadOnlyList<KeyValueItem> details) =>
        Add(new CoverBlock(subtitle, details));

    public ReportBuilder TableOfContents(string title = "Contents") => Add(new TableOfContentsBlock(title));

    public ReportBuilder Heading(int level, string text) => Add(new HeadingBlock(level, text));

    public ReportBuilder Paragraph(params IReadOnlyList<TextSpan> spans) => Add(new ParagraphBlock(spans));

    public ReportBuilder Paragraph(string text) => Add(new ParagraphBlock([TextSpan.Plain(text)]));

    public ReportBuilder Bullets(params IEnumerable<string> items) =>
        Add(new ListBlock(ListKind.Bullet, [.. items.Select(item => (IReadOnlyList<TextSpan>)[TextSpan.Plain(item)])]));

    public ReportBuilder Numbered(params IEnumerable<string> items) =>
        Add(new ListBlock(ListKind.Numbered, [.. items.Select(item => (IReadOnlyList<TextSpan>)[TextSpan.Plain(item)])]));

    public ReportBuilder Facts(params IReadOnlyList<KeyValueItem> items) => Add(new KeyValueBlock(items));

    public ReportBuilder Callout(CalloutKind kind, string? title, params IReadOnlyList<TextSpan> spans) =>
        Add(new CalloutBlock(kind, title, spans));

    public ReportBuilder Table(string? caption, IReadOnlyList<TableColumn> columns, IReadOnlyList<TableRow> rows) =>
        Add(new TableBlock(caption, columns, rows));

    public ReportBuilder BarChart(string title, params IReadOnlyList<Bar> bars) => Add(new BarChartBlock(title, bars));

    public ReportBuilder HeatMap(string title, int[,] counts) => Add(new HeatMapBlock(title, counts));

    public ReportBuilder PageBreak() => Add(new PageBreakBlock());

    public ReportBuilder Add(ReportBlock block)
    {
        blocks.Add(block);
        return this;
    }

    public ReportDocument Build() => new(metadata, blocks.ToArray());
}
