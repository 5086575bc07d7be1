using AiPolicyHub.E2E.Tests.Infrastructure;
using AiPolicyHub.E2E.Tests.Pages;

namespace AiPolicyHub.E2E.Tests;

/// <summary>
/// axe-core over the sign-in page, which a person sees before any other; every main page after it is checked by
/// <see cref="InterfaceTourTests"/>.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture browser, DemoAppFixture demo, ITestOutputHelper output) : IAsyncLifetime
{
    private AppProcess app = null!;

    public async Task InitializeAsync() => app = await demo.AppAsync();

    public Task DisposeAsync() => app.EndTestAsync(output, nameof(AccessibilityTests));

    [Fact]
    public async Task The_sign_in_page_passes_axe()
    {
        var page = await browser.NewPageAsync(app);
        await new SignInPage(page).OpenAsync();

        var serious = await Axe.SeriousViolationsAsync(page);

        Assert.True(serious.Count == 0, string.Join("\n", serious));
    }
}
