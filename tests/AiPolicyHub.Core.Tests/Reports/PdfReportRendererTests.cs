using System.Text.Json;
using System.Text.RegularExpressions;
using AiPolicyHub.Core.Reports;
using AiPolicyHub.Core.Reports.Pdf;

namespace AiPolicyHub.Core.Tests.Reports;

/// <summary>The showcase document rendered once, written to a file for the PDF tools.</summary>
public sealed class RenderedShowcase : IDisposable
{
    private readonly TempFolder folder = new();

    public RenderedShowcase()
    {
        Path = System.IO.Path.Combine(folder.Path, "showcase.pdf");
        using var file = File.Create(Path);
        Result = new PdfReportRenderer().Render(SampleReports.Showcase(), file);
        file.Close();
        // Set AIPOLICYHUB_KEEP_REPORTS to a folder to keep the file for a look (e.g. pdftoppm -png).
        if (Environment.GetEnvironmentVariable("AIPOLICYHUB_KEEP_REPORTS") is { Length: > 0 } keep)
        {
            File.Copy(Path, System.IO.Path.Combine(keep, "showcase.pdf"), overwrite: true);
        }
    }

    public string Path { get; }
    public PdfRenderResult Result { get; }

    public void Dispose() => folder.Dispose();
}

public partial class PdfReportRendererTests(RenderedShowcase showcase) : IClassFixture<RenderedShowcase>
{
    [Fact]
    public void The_file_is_a_valid_pdf()
    {
        var (exitCode, output) = PdfTools.QpdfCheck(showcase.Path);

        Assert.True(exitCode == 0, output);
        Assert.Contains("No syntax or stream encoding errors found", output);
    }

    [Fact]
    public void The_document_information_names_the_report()
    {
        var info = PdfTools.Info(showcase.Path);

        Assert.Equal(SampleReports.Title, info["Title"]);
        Assert.Equal("Every AI workflow with its residual risk", info["Subject"]);
        Assert.Equal("Compliance office", info["Author"]);
        Assert.Equal("AiPolicyHub", info["Creator"]);
        Assert.Contains("2026", info["CreationDate"]);
        Assert.Contains("fingerprint:sha256:", info["Keywords"]);
        Assert.Equal("A4", Regex.Match(info["Page size"], @"\((\w+)\)").Groups[1].Value);
    }

    [Fact]
    public void The_page_count_matches_what_the_renderer_reported_and_the_content_needs()
    {
        var pages = int.Parse(PdfTools.Info(showcase.Path)["Pages"]);

        Assert.Equal(showcase.Result.PageCount, pages);
        // Cover, contents, summary, 300 rows at ~40 a page, names, long text, appendix.
        Assert.InRange(pages, 12, 22);
    }

    [Fact]
    public void Every_page_has_the_header_and_the_footer()
    {
        var pages = showcase.Result.PageCount;
        for (var page = 1; page <= pages; page++)
        {
            var text = PdfTools.Text(showcase.Path, page);
            Assert.Contains(SampleReports.Organisation, text);
            Assert.Contains(SampleReports.Title, text);
            Assert.Contains($"Page {page} of {pages}", text);
            Assert.Contains("RPT-2026-000042", text);
        }
    }

    [Fact]
    public void The_cover_carries_the_generation_facts_and_the_whole_fingerprint()
    {
        var cover = PdfTools.Text(showcase.Path, 1);

        Assert.Contains("All workflows by residual risk", cover);
        Assert.Contains("2026-11-22 09:30 UTC", cover);
        Assert.Contains("Maria Rossi <compliance>", cover);
        Assert.Contains(SampleReports.Metadata().Fingerprint, cover);
    }

    [Fact]
    public void Every_row_of_the_long_table_is_present_exactly_once()
    {
        var text = PdfTools.Text(showcase.Path);

        for (var i = 1; i <= 300; i++)
        {
            Assert.Equal(1, Regex.Count(text, $@"\b{SampleReports.RowName(i)}\b"));
        }
    }

    [Fact]
    public void The_long_table_runs_over_several_pages_with_its_header_on_each()
    {
        var pagesWithRows = Enumerable.Range(1, showcase.Result.PageCount)
            .Select(page => (Page: page, Text: PdfTools.Text(showcase.Path, page)))
            .Where(p => p.Text.Contains("Workflow-0"))
            .ToList();

        Assert.True(pagesWithRows.Count >= 5, $"The 300 rows fit on {pagesWithRows.Count} pages.");
        Assert.All(pagesWithRows, p =>
        {
            Assert.Contains("Department", p.Text);
            Assert.Contains("Purpose", p.Text);
        });
        // Rows stay in order across pages.
        var firstOnEach = pagesWithRows.Select(p => int.Parse(Regex.Match(p.Text, @"Workflow-(\d{4})").Groups[1].Value)).ToList();
        Assert.Equal(firstOnEach.Order(), firstOnEach);
    }

    [Fact]
    public void The_table_of_contents_gives_the_page_each_heading_is_on()
    {
        var contents = PdfTools.Text(showcase.Path, 2, layout: true);
        var entries = Regex.Matches(contents, @"^\s*(?<title>\S.*?)\s*\.{3,}\s*(?<page>\d+)\s*$", RegexOptions.Multiline)
            .Select(m => (Title: m.Groups["title"].Value.Trim(), Page: int.Parse(m.Groups["page"].Value)))
            .ToList();

        var headings = SampleReports.Showcase().Blocks.OfType<HeadingBlock>().Select(h => h.Text).ToList();
        Assert.Equal(headings, entries.Select(e => e.Title));
        Assert.All(entries, entry => Assert.Contains(entry.Title, PdfTools.Text(showcase.Path, entry.Page)));
        Assert.Equal(showcase.Result.PageCount, entries.Single(e => e.Title == "Appendix").Page);
    }

    [Fact]
    public void Headings_are_bookmarks_nested_by_level()
    {
        using var json = JsonDocument.Parse(PdfTools.QpdfJson(showcase.Path));
        var outlines = json.RootElement.GetProperty("outlines");
        static IEnumerable<(string Title, int Page, double Top, int Depth)> Walk(JsonElement items, int depth) =>
            items.EnumerateArray().SelectMany(item => Walk(item.GetProperty("kids"), depth + 1).Prepend(
                (item.GetProperty("title").GetString()!, item.GetProperty("destpageposfrom1").GetInt32(), item.GetProperty("dest")[3].GetDouble(), depth)));
        var bookmarks = Walk(outlines, 0).ToList();

        Assert.Equal(["Executive summary", "Risk at a glance", "Key facts", "Principles", "All workflows", "Names from everywhere", "A very long description", "An unbreakable word", "Appendix"],
            bookmarks.Select(b => b.Title));
        Assert.Equal([0, 1, 1, 2, 0, 0, 1, 1, 0], bookmarks.Select(b => b.Depth));
        Assert.Equal(showcase.Result.PageCount, bookmarks.Single(b => b.Title == "Appendix").Page);
        // A heading at the top of its page is a destination near the top of the page (PDF y grows upwards).
        Assert.InRange(bookmarks.Single(b => b.Title == "Appendix").Top, 700, 842);
    }

    [Fact]
    public void Greek_Cyrillic_and_accented_names_come_out_as_searchable_text()
    {
        var text = Regex.Replace(PdfTools.Text(showcase.Path), @"\s+", " ");

        Assert.All(SampleReports.UnicodeNames, name => Assert.Contains(name, text));
    }

    [Fact]
    public void A_character_the_font_lacks_is_replaced_visibly()
    {
        var text = PdfTools.Text(showcase.Path);

        Assert.Contains("Chatbot □ triage", text);
    }

    [Fact]
    public void A_5000_character_paragraph_is_all_there()
    {
        var text = Regex.Replace(BodyText(), @"\s+", " ");
        var expected = Regex.Replace(SampleReports.LongText(5000), @"\s+", " ").Trim();

        Assert.Contains(expected, text);
    }

    [Fact]
    public void A_word_longer_than_a_line_is_broken_without_a_hyphen()
    {
        var text = PdfTools.Text(showcase.Path);
        var pieces = Regex.Matches(text, "x{20,}").Select(m => m.Value).ToList();

        Assert.True(pieces.Count >= 2);
        Assert.Equal(400, pieces.Sum(p => p.Length));
        Assert.DoesNotContain("x-", text);
    }

    [Fact]
    public void Only_safe_links_become_link_annotations()
    {
        var json = PdfTools.QpdfJson(showcase.Path);

        Assert.Contains("https://eur-lex.europa.eu/eli/reg/2024/1689/oj", json);
        Assert.DoesNotContain("javascript:", json);
    }

    /// <summary>The text of every page without the running header and footer, so text crossing a page reads on.</summary>
    private string BodyText() => string.Join('\n', Enumerable.Range(1, showcase.Result.PageCount)
        .SelectMany(page => PdfTools.Text(showcase.Path, page).Split('\n'))
        .Where(line => line != SampleReports.Organisation && line != SampleReports.Title
            && !line.StartsWith("RPT-2026-000042", StringComparison.Ordinal) && !line.StartsWith("Page ", StringComparison.Ordinal)));
}
