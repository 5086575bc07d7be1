using AiPolicyHub.Web.Components.Shared;

namespace AiPolicyHub.Components.Tests.Shared;

public sealed class ListPagerTests : ComponentTest
{
    [Theory]
    [InlineData(1, 5, "1 2 3 4 5")]
    [InlineData(1, 85, "1 2 3 4 5 … 85")]
    [InlineData(4, 85, "1 2 3 4 5 … 85")]
    [InlineData(5, 85, "1 … 4 5 6 … 85")]
    [InlineData(81, 85, "1 … 80 81 82 … 85")]
    [InlineData(82, 85, "1 … 81 82 83 84 85")]
    [InlineData(85, 85, "1 … 81 82 83 84 85")]
    [InlineData(5, 8, "1 … 4 5 6 7 8")]
    public void The_pager_shows_the_first_and_last_page_and_three_around_the_current_one(int page, int pages, string expected)
    {
        var shown = string.Join(" ", ListPager.PageNumbers(page, pages).Select(n => n?.ToString() ?? "…"));

        Assert.Equal(expected, shown);
    }

    [Fact]
    public void The_first_page_cannot_go_back_and_a_page_button_asks_for_its_page()
    {
        int? asked = null;
        var pager = Render<ListPager>(p => p
            .Add(l => l.Page, 1).Add(l => l.PageSize, 50).Add(l => l.Total, 4_219)
            .Add(l => l.What, "workflows").Add(l => l.Label, "Pages of workflows")
            .Add(l => l.PageChanged, page => asked = page));

        Assert.True(pager.Find("button[aria-label='First page']").HasAttribute("disabled"));
        Assert.True(pager.Find("button[aria-label='Previous page']").HasAttribute("disabled"));
        Assert.Equal("page", pager.Find("button[aria-label='Current page 1']").GetAttribute("aria-current"));
        pager.Find("button[aria-label='Last page']").Click();
        Assert.Equal(85, asked);
        pager.Find("button[aria-label='Page 3']").Click();
        Assert.Equal(3, asked);
    }
}
