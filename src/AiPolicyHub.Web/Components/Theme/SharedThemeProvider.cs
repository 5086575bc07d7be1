using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace AiPolicyHub.Web.Components.Theme;

/// <summary>
/// MudThemeProvider writing the same styles, with the theme's CSS (about 12,000 characters) built once per theme and mode for
/// everyone: MudThemeProvider builds it again for every live session, which keeps its own copy for as long as it is open.
/// </summary>
public sealed class SharedThemeProvider : MudThemeProvider
{
    private static readonly ConcurrentDictionary<(MudTheme Theme, bool Dark), string> Styles = new();

    private static readonly string Scrollbar = BuildMudBlazorScrollbar();

    // The provider also lightens a chart's series under the pointer (the dashboard's charts): the same effect, one rule.
    private const string ChartStyle = "<style>.mud-chart-serie:hover, .mud-chart-serie-hovered { filter: url(#lighten); }</style>";

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (!DefaultScrollbar)
        {
            builder.AddMarkupContent(0, Scrollbar);
        }
        builder.AddMarkupContent(1, ChartStyle);
        // Without a theme of its own each provider has a default theme object of its own: nothing to share. The parameter is
        // read directly: its backing state is private, and it holds the parameter's value during a render (the layout sets
        // the mode and never takes it back from the provider).
#pragma warning disable MUD0010
        var dark = IsDarkMode;
#pragma warning restore MUD0010
        builder.AddMarkupContent(2, Theme is { } theme ? Styles.GetOrAdd((theme, dark), _ => BuildTheme()) : BuildTheme());
    }

    /// <summary>
    /// The app never asks the provider to follow the system's dark mode, so there is no watch in the browser to stop.
    /// MudThemeProvider's disposal asks the browser to stop one anyway: a needless call at the end of every live session,
    /// and during the prerendering of every page, which has no browser, an exception MudBlazor throws and catches — three
    /// first-chance exceptions a page load in the runtime's exception count that operators watch.
    /// </summary>
    protected override ValueTask DisposeAsyncCore()
    {
#pragma warning disable MUD0010 // read, not written: the layout sets it
        var observed = ObserveSystemDarkModeChange;
#pragma warning restore MUD0010
        return observed ? base.DisposeAsyncCore() : ValueTask.CompletedTask;
    }
}
