using AiPolicyHub.Core.Reports.Pdf.Layout;

namespace AiPolicyHub.Core.Reports.Pdf;

/// <summary>What rendering produced, besides the bytes.</summary>
public sealed record PdfRenderResult(int PageCount);

/// <summary>
/// Renders a <see cref="ReportDocument"/> as an A4 PDF: cover, table of contents, running header and
/// footer with "Page x of y", tables that repeat their header across pages, bookmarks for headings and
/// the document information. Uses only the embedded DejaVu Sans; characters it lacks show as □.
/// Stateless and safe to use from several threads.
/// </summary>
public sealed class PdfReportRenderer
{
    public PdfRenderResult Render(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        PdfPlatform.EnsureInitialised();
        var layout = DocumentLayout.Lay(document);
        return new PdfRenderResult(new PdfPainter().Paint(document.Metadata, layout, output));
    }

    public byte[] Render(ReportDocument document)
    {
        using var output = new MemoryStream();
        Render(document, output);
        return output.ToArray();
    }
}
