using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;

namespace AiPolicyHub.Web.Components.Shared;

/// <summary>
/// The markup MudIcon writes for an icon (same classes, so MudBlazor's styles size and colour it), built once per icon for
/// everyone. A MudIcon is a component, and every live session keeps each of its components with a render buffer and its
/// state; the shell and the lists draw their icons from here instead.
/// </summary>
public static class SvgIcon
{
    private static readonly ConcurrentDictionary<(string Icon, string Size, string? Class), MarkupString> Cache = new();

    /// <param name="icon">The SVG content, e.g. <c>Icons.Material.Filled.Menu</c>.</param>
    /// <param name="size">MudBlazor's size name: small, medium or large.</param>
    /// <param name="cssClass">More classes for the <c>svg</c> element.</param>
    public static MarkupString Of(string icon, string size = "medium", string? cssClass = null) =>
        Cache.GetOrAdd((icon, size, cssClass), key => new MarkupString(
            $"<svg class=\"mud-icon-root mud-svg-icon mud-icon-size-{key.Size}{(key.Class is null ? "" : " " + key.Class)}\" focusable=\"false\" " +
            $"viewBox=\"0 0 24 24\" aria-hidden=\"true\" role=\"img\">{key.Icon}</svg>"));

    private static readonly ConcurrentDictionary<string, MarkupString> StartIcons = new();

    /// <summary>An icon before a button's label, as MudButton writes its <c>StartIcon</c>.</summary>
    public static MarkupString Start(string icon) =>
        StartIcons.GetOrAdd(icon, key => new MarkupString($"<span class=\"mud-button-icon-start mud-button-icon-size-medium\">{Of(key)}</span>"));
}
