using System.Text;
using AiPolicyHub.Core.Reports;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using MdHeading = Markdig.Syntax.HeadingBlock;
using MdList = Markdig.Syntax.ListBlock;
using MdParagraph = Markdig.Syntax.ParagraphBlock;
using ReportHeading = AiPolicyHub.Core.Reports.HeadingBlock;
using ReportList = AiPolicyHub.Core.Reports.ListBlock;
using ReportParagraph = AiPolicyHub.Core.Reports.ParagraphBlock;

namespace AiPolicyHub.Core.Policies;

/// <summary>
/// The authored sections' Markdown: as safe HTML for the browser and as report blocks for the PDF. Raw HTML is never
/// passed through (it shows as the text it is), links go only to http(s), mailto or addresses within the app, and
/// images show as links, so a section cannot run script or load from elsewhere in a reader's browser.
/// </summary>
public static class PolicyMarkdown
{
    public const int MaxLength = 20_000;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    /// <param name="headingOffset">Added to each heading's level, so a section's "#" sits under the page's own headings.</param>
    public static string ToHtml(string markdown, int headingOffset = 0)
    {
        var document = Parse(markdown);
        foreach (var heading in document.Descendants<MdHeading>())
        {
            heading.Level = Math.Min(6, heading.Level + headingOffset);
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The Markdown as report blocks; headings start at level 2, under the section's own title.</summary>
    public static IReadOnlyList<ReportBlock> ToBlocks(string markdown)
    {
        var blocks = new List<ReportBlock>();
        foreach (var block in Parse(markdown))
        {
            AddBlock(blocks, block);
        }
        return blocks;
    }

    /// <summary>Whether a link may be followed from policy text.</summary>
    public static bool IsSafeUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }
        if (!url.Contains(':'))
        {
            return !url.StartsWith("//", StringComparison.Ordinal); // a path in the app, not another host
        }
        return Uri.TryCreate(url, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto);
    }

    private static MarkdownDocument Parse(string markdown)
    {
        var document = Markdown.Parse(markdown ?? "", Pipeline);
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            link.IsImage = false;
            if (!IsSafeUrl(link.Url))
            {
                link.Url = "#";
            }
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafeUrl(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
        return document;
    }

    private static void AddBlock(List<ReportBlock> blocks, Block block)
    {
        switch (block)
        {
            case MdHeading heading:
                blocks.Add(new ReportHeading(Math.Clamp(heading.Level + 1, 2, 3), PlainText(heading.Inline)));
                break;
            case MdParagraph paragraph:
                blocks.Add(new ReportParagraph(Spans(paragraph.Inline)));
                break;
            case MdList list:
                blocks.Add(new ReportList(list.IsOrdered ? ListKind.Numbered : ListKind.Bullet, [.. list.OfType<ListItemBlock>().Select(ItemSpans)]));
                break;
            case QuoteBlock quote:
                var spans = new List<TextSpan>();
                foreach (var paragraph in quote.Descendants<MdParagraph>())
                {
                    if (spans.Count > 0)
                    {
                        spans.Add(TextSpan.Plain("\n"));
                    }
                    spans.AddRange(Spans(paragraph.Inline));
                }
                blocks.Add(new CalloutBlock(CalloutKind.Info, null, spans));
                break;
            case CodeBlock code:
                blocks.Add(new ReportParagraph([TextSpan.Plain(code.Lines.ToString().TrimEnd())]));
                break;
            case Table table:
                AddTable(blocks, table);
                break;
            case ContainerBlock container:
                foreach (var child in container)
                {
                    AddBlock(blocks, child);
                }
                break;
            case LeafBlock leaf when leaf.Inline is not null:
                blocks.Add(new ReportParagraph(Spans(leaf.Inline)));
                break;
        }
    }

    private static void AddTable(List<ReportBlock> blocks, Table table)
    {
        var rows = table.OfType<Markdig.Extensions.Tables.TableRow>().ToList();
        if (rows.Count == 0)
        {
            return;
        }
        static List<string> Cells(Markdig.Extensions.Tables.TableRow row) =>
            [.. row.OfType<TableCell>().Select(cell => string.Join("\n", cell.Descendants<MdParagraph>().Select(p => PlainText(p.Inline))))];
        var header = rows[0].IsHeader ? Cells(rows[0]) : null;
        var body = rows.Skip(header is null ? 0 : 1).Select(Cells).ToList();
        var width = Math.Max(header?.Count ?? 0, body.Count == 0 ? 0 : body.Max(r => r.Count));
        if (width == 0)
        {
            return;
        }
        IReadOnlyList<string> Pad(List<string> cells) => [.. cells.Concat(Enumerable.Repeat("", width - cells.Count)).Take(width)];
        var columns = Pad(header ?? []).Select(h => new TableColumn(h)).ToList();
        blocks.Add(new TableBlock(null, columns, [.. body.Select(r => new Reports.TableRow(Pad(r)))]));
    }

    private static IReadOnlyList<TextSpan> ItemSpans(ListItemBlock item)
    {
        var spans = new List<TextSpan>();
        foreach (var child in item)
        {
            if (child is MdParagraph paragraph)
            {
                if (spans.Count > 0)
                {
                    spans.Add(TextSpan.Plain("\n"));
                }
                spans.AddRange(Spans(paragraph.Inline));
            }
            else if (child is MdList nested)
            {
                foreach (var inner in nested.OfType<ListItemBlock>())
                {
                    spans.Add(TextSpan.Plain("\n– "));
                    spans.AddRange(ItemSpans(inner));
                }
            }
        }
        return spans;
    }

    private static List<TextSpan> Spans(ContainerInline? inline)
    {
        var spans = new List<TextSpan>();
        AddSpans(spans, inline, SpanStyle.Plain, null);
        return spans;
    }

    private static void AddSpans(List<TextSpan> spans, Inline? inline, SpanStyle style, string? link)
    {
        switch (inline)
        {
            case null:
                return;
            case LiteralInline literal:
                spans.Add(new TextSpan(literal.Content.ToString(), style, link));
                break;
            case CodeInline code:
                spans.Add(new TextSpan(code.Content, style, link));
                break;
            case LineBreakInline lineBreak:
                spans.Add(new TextSpan(lineBreak.IsHard ? "\n" : " ", style, link));
                break;
            case HtmlEntityInline entity:
                spans.Add(new TextSpan(entity.Transcoded.ToString(), style, link));
                break;
            case AutolinkInline autolink:
                spans.Add(new TextSpan(autolink.Url, style, autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url));
                break;
            case EmphasisInline emphasis:
                var inner = emphasis.DelimiterChar is '*' or '_'
                    ? style | (emphasis.DelimiterCount >= 2 ? SpanStyle.Bold : SpanStyle.Italic)
                    : style;
                foreach (var child in emphasis)
                {
                    AddSpans(spans, child, inner, link);
                }
                break;
            case LinkInline linkInline:
                var url = linkInline.Url is { } u && u != "#" && u.Contains(':') ? u : null;
                foreach (var child in linkInline)
                {
                    AddSpans(spans, child, style, url);
                }
                break;
            case ContainerInline container:
                foreach (var child in container)
                {
                    AddSpans(spans, child, style, link);
                }
                break;
        }
    }

    private static string PlainText(ContainerInline? inline)
    {
        var text = new StringBuilder();
        foreach (var span in Spans(inline))
        {
            text.Append(span.Text);
        }
        return text.ToString();
    }
}
