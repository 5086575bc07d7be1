namespace AiPolicyHub.Core.Reports.Pdf.Layout;

/// <summary>The pages laid out so far and the vertical position on the last one.</summary>
internal sealed class PageFlow
{
    private readonly List<LaidOutPage> pages = [];

    public PageFlow() => NewPage();

    public IReadOnlyList<LaidOutPage> Pages => pages;

    public int PageIndex => pages.Count - 1;

    /// <summary>Top of the next thing to place, in points from the page's top edge.</summary>
    public double Y { get; set; }

    public double Remaining => PdfTheme.ContentBottom - Y;

    public bool AtPageTop => Y <= PdfTheme.ContentTop + 0.01;

    public void NewPage()
    {
        pages.Add(new LaidOutPage());
        Y = PdfTheme.ContentTop;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> fits on this one (or this page is still empty).</summary>
    public void EnsureSpace(double height)
    {
        if (height > Remaining + 0.01 && !AtPageTop)
        {
            NewPage();
        }
    }

    /// <summary>Vertical space between blocks, dropped at the top of a page.</summary>
    public void Gap(double height)
    {
        if (!AtPageTop)
        {
            Y = Math.Min(Y + height, PdfTheme.ContentBottom);
        }
    }

    public void Add(DrawOp op) => pages[^1].Ops.Add(op);

    /// <summary>Replaces laid-out pages (used to redo the table of contents once page numbers are known).</summary>
    public void ReplacePages(int firstIndex, IReadOnlyList<LaidOutPage> replacements)
    {
        for (var i = 0; i < replacements.Count; i++)
        {
            pages[firstIndex + i] = replacements[i];
        }
    }

    /// <summary>Drops a trailing page nothing was placed on (e.g. after the cover or a final page break).</summary>
    public void TrimEmptyLastPage()
    {
        if (pages.Count > 1 && pages[^1].Ops.Count == 0)
        {
            pages.RemoveAt(pages.Count - 1);
        }
    }
}
