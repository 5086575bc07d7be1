using AiPolicyHub.Core.Reports;

namespace AiPolicyHub.Core.Policies;

/// <summary>
/// A section as lines of plain text, for diffs and fingerprints: an authored section's Markdown as written; a generated
/// section one line per paragraph, list item and table row (cells joined by " | "), so a tool added to the approved
/// list reads as one added line.
/// </summary>
public static class PolicyText
{
    public static IReadOnlyList<string> Lines(PolicySection section) =>
        section.IsGenerated ? LinesOf(section.Blocks) : MarkdownLines(section.Markdown);

    public static IReadOnlyList<string> MarkdownLines(string markdown)
    {
        var lines = markdown.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }
        return lines;
    }

    public static IReadOnlyList<string> LinesOf(IEnumerable<ReportBlock> blocks)
    {
        var lines = new List<string>();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    lines.Add(new string('#', heading.Level) + " " + heading.Text);
                    break;
                case ParagraphBlock paragraph:
                    lines.Add(Flat(Text(paragraph.Spans)));
                    break;
                case ListBlock list:
                    lines.AddRange(list.Items.Select((item, i) => (list.Kind == ListKind.Numbered ? $"{i + 1}. " : "- ") + Flat(Text(item))));
                    break;
                case CalloutBlock callout:
                    lines.Add("> " + (callout.Title is { Length: > 0 } title ? title + ": " : "") + Flat(Text(callout.Spans)));
                    break;
                case KeyValueBlock facts:
                    lines.AddRange(facts.Items.Select(f => $"{f.Key}: {Flat(f.Value)}"));
                    break;
                case TableBlock table:
                    lines.Add(string.Join(" | ", table.Columns.Select(c => c.Header)));
                    lines.AddRange(table.Rows.Select(r => string.Join(" | ", r.Cells.Select(Flat))));
                    break;
            }
        }
        return lines;
    }

    private static string Text(IEnumerable<TextSpan> spans) => string.Concat(spans.Select(s => s.Text));

    private static string Flat(string text) => string.Join("; ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
