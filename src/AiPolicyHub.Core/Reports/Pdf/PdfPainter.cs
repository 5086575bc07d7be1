using System.IO.Compression;
using AiPolicyHub.Core.Reports.Pdf.Layout;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using static AiPolicyHub.Core.Reports.Pdf.Layout.PdfTheme;

namespace AiPolicyHub.Core.Reports.Pdf;

/// <summary>
/// Draws laid-out pages with PDFsharp, page by page, adding the running header and footer, links,
/// bookmarks and document information. Fonts, brushes and pens are made once per document.
/// </summary>
internal sealed class PdfPainter
{
    private readonly Dictionary<(FontFace, double), XFont> fonts = [];
    private readonly Dictionary<Rgb, XSolidBrush> brushes = [];
    private readonly Dictionary<(Rgb, double), XPen> pens = [];

    public int Paint(ReportMetadata metadata, DocumentLayoutResult layout, Stream output)
    {
        using var document = new PdfDocument();
        Describe(document, metadata);
        var pageLinks = new List<(PdfPage Page, PageLinkOp Link)>();
        var pageCount = layout.Pages.Count;
        for (var i = 0; i < pageCount; i++)
        {
            var page = document.AddPage();
            page.Size = PageSize.A4;
            using (var graphics = XGraphics.FromPdfPage(page))
            {
                foreach (var op in layout.Pages[i].Ops)
                {
                    Draw(graphics, page, op, pageLinks);
                }
                RunningHeaderAndFooter(graphics, metadata, i + 1, pageCount);
            }
            CompressPage(page);
        }
        foreach (var (page, link) in pageLinks)
        {
            page.AddDocumentLink(Rectangle(link.X, link.Y, link.Width, link.Height), link.TargetPageIndex + 1);
        }
        AddBookmarks(document, layout.Headings);
        document.Save(output, closeStream: false);
        return pageCount;
    }

    private static void Describe(PdfDocument document, ReportMetadata metadata)
    {
        document.Info.Title = metadata.Title;
        document.Info.Author = metadata.Author;
        document.Info.Subject = metadata.Subject;
        document.Info.Creator = "AiPolicyHub";
        document.Info.CreationDate = metadata.GeneratedAt.UtcDateTime;
        // So a report history page can read the proof back from the file itself.
        document.Info.Keywords = $"report-id:{metadata.ReportId} fingerprint:{metadata.Fingerprint}";
        document.PageMode = PdfPageMode.UseOutlines;
        // PDFsharp 6.5's own Flate encoder leaves its zlib streams unterminated (viewers cope, `qpdf --check`
        // warns), so PDFsharp compresses nothing and the page contents are compressed here (CompressPage).
        document.Options.NoCompression = true;
        document.Options.CompressContentStreams = false;
    }

    private void Draw(XGraphics graphics, PdfPage page, DrawOp op, List<(PdfPage, PageLinkOp)> pageLinks)
    {
        switch (op)
        {
            case TextOp text:
                graphics.DrawString(text.Text, Font(text.Face, text.Size), Brush(text.Color), text.X, text.Baseline);
                if (text.UnderlineWidth > 0)
                {
                    var y = text.Baseline + text.Size * 0.12;
                    graphics.DrawLine(Pen(text.Color, 0.5), text.X, y, text.X + text.UnderlineWidth, y);
                }
                break;
            case BoxOp box:
                graphics.DrawRectangle(Brush(box.Fill), box.X, box.Y, box.Width, box.Height);
                break;
            case LineOp line:
                graphics.DrawLine(Pen(line.Color, line.Thickness), line.X1, line.Y1, line.X2, line.Y2);
                break;
            case WebLinkOp link:
                page.AddWebLink(Rectangle(link.X, link.Y, link.Width, link.Height), link.Url);
                break;
            case PageLinkOp link:
                pageLinks.Add((page, link)); // the target page may not exist yet
                break;
        }
    }

    /// <summary>Organisation and title above, report id, fingerprint and "Page x of y" below, on every page.</summary>
    private void RunningHeaderAndFooter(XGraphics graphics, ReportMetadata metadata, int pageNumber, int pageCount)
    {
        var regular = FontMetrics.For(FontFace.Regular);
        var half = ContentWidth / 2 - 8;
        var organisation = TextEmitter.Fit(metadata.OrganisationName, FontFace.Bold, SmallSize, half);
        var title = TextEmitter.Fit(metadata.Title, FontFace.Regular, SmallSize, half);
        graphics.DrawString(organisation, Font(FontFace.Bold, SmallSize), Brush(Muted), ContentLeft, HeaderBaseline);
        graphics.DrawString(title, Font(FontFace.Regular, SmallSize), Brush(Muted), ContentRight - regular.Measure(title, SmallSize), HeaderBaseline);
        graphics.DrawLine(Pen(Rule, 0.5), ContentLeft, HeaderBaseline + 6, ContentRight, HeaderBaseline + 6);

        graphics.DrawLine(Pen(Rule, 0.5), ContentLeft, FooterBaseline - 12, ContentRight, FooterBaseline - 12);
        var fingerprint = metadata.Fingerprint.Length > 23 ? metadata.Fingerprint[..23] + "…" : metadata.Fingerprint;
        var left = TextEmitter.Fit($"{metadata.ReportId} · {CoverLayout.FormatTime(metadata.GeneratedAt)} · {fingerprint}", FontFace.Regular, SmallSize, ContentWidth - 90);
        graphics.DrawString(left, Font(FontFace.Regular, SmallSize), Brush(Muted), ContentLeft, FooterBaseline);
        var pageText = $"Page {pageNumber} of {pageCount}";
        graphics.DrawString(pageText, Font(FontFace.Regular, SmallSize), Brush(Muted), ContentRight - regular.Measure(pageText, SmallSize), FooterBaseline);
    }

    /// <summary>Replaces the page's drawn content with one zlib-compressed stream, properly terminated.</summary>
    private static void CompressPage(PdfPage page)
    {
        var content = page.Contents.CreateSingleContent();
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(content.Stream.Value);
        }
        content.Stream.Value = compressed.ToArray();
        content.Elements.SetName("/Filter", "/FlateDecode");
    }

    /// <summary>Bookmarks nested by heading level; a level-3 heading under a level-1 one hangs under it.</summary>
    private static void AddBookmarks(PdfDocument document, IReadOnlyList<PlacedHeading> headings)
    {
        var parents = new PdfOutline?[4];
        foreach (var heading in headings)
        {
            PdfOutline? parent = null;
            for (var level = heading.Level - 1; level >= 1 && parent is null; level--)
            {
                parent = parents[level];
            }
            var collection = parent?.Outlines ?? document.Outlines;
            var outline = collection.Add(heading.Text, document.Pages[heading.PageIndex], heading.Level == 1);
            outline.PageDestinationType = PdfPageDestinationType.Xyz;
            outline.Left = 0;
            outline.Top = PageHeight - heading.Y + 6; // PDF page space: measured up from the bottom edge
            parents[heading.Level] = outline;
            for (var deeper = heading.Level + 1; deeper < parents.Length; deeper++)
            {
                parents[deeper] = null;
            }
        }
    }

    /// <summary>An annotation rectangle: PDF page space has its origin at the bottom left, layout at the top left.</summary>
    private static PdfRectangle Rectangle(double x, double y, double width, double height) =>
        new(new XPoint(x, PageHeight - y - height), new XPoint(x + width, PageHeight - y));

    private XFont Font(FontFace face, double size)
    {
        if (!fonts.TryGetValue((face, size), out var font))
        {
            var style = face switch
            {
                FontFace.Bold => XFontStyleEx.Bold,
                FontFace.Italic => XFontStyleEx.Italic,
                FontFace.BoldItalic => XFontStyleEx.BoldItalic,
                _ => XFontStyleEx.Regular,
            };
            // Unicode encoding for every font: one embedded subset per face and a ToUnicode map, so all text is searchable.
            font = new XFont(FontFaces.Family, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode));
            fonts[(face, size)] = font;
        }
        return font;
    }

    private XSolidBrush Brush(Rgb color)
    {
        if (!brushes.TryGetValue(color, out var brush))
        {
            brush = new XSolidBrush(XColor.FromArgb(color.R, color.G, color.B));
            brushes[color] = brush;
        }
        return brush;
    }

    private XPen Pen(Rgb color, double width)
    {
        if (!pens.TryGetValue((color, width), out var pen))
        {
            pen = new XPen(XColor.FromArgb(color.R, color.G, color.B), width);
            pens[(color, width)] = pen;
        }
        return pen;
    }
}
