using System.Globalization;
using System.Text;
using AiPolicyHub.Core.Reports;

namespace AiPolicyHub.Web.Reports;

/// <summary>
/// Renders a <see cref="ReportDocument"/> as semantic, accessible HTML for the in-browser preview: the
/// title is the page's h1 and report headings start at h2, tables have a caption and
/// <c>th scope</c> headers (the first cell of a row heads the row), charts are tables or lists a
/// screen reader can read, with a one-sentence summary. All report text is escaped; only http(s) and
/// mailto links are live. Page breaks are kept only as a print hint.
/// </summary>
public sealed class HtmlReportRenderer
{
    /// <summary>A whole page (for printing or a standalone preview).</summary>
    public string RenderDocument(ReportDocument document)
    {
        var html = new StringBuilder(4096 + document.Blocks.Count * 256);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
        Escape(html, document.Metadata.Title);
        html.Append("</title>\n<style>").Append(Styles).Append("</style>\n</head>\n<body>\n");
        AppendFragment(html, document);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>Just the report's article, to embed in an app page (e.g. as a MarkupString).</summary>
    public string RenderFragment(ReportDocument document)
    {
        var html = new StringBuilder(4096 + document.Blocks.Count * 256);
        AppendFragment(html, document);
        return html.ToString();
    }

    /// <summary>
    /// Just some blocks (e.g. one section of the policy) without the report's header, to embed in a page inside an
    /// element of class <c>report</c>. A level-2 heading in the blocks becomes an h3.
    /// </summary>
    public string RenderBlocks(IReadOnlyList<ReportBlock> blocks, string idPrefix = "block")
    {
        var html = new StringBuilder(1024 + blocks.Count * 256);
        var headingIds = new Dictionary<HeadingBlock, string>(ReferenceEqualityComparer.Instance);
        var number = 0;
        foreach (var heading in blocks.OfType<HeadingBlock>())
        {
            headingIds[heading] = idPrefix + "-" + (++number).ToString(CultureInfo.InvariantCulture);
        }
        var document = new ReportDocument(new ReportMetadata("", "", "", "", "", default, "", "", ""), blocks);
        foreach (var block in blocks.Where(b => b is not CoverBlock and not TableOfContentsBlock))
        {
            AppendBlock(html, block, document.Metadata, document, headingIds);
        }
        return html.ToString();
    }

    /// <summary>The preview's CSS: readable on screen and when printed to PDF.</summary>
    public const string Styles = """
        .report{font-family:"DejaVu Sans",system-ui,sans-serif;color:#212529;max-width:60rem;margin:0 auto;font-size:0.95rem;line-height:1.45}
        .report h1{color:#17375e;margin-bottom:0.2rem}.report h2,.report h3,.report h4{color:#17375e}
        .report table{border-collapse:collapse;width:100%;margin:0.5rem 0 1rem}
        .report caption{text-align:left;font-weight:bold;padding:0.3rem 0}
        .report th,.report td{border-bottom:1px solid #c8ced4;padding:0.2rem 0.35rem;text-align:left;vertical-align:top}
        .report thead th{background:#e2e8f0}.report td.num,.report th.num{text-align:right}
        .report .callout{border-left:4px solid #0d5ed7;background:#e4f0fd;padding:0.5rem 0.8rem;margin:0.5rem 0}
        .report .callout-warning{border-color:#e6a000;background:#fff4ce}.report .callout-danger{border-color:#be1e2d;background:#fadcde}
        .report dl{display:grid;grid-template-columns:max-content 1fr;gap:0.2rem 1rem}.report dt{font-weight:bold}.report dd{margin:0}
        .report .bar{display:inline-block;height:0.8rem;vertical-align:middle;margin-right:0.4rem}
        .report .tone-low{background:#c8ebcb}.report .tone-medium{background:#ffeca0}.report .tone-high{background:#ffc896}.report .tone-critical{background:#f5a0a5}.report .tone-neutral{background:#e1e8f0}
        .report .bar.tone-low{background:#2e7d32}.report .bar.tone-medium{background:#e6a000}.report .bar.tone-high{background:#e66400}.report .bar.tone-critical{background:#be1e2d}.report .bar.tone-neutral{background:#46648c}
        .report .heatmap td{text-align:center;width:3rem;height:2rem;border:2px solid #fff}
        .report .fingerprint{font-family:monospace;word-break:break-all}
        .report .page-break{break-after:page}
        """;

    private static void AppendFragment(StringBuilder html, ReportDocument document)
    {
        var metadata = document.Metadata;
        html.Append("<article class=\"report\">\n<header>\n<p>");
        Escape(html, metadata.OrganisationName);
        html.Append("</p>\n<h1>");
        Escape(html, metadata.Title);
        html.Append("</h1>\n");
        var headingIds = new Dictionary<HeadingBlock, string>(ReferenceEqualityComparer.Instance);
        var number = 0;
        foreach (var heading in document.Blocks.OfType<HeadingBlock>())
        {
            headingIds[heading] = "section-" + (++number).ToString(CultureInfo.InvariantCulture);
        }
        foreach (var block in document.Blocks)
        {
            AppendBlock(html, block, metadata, document, headingIds);
        }
        html.Append("</article>\n");
    }

    private static void AppendBlock(StringBuilder html, ReportBlock block, ReportMetadata metadata, ReportDocument document, Dictionary<HeadingBlock, string> headingIds)
    {
        switch (block)
        {
            case CoverBlock cover:
                if (!string.IsNullOrWhiteSpace(cover.Subtitle))
                {
                    html.Append("<p class=\"subtitle\">");
                    Escape(html, cover.Subtitle);
                    html.Append("</p>\n");
                }
                Facts(html, [.. cover.Details,
                    new("Report ID", metadata.ReportId),
                    new("Generated", metadata.GeneratedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)),
                    new("Generated by", metadata.GeneratedBy),
                    new("Filters", metadata.FiltersText)]);
                html.Append("<p>Data fingerprint: <span class=\"fingerprint\">");
                Escape(html, metadata.Fingerprint);
                html.Append("</span></p>\n</header>\n");
                break;
            case TableOfContentsBlock toc:
                html.Append("<nav aria-labelledby=\"contents-title\">\n<h2 id=\"contents-title\">");
                Escape(html, toc.Title);
                html.Append("</h2>\n<ul>\n");
                foreach (var heading in document.Blocks.OfType<HeadingBlock>())
                {
                    html.Append("<li class=\"toc-level-").Append(heading.Level).Append("\"><a href=\"#").Append(headingIds[heading]).Append("\">");
                    Escape(html, heading.Text);
                    html.Append("</a></li>\n");
                }
                html.Append("</ul>\n</nav>\n");
                break;
            case HeadingBlock heading:
                var tag = "h" + (heading.Level + 1).ToString(CultureInfo.InvariantCulture);
                html.Append('<').Append(tag).Append(" id=\"").Append(headingIds[heading]).Append("\">");
                Escape(html, heading.Text);
                html.Append("</").Append(tag).Append(">\n");
                break;
            case ParagraphBlock paragraph:
                html.Append("<p>");
                Spans(html, paragraph.Spans);
                html.Append("</p>\n");
                break;
            case ListBlock list:
                var listTag = list.Kind == ListKind.Numbered ? "ol" : "ul";
                html.Append('<').Append(listTag).Append(">\n");
                foreach (var item in list.Items)
                {
                    html.Append("<li>");
                    Spans(html, item);
                    html.Append("</li>\n");
                }
                html.Append("</").Append(listTag).Append(">\n");
                break;
            case KeyValueBlock facts:
                Facts(html, facts.Items);
                break;
            case CalloutBlock callout:
                Callout(html, callout);
                break;
            case TableBlock table:
                Table(html, table);
                break;
            case BarChartBlock chart:
                BarChart(html, chart);
                break;
            case HeatMapBlock map:
                HeatMap(html, map);
                break;
            case PageBreakBlock:
                html.Append("<div class=\"page-break\" aria-hidden=\"true\"></div>\n");
                break;
            default:
                throw new NotSupportedException($"The HTML renderer does not know the block {block.GetType().Name}.");
        }
    }

    private static void Facts(StringBuilder html, IEnumerable<KeyValueItem> items)
    {
        html.Append("<dl>\n");
        foreach (var item in items)
        {
            html.Append("<dt>");
            Escape(html, item.Key);
            html.Append("</dt><dd>");
            Escape(html, item.Value);
            html.Append("</dd>\n");
        }
        html.Append("</dl>\n");
    }

    private static void Callout(StringBuilder html, CalloutBlock callout)
    {
        // Danger and warning callouts are announced; info ones are just a note.
        var role = callout.Kind == CalloutKind.Info ? "note" : "alert";
        html.Append("<aside role=\"").Append(role).Append("\" class=\"callout callout-").Append(callout.Kind.ToString().ToLowerInvariant()).Append("\">");
        if (!string.IsNullOrWhiteSpace(callout.Title))
        {
            html.Append("<strong>");
            Escape(html, callout.Title);
            html.Append("</strong><br>");
        }
        Spans(html, callout.Spans);
        html.Append("</aside>\n");
    }

    private static void Table(StringBuilder html, TableBlock table)
    {
        html.Append("<table>\n");
        if (!string.IsNullOrWhiteSpace(table.Caption))
        {
            html.Append("<caption>");
            Escape(html, table.Caption);
            html.Append("</caption>\n");
        }
        html.Append("<thead><tr>");
        foreach (var column in table.Columns)
        {
            html.Append("<th scope=\"col\"").Append(column.Alignment == ColumnAlignment.Right ? " class=\"num\"" : "").Append('>');
            Escape(html, column.Header);
            html.Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            html.Append("<tr>");
            for (var i = 0; i < row.Cells.Count; i++)
            {
                var cellTag = i == 0 ? "th scope=\"row\"" : "td";
                html.Append('<').Append(cellTag).Append(table.Columns[i].Alignment == ColumnAlignment.Right ? " class=\"num\"" : "").Append('>');
                Escape(html, row.Cells[i]);
                html.Append(i == 0 ? "</th>" : "</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n");
    }

    private static void BarChart(StringBuilder html, BarChartBlock chart)
    {
        var max = chart.Bars.Count == 0 ? 1 : Math.Max(chart.Bars.Max(b => b.Value), double.Epsilon);
        html.Append("<figure>\n<figcaption>");
        Escape(html, chart.Title);
        html.Append("</figcaption>\n<table>\n<thead><tr><th scope=\"col\">Item</th><th scope=\"col\">Value</th></tr></thead>\n<tbody>\n");
        foreach (var bar in chart.Bars)
        {
            var percent = (bar.Value / max * 100).ToString("0.#", CultureInfo.InvariantCulture);
            html.Append("<tr><th scope=\"row\">");
            Escape(html, bar.Label);
            html.Append("</th><td><span class=\"bar tone-").Append(bar.Tone.ToString().ToLowerInvariant())
                .Append("\" style=\"width:").Append(percent).Append("%\" aria-hidden=\"true\"></span>")
                .Append(bar.Value.ToString("0.##", CultureInfo.InvariantCulture)).Append("</td></tr>\n");
        }
        html.Append("</tbody>\n</table>\n</figure>\n");
    }

    /// <summary>A real table (likelihood rows, impact columns) plus a sentence summarising it for a quick listen.</summary>
    private static void HeatMap(StringBuilder html, HeatMapBlock map)
    {
        html.Append("<figure>\n<figcaption>");
        Escape(html, map.Title);
        html.Append("</figcaption>\n<p>").Append(HeatMapSummary(map)).Append("</p>\n");
        html.Append("<table class=\"heatmap\">\n<caption>Count per likelihood (rows, 5 = highest) and impact (columns, 5 = highest)</caption>\n");
        html.Append("<thead><tr><th scope=\"col\">Likelihood \\ Impact</th>");
        for (var impact = 1; impact <= HeatMapBlock.Size; impact++)
        {
            html.Append("<th scope=\"col\">Impact ").Append(impact).Append("</th>");
        }
        html.Append("</tr></thead>\n<tbody>\n");
        for (var likelihood = HeatMapBlock.Size; likelihood >= 1; likelihood--)
        {
            html.Append("<tr><th scope=\"row\">Likelihood ").Append(likelihood).Append("</th>");
            for (var impact = 1; impact <= HeatMapBlock.Size; impact++)
            {
                html.Append("<td class=\"tone-").Append(HeatMapBlock.ToneOf(likelihood, impact).ToString().ToLowerInvariant()).Append("\">")
                    .Append(map.Count(likelihood, impact)).Append("</td>");
            }
            html.Append("</tr>\n");
        }
        html.Append("</tbody>\n</table>\n</figure>\n");
    }

    private static string HeatMapSummary(HeatMapBlock map)
    {
        int critical = 0, high = 0;
        for (var likelihood = 1; likelihood <= HeatMapBlock.Size; likelihood++)
        {
            for (var impact = 1; impact <= HeatMapBlock.Size; impact++)
            {
                var tone = HeatMapBlock.ToneOf(likelihood, impact);
                critical += tone == Tone.Critical ? map.Count(likelihood, impact) : 0;
                high += tone == Tone.High ? map.Count(likelihood, impact) : 0;
            }
        }
        return string.Create(CultureInfo.InvariantCulture, $"{map.Total} in total: {critical} in the critical zone and {high} in the high zone.");
    }

    private static void Spans(StringBuilder html, IReadOnlyList<TextSpan> spans)
    {
        foreach (var span in spans)
        {
            var bold = span.Style.HasFlag(SpanStyle.Bold);
            var italic = span.Style.HasFlag(SpanStyle.Italic);
            if (span.IsSafeLink)
            {
                html.Append("<a href=\"");
                Escape(html, span.LinkUrl!);
                html.Append("\">");
            }
            html.Append(bold ? "<strong>" : "").Append(italic ? "<em>" : "");
            EscapeWithLineBreaks(html, span.Text);
            html.Append(italic ? "</em>" : "").Append(bold ? "</strong>" : "");
            if (span.IsSafeLink)
            {
                html.Append("</a>");
            }
        }
    }

    private static void EscapeWithLineBreaks(StringBuilder html, string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                html.Append("<br>");
            }
            Escape(html, lines[i]);
        }
    }

    /// <summary>Escapes for element content and double-quoted attributes alike.</summary>
    private static void Escape(StringBuilder html, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => html.Append("&amp;"),
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                '"' => html.Append("&quot;"),
                '\'' => html.Append("&#39;"),
                _ => html.Append(c),
            };
        }
    }
}
