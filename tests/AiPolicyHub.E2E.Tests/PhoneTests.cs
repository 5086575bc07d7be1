using System.Text;
using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;
using static Microsoft.Playwright.Assertions;

namespace AiPolicyHub.E2E.Tests;

/// <summary>The app on a phone (390 × 844): nothing scrolls sideways, the drawer gets out of the way, Sign out is reachable.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PhoneTests(BrowserFixture browser, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly AppProcess app = AppProcess.Create(settings: new Dictionary<string, string> { ["SeedDemo"] = "true" });

    public Task InitializeAsync() => app.StartAsync();

    public async Task DisposeAsync()
    {
        await app.ReportAsync(output, nameof(PhoneTests));
        await app.DisposeAsync();
    }

    private async Task<IPage> PhoneAsync()
    {
        var page = await browser.SignedInAdministratorAsync(app);
        await page.SetViewportSizeAsync(390, 844);
        return page;
    }

    [Fact]
    public async Task No_page_scrolls_sideways_at_390_px()
    {
        var phone = await PhoneAsync();
        var wide = new StringBuilder();
        foreach (var address in await InterfaceTour.PagesAsync(phone))
        {
            await InterfaceTour.OpenAsync(phone, address);
            var (scrollWidth, clientWidth) = await ScrollWidthAsync(phone);
            if (scrollWidth > clientWidth)
            {
                wide.AppendLine($"{address}: the page is {scrollWidth} px wide in a {clientWidth} px window");
            }
        }
        Assert.True(wide.Length == 0, wide.ToString());
    }

    [Fact]
    public async Task The_drawer_closes_after_choosing_a_page_and_sign_out_is_reachable()
    {
        var phone = await PhoneAsync();
        await InterfaceTour.OpenAsync(phone, "/");
        var navigation = new AppShell(phone).Navigation;
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Workflows" })).Not.ToBeInViewportAsync();

        await phone.GetByRole(AriaRole.Button, new() { Name = "Show or hide navigation" }).ClickAsync();
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Workflows" }).ClickAsync();

        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/workflows$"));
        await Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Workflows" })).Not.ToBeInViewportAsync();
        var signOut = phone.GetByRole(AriaRole.Button, new() { Name = "Sign out", Exact = true });
        await Expect(signOut).ToBeInViewportAsync(new() { Ratio = 1 });
        await signOut.ClickAsync();
        await Expect(phone).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
    }

    private static async Task<(int ScrollWidth, int ClientWidth)> ScrollWidthAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        return (widths[0], widths[1]);
    }
}
