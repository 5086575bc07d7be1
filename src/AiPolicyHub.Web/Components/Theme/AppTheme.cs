using MudBlazor;

namespace AiPolicyHub.Web.Components.Theme;

/// <summary>
/// The interface's colours, light and dark. Every text colour here meets WCAG AA (4.5:1) against the surface it is
/// drawn on; the accessibility browser test (axe, both themes) fails if one does not.
/// </summary>
public static class AppTheme
{
    /// <summary>Cookie holding "light" or "dark"; the server renders the stored theme on the first paint.</summary>
    public const string Cookie = "AiPolicyHub.Theme";
    public const string Light = "light";
    public const string Dark = "dark";

    /// <summary>True when the stored cookie value asks for the dark theme (older values from before MudBlazor included).</summary>
    public static bool IsDark(string? stored) => stored is Dark or "material-dark";

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1b5fad",          // 6.2:1 on white
            Secondary = "#5b4a9e",
            Tertiary = "#006b5f",
            Info = "#0b5cad",
            Success = "#1e6b2e",          // 6.3:1 on white
            Warning = "#8a4600",          // 6.0:1 on white
            Error = "#b3261e",            // 6.5:1 on white
            AppbarBackground = "#173b6c",
            AppbarText = "#ffffff",
            DrawerBackground = "#f6f7f9",
            DrawerText = "#1f2328",
            DrawerIcon = "#3d4451",
            Background = "#ffffff",
            Surface = "#ffffff",
            TextPrimary = "#1f2328",
            TextSecondary = "#4f5661",    // 7.3:1 on white
            ActionDefault = "#4f5661",
            LinesDefault = "#d0d4da",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8fc1ff",          // 9.6:1 on #1b1e24
            PrimaryContrastText = "#0b1a2e", // text on filled primary buttons: 9.5:1 on #8fc1ff (white was 1.9:1)
            Secondary = "#c5b8ff",
            Tertiary = "#6fdcc8",
            Info = "#8fc1ff",
            Success = "#7fd68f",
            Warning = "#ffc266",
            Error = "#ff9a8f",
            SecondaryContrastText = "#1d1240", // text on filled secondary buttons: 9:1 on #c5b8ff (white was 1.8:1)
            ErrorContrastText = "#3b0d09",   // text on filled error buttons: 8:1
            AppbarBackground = "#11161d",
            AppbarText = "#f2f4f7",
            DrawerBackground = "#161a20",
            DrawerText = "#e6e9ee",
            DrawerIcon = "#c3c9d3",
            Background = "#1b1e24",
            Surface = "#22262d",
            TextPrimary = "#eef1f5",
            TextSecondary = "#c3c9d3",    // 10:1 on #1b1e24
            ActionDefault = "#c3c9d3",
            LinesDefault = "#3a404a",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "250px" },
    };
}
