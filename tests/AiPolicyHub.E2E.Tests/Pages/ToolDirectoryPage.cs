namespace AiPolicyHub.E2E.Tests.Pages;

/// <summary>The approved-tools directory: one article per tool, named by the tool.</summary>
public sealed class ToolDirectoryPage(IPage page)
{
    public ILocator NavigationLink => page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Approved AI tools" });
    public ILocator Usable => page.GetByRole(AriaRole.Region, new() { Name = "You may use" });
    public ILocator Prohibited => page.GetByRole(AriaRole.Region, new() { Name = "Do not use" });

    public ILocator Tool(string name) => page.GetByRole(AriaRole.Article, new() { Name = name, Exact = true });

    public async Task SearchAsync(string text)
    {
        await page.GetByLabel("Search", new() { Exact = true }).FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
    }
}
