using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

/// <summary>
/// The app opened on a phone (390 × 844): the drawer gets out of the way and Sign out is reachable; and on a laptop
/// (1280 × 800) the lists show their default columns without scrolling. <see cref="InterfaceTourTests"/> narrows every main
/// page to 390 px and checks that nothing scrolls sideways or hides under the app bar.
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
}
