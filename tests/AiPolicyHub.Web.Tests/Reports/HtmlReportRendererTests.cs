using AiPolicyHub.Core.Reports;
using AiPolicyHub.Web.Reports;

namespace AiPolicyHub.Web.Tests.Reports;

public class HtmlReportRendererTests
{
    private static readonly ReportMetadata Metadata = new(
        "Tool register", "Every AI tool", "Compliance", "Acme & Sons <Ltd>", "RPT-1",
        new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero), "Ana", "None", "sha256:00");

    private static string Render(Func<ReportBuilder, ReportBuilder> compose) =>
        new HtmlReportRenderer().RenderDocument(compose(new ReportBuilder(Metadata)).Build());

    [Fact]
    public void Table_headers_are_column_headers_and_each_row_is_headed_by_its_first_cell()
    {
        var html = Render(b => b.Table("Tools", [new TableColumn("Tool"), new TableColumn("Vendor"), new TableColumn("Workflows", 1, ColumnAlignment.Right)],
            [new TableRow(["Copilot", "Microsoft", "12"])]));

        Assert.Contains("<caption>Tools</caption>", html);
        Assert.Contains("<th scope=\"col\">Tool</th><th scope=\"col\">Vendor</th><th scope=\"col\" class=\"num\">Workflows</th>", html);
        Assert.Contains("<tr><th scope=\"row\">Copilot</th><td>Microsoft</td><td class=\"num\">12</td></tr>", html);
    }

    [Fact]
    public void User_text_is_escaped_everywhere()
    {
        var html = Render(b => b
            .Heading(1, "<script>alert(1)</script>")
            .Paragraph("Fish & \"chips\" <b>")
            .Table(null, [new TableColumn("Name \"quoted\"")], [new TableRow(["<img src=x onerror=alert(1)>"])]));

        Assert.DoesNotContain("<script>alert", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("Fish &amp; &quot;chips&quot; &lt;b&gt;", html);
        Assert.Contains("Name &quot;quoted&quot;", html);
        Assert.Contains("<title>Tool register</title>", html);
        Assert.Contains("Acme &amp; Sons &lt;Ltd&gt;", html);
    }

    [Fact]
    public void Only_safe_links_are_live()
    {
        var html = Render(b => b.Paragraph(TextSpan.Link("policy", "https://example.org/a?b=1&c=2"), TextSpan.Link("bad", "javascript:alert(1)")));

        Assert.Contains("<a href=\"https://example.org/a?b=1&amp;c=2\">policy</a>", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("bad", html);
    }

    [Fact]
    public void Headings_start_below_the_title_and_the_contents_link_to_them()
    {
        var html = Render(b => b.Cover().TableOfContents().Heading(1, "Summary").Heading(2, "Detail"));

        Assert.Contains("<h1>Tool register</h1>", html);
        Assert.Contains("<h2 id=\"section-1\">Summary</h2>", html);
        Assert.Contains("<h3 id=\"section-2\">Detail</h3>", html);
        Assert.Contains("<a href=\"#section-2\">Detail</a>", html);
    }

    [Fact]
    public void The_heat_map_is_a_table_with_a_text_summary()
    {
        var counts = new int[5, 5];
        counts[4, 4] = 3; // likelihood 5, impact 5
        counts[0, 0] = 7;
        var html = Render(b => b.HeatMap("Residual risk", counts));

        Assert.Contains("10 in total: 3 in the critical zone and 0 in the high zone.", html);
        Assert.Contains("<th scope=\"row\">Likelihood 5</th>", html);
        Assert.Contains("<th scope=\"col\">Impact 5</th>", html);
        Assert.Contains("<td class=\"tone-critical\">3</td>", html);
    }
}
