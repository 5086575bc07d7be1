using AiPolicyHub.Web.Components.Theme;

namespace AiPolicyHub.Components.Tests.Layout;

/// <summary>The layout's theme provider: MudBlazor's styles for the app's theme, built once for everyone.</summary>
public sealed class ThemeProviderTests : ComponentTest
{
    [Fact]
    public async Task Writes_the_themes_styles_and_leaves_the_browser_alone_when_it_goes()
    {
        var provider = Render<SharedThemeProvider>(p => p
            .Add(t => t.Theme, AppTheme.Theme)
            .Add(t => t.IsDarkMode, false)
            .Add(t => t.ObserveSystemDarkModeChange, false));
        Assert.Contains("--mud-palette-primary", provider.Markup);

        await provider.Instance.DisposeAsync();

        // Nothing to stop: the app never watches the system's dark mode (in the prerender, such a call throws).
        Assert.DoesNotContain(JSInterop.Invocations, call => call.Identifier.StartsWith("mudThemeProvider.", StringComparison.Ordinal));
    }
}
