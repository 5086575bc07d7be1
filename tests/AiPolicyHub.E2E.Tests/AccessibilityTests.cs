using System.Text;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace AiPolicyHub.E2E.Tests;

/// <summary>
/// axe-core over every main page: every WCAG 2.1 AA and best-practice rule in the light theme, the colour rules in the
/// dark theme; no serious or critical violation (contrast, names, landmarks…), and a navigation landmark on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, DemoAppFixture demo, ITestOutputHelper output) : IAsyncLifetime
{
    private AppProcess app = null!;

    public async Task InitializeAsync() => app = await demo.AppAsync();

    public Task DisposeAsync() => app.EndTestAsync(output, nameof(AccessibilityTests));

    [Fact]
    public async Task Every_main_page_passes_axe_in_both_themes_and_has_a_navigation_landmark()
    {
        var admin = await browser.SignedInAdministratorAsync(app);
        var pages = await InterfaceTour.PagesAsync(admin);
        var problems = new StringBuilder();

        foreach (var theme in new[] { "light", "dark" })
        {
            await admin.Context.AddCookiesAsync([new Cookie { Name = "AiPolicyHub.Theme", Value = theme, Url = app.BaseUrl }]);
            foreach (var address in pages)
            {
                await InterfaceTour.OpenAsync(admin, address);
                if (await admin.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).CountAsync() != 1)
                {
                    problems.AppendLine($"{address} ({theme}): no navigation landmark named Main navigation");
                }
                // The themes differ only in colour: the light pass runs every rule, the dark pass the rules about colour.
                var result = await admin.RunAxe(new AxeRunOptions
                {
                    RunOnly = theme == "light"
                        ? new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] }
                        : new RunOnlyOptions { Type = "rule", Values = ["color-contrast", "link-in-text-block"] },
                    // Only violations are read: axe then skips writing out every passing node (much of its time on long pages).
                    ResultTypes = [ResultType.Violations],
                });
                foreach (var violation in result.Violations.Where(v => v.Impact is "serious" or "critical"))
                {
                    problems.AppendLine($"{address} ({theme}): {violation.Id} ({violation.Impact}) {violation.Help}");
                    foreach (var node in violation.Nodes.Take(5))
                    {
                        problems.AppendLine($"    {string.Join(" ", node.Target)}: {string.Join(" ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message))}");
                    }
                }
            }
        }

        output.WriteLine($"{pages.Count} pages × 2 themes checked.");
        Assert.True(problems.Length == 0, problems.ToString());
    }

    [Fact]
    public async Task The_sign_in_page_passes_axe()
    {
        var page = await browser.NewPageAsync(app);
        await new SignInPage(page).OpenAsync();

        var result = await page.RunAxe();

        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help}").ToList();
        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
