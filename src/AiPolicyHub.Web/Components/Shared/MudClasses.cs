namespace AiPolicyHub.Web.Components.Shared;

/// <summary>
/// MudBlazor's classes for the buttons and links that the shell and the lists write as plain elements: a MudButton is a
/// component that every live session keeps (see <see cref="SvgIcon"/>), so the buttons every visit shows borrow its look.
/// </summary>
public static class MudClasses
{
    public const string OutlinedButton =
        "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-medium mud-ripple";

    public const string SmallOutlinedButton =
        "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-small mud-ripple";

    public const string IconButton = "mud-button-root mud-icon-button mud-ripple mud-ripple-icon";
}
