using System.Text;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

/// <summary>
/// The app on a phone (390 × 844): nothing scrolls sideways, the app bar covers nothing, the drawer gets out of the way,
/// Sign out is reachable; and on a laptop (1280 × 800) the lists show their default columns without scrolling.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenSizeTests(BrowserFixture browser, DemoAppFixture demo, ITestOutputHelper output) : IAsyncLifetime
{
    private AppProcess app = null!;

    public async Task InitializeAsync() => app = await demo.AppAsync();

    public Task DisposeAsync() => app.EndTestAsync(output, nameof(ScreenSizeTests));

    private async Task<IPage> PhoneAsync()
    {
        var page = await browser.SignedInAdministratorAsync(app);
        await page.SetViewportSizeAsync(390, 844);
        return page;
    }

    [Fact]
    public async Task No_page_scrolls_sideways_at_390_px_and_the_app_bar_covers_nothing()
    {
        var phone = await PhoneAsync();
        var wrong = new StringBuilder();
        foreach (var address in await InterfaceTour.PagesAsync(phone))
        {
            await InterfaceTour.OpenAsync(phone, address);
            var (scrollWidth, clientWidth) = await ScrollWidthAsync(phone);
            if (scrollWidth > clientWidth)
            {
                wrong.AppendLine($"{address}: the page is {scrollWidth} px wide in a {clientWidth} px window");
            }
            if (await AppBarProblemAsync(phone) is { } problem)
            {
                wrong.AppendLine($"{address}: {problem}");
            }
        }
        if (Environment.GetEnvironmentVariable("E2E_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await InterfaceTour.OpenAsync(phone, "/");
            await phone.ScreenshotAsync(new() { Path = Path.Combine(folder, "phone-dashboard.png") });
        }
        Assert.True(wrong.Length == 0, wrong.ToString());
    }

    /// <summary>
    /// What is wrong with the app bar at the top of the page, if anything: a control of the bar that spills out of it
    /// (drawn over the page), or a page heading that starts under the bar.
    /// </summary>
    private static async Task<string?> AppBarProblemAsync(IPage page) =>
        await page.EvaluateAsync<string?>("""
            () => {
              window.scrollTo(0, 0);
              const bar = document.querySelector('.app-header').getBoundingClientRect();
              for (const control of document.querySelectorAll('.app-header a, .app-header button')) {
                const r = control.getBoundingClientRect();
                if (r.width === 0) continue;
                if (r.top < bar.top - 1 || r.bottom > bar.bottom + 1 || r.right > window.innerWidth + 1)
                  return `"${control.getAttribute('aria-label') || control.textContent.trim()}" spills out of the app bar`;
              }
              const heading = document.querySelector('main h1');
              if (heading && heading.getBoundingClientRect().top < bar.bottom - 1)
                return `the heading "${heading.textContent.trim()}" starts under the app bar`;
              return null;
            }
            """);

    [Fact]
    public async Task The_drawer_closes_after_choosing_a_page_and_sign_out_is_reachable()
    {
        var phone = await PhoneAsync();
        await InterfaceTour.OpenAsync(phone, "/");
        var navigation = new AppShell(phone).Navigation;
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Workflows" })).Not.ToBeInViewportAsync();

        // The drawer learns the screen is small just after the page turns interactive; the menu button says so.
        var menu = phone.GetByRole(AriaRole.Button, new() { Name = "Show or hide navigation" });
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "false");
        await menu.ClickAsync();
        await Expect(menu).ToHaveAttributeAsync("aria-expanded", "true");
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();

        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/workflows$"));
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Workflows" })).Not.ToBeInViewportAsync();
        var signOut = phone.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });
        await Expect(signOut).ToBeInViewportAsync(new() { Ratio = 1 });
        await signOut.ClickAsync();
        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
    }

    [Theory]
    [InlineData("/workflows", ".workflow-grid")]
    [InlineData("/findings", ".findings-grid")]
    public async Task On_a_1280_px_laptop_a_list_shows_its_default_columns_without_scrolling_sideways(string address, string grid)
    {
        var laptop = await browser.SignedInAdministratorAsync(app);
        await laptop.SetViewportSizeAsync(1280, 800);
        await InterfaceTour.OpenAsync(laptop, address);
        await Expect(laptop.Locator($"{grid} tbody tr").First).ToBeVisibleAsync();

        var widths = await laptop.EvaluateAsync<int[]>(
            $"() => {{ const box = document.querySelector('{grid} table').closest('.list-scroll'); return [box.scrollWidth, box.clientWidth]; }}");
        Assert.True(widths[0] <= widths[1], $"{address}: the list is {widths[0]} px wide in a {widths[1]} px box");
    }

    private static async Task<(int ScrollWidth, int ClientWidth)> ScrollWidthAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        return (widths[0], widths[1]);
    }
}
