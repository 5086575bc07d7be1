namespace AiPolicyHub.Core.Reports.Pdf.Layout;

/// <summary>Turns broken lines into draw operations: text, link underlines and link areas.</summary>
internal static class TextEmitter
{
    public static void Line(PageFlow flow, TextLine line, double x, double top, double lineHeight, double size, Rgb color)
    {
        foreach (var fragment in line.Fragments)
        {
            var baseline = PdfTheme.Baseline(top, lineHeight, size, fragment.Face);
            var left = x + fragment.X;
            if (fragment.Link is null)
            {
                flow.Add(new TextOp(left, baseline, fragment.Text, fragment.Face, size, color));
            }
            else
            {
                flow.Add(new TextOp(left, baseline, fragment.Text, fragment.Face, size, PdfTheme.Link, fragment.Width));
                flow.Add(new WebLinkOp(left, top, fragment.Width, lineHeight, fragment.Link));
            }
        }
    }

    /// <summary>The spans of a paragraph as printable runs; unsafe links lose their link.</summary>
    public static List<StyledText> Runs(IReadOnlyList<TextSpan> spans, bool bold = false)
    {
        var runs = new List<StyledText>(spans.Count);
        foreach (var span in spans)
        {
            var face = FontFaces.Of(bold ? span.Style | SpanStyle.Bold : span.Style);
            runs.Add(new StyledText(FontMetrics.For(face).Printable(span.Text), face, span.IsSafeLink ? span.LinkUrl : null));
        }
        return runs;
    }

    public static StyledText Run(string text, FontFace face) => new(FontMetrics.For(face).Printable(text), face);

    /// <summary>The text, shortened with an ellipsis if needed to fit one line of <paramref name="maxWidth"/>.</summary>
    public static string Fit(string text, FontFace face, double size, double maxWidth)
    {
        var metrics = FontMetrics.For(face);
        var printable = metrics.Printable(text).Replace('\n', ' ');
        if (metrics.Measure(printable, size) <= maxWidth)
        {
            return printable;
        }
        var budget = maxWidth - metrics.Measure('…', size);
        var width = 0.0;
        var count = 0;
        while (count < printable.Length && width + metrics.Measure(printable[count], size) <= budget)
        {
            width += metrics.Measure(printable[count], size);
            count++;
        }
        return printable[..count].TrimEnd() + "…";
    }
}
