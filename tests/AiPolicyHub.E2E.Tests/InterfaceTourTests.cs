using System.Text;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

/// <summary>
/// One walk through every main page (<see cref="InterfaceTour"/>) that checks on each what a person and the browser would
/// notice: axe-core's WCAG 2.1 AA and best-practice rules in the light theme and its colour rules in the dark theme, the
/// navigation landmark, the Content-Security-Policy (headers, and no violation reported by Chromium), and, with the window
/// narrowed to a 390 px phone, nothing scrolling sideways and nothing hidden under the app bar. Each page is loaded once
/// and switched in place (theme switch, window size) as a person would: every load costs the browser and the app about two
/// CPU-seconds, which three separate tours paid three times. The phone-sized first load is what ScreenSizeTests checks.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class InterfaceTourTests(BrowserFixture browser, DemoAppFixture demo, ITestOutputHelper output) : IAsyncLifetime
{
    private AppProcess app = null!;

    public async Task InitializeAsync() => app = await demo.AppAsync();

    public Task DisposeAsync() => app.EndTestAsync(output, nameof(InterfaceTourTests));

    [Fact]
    public async Task Every_main_page_passes_axe_in_both_themes_runs_under_the_security_policy_and_fits_a_390_px_phone()
    {
        var page = await browser.NewPageAsync(app);
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase)
                || message.Text.Contains("Refused to", StringComparison.OrdinalIgnoreCase))
            {
                lock (violations) { violations.Add($"{page.Url}: {message.Text}"); }
            }
        };
        // Also what the browser reports as an event, in case a violation does not reach the console.
        await page.Context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
        await page.Context.AddCookiesAsync([new Cookie { Name = "AiPolicyHub.Theme", Value = "light", Url = app.BaseUrl }]);
        var signIn = await page.GotoAsync("/account/sign-in");
        var signInHeaders = await signIn!.AllHeadersAsync();
        Assert.Contains("script-src 'self'", signInHeaders["content-security-policy"]);
        Assert.False(signInHeaders.ContainsKey("server"));
        await new SignInPage(page).SignInAsync(AppProcess.AdminEmail, AppProcess.AdminPassword);

        var shell = new AppShell(page);
        var pages = await InterfaceTour.PagesAsync(page);
        var problems = new StringBuilder();
        var dark = false;
        foreach (var address in pages)
        {
            var response = await InterfaceTour.OpenAsync(page, address);
            var headers = await response.AllHeadersAsync();
            if (!response.Ok)
            {
                problems.AppendLine($"{address}: answered {response.Status}");
            }
            if (!headers.GetValueOrDefault("content-security-policy", "").Contains("frame-ancestors 'none'"))
            {
                problems.AppendLine($"{address}: no Content-Security-Policy with frame-ancestors 'none'");
            }
            if (headers.ContainsKey("server"))
            {
                problems.AppendLine($"{address}: a Server header ({headers["server"]})");
            }
            if (await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).CountAsync() != 1)
            {
                problems.AppendLine($"{address}: no navigation landmark named Main navigation");
            }

            // Both themes, switched in place: whichever the page opened in first, then the other.
            await CheckWithAxeAsync(page, address, dark, problems);
            await shell.ThemeToggle.ClickAsync();
            dark = !dark;
            await Expect(shell.ThemeToggle).ToHaveAttributeAsync("aria-pressed", dark ? "true" : "false");
            await Expect(page.Locator(dark ? "body.app-dark" : "body.app-light")).ToHaveCountAsync(1);
            await CheckWithAxeAsync(page, address, dark, problems);

            await CheckOnAPhoneAsync(page, address, problems);
        }
        // The check sees a violation when there is one: a button without a name, put into the last page.
        await page.EvaluateAsync("() => document.querySelector('main').insertAdjacentHTML('beforeend', '<button type=\"button\"></button>')");
        var planted = new StringBuilder();
        await CheckWithAxeAsync(page, "the last page with a button without a name", dark: false, planted);
        Assert.Contains("button-name", planted.ToString());

        if (Environment.GetEnvironmentVariable("E2E_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.SetViewportSizeAsync(390, 844);
            await InterfaceTour.OpenAsync(page, "/");
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "phone-dashboard.png") });
        }

        lock (violations)
        {
            foreach (var violation in violations)
            {
                problems.AppendLine(violation);
            }
        }
        output.WriteLine($"{pages.Count} pages checked in both themes and at 390 px.");
        Assert.True(problems.Length == 0, problems.ToString());
    }

    /// <summary>The themes differ only in colour: the light theme gets every rule, the dark theme the rules about colour.</summary>
    private static async Task CheckWithAxeAsync(IPage page, string address, bool dark, StringBuilder problems)
    {
        foreach (var violation in await Axe.SeriousViolationsAsync(page, colourOnly: dark))
        {
            problems.AppendLine($"{address} ({(dark ? "dark" : "light")}): {violation}");
        }
    }

    /// <summary>
    /// Narrows the window to a phone's 390 × 844 and waits until the layout has taken it in (the navigation drawer closes
    /// on a small screen: its menu button says so, and the page stops moving), then measures; the window goes back to 1280 px for the next page.
    /// </summary>
    private static async Task CheckOnAPhoneAsync(IPage page, string address, StringBuilder problems)
    {
        await page.SetViewportSizeAsync(390, 844);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Show or hide navigation" })).ToHaveAttributeAsync("aria-expanded", "false");
        await Axe.AtRestAsync(page);
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        if (widths[0] > widths[1])
        {
            problems.AppendLine($"{address} (390 px): the page is {widths[0]} px wide in a {widths[1]} px window");
        }
        if (await AppBarProblemAsync(page) is { } problem)
        {
            problems.AppendLine($"{address} (390 px): {problem}");
        }
        await page.SetViewportSizeAsync(1280, 800);
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
}
