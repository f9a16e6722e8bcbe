using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace MlOpsPortal.Components.Shared;

/// <summary>
/// A MudBlazor icon (one of the <c>Icons.Material</c> path strings) as the same SVG MudIcon renders, written into the
/// caller's render tree: the shell shows a dozen icons on every page of every circuit, and a MudIcon component per icon
/// costs its own render tree twice over.
/// </summary>
public static class InlineIcon
{
    /// <param name="extraClass">Classes after MudIcon's own, as its Class parameter would add them.</param>
    /// <param name="size">MudIcon's size: small, medium or large.</param>
    public static RenderFragment Svg(string icon, string? extraClass = null, string size = "medium") =>
        builder => Write(builder, icon, $"mud-icon-root mud-svg-icon mud-icon-size-{size}{(extraClass is null ? null : " " + extraClass)}");

    private static void Write(RenderTreeBuilder builder, string icon, string classes)
    {
        builder.OpenElement(0, "svg");
        builder.AddAttribute(1, "class", classes);
        builder.AddAttribute(2, "focusable", "false");
        builder.AddAttribute(3, "viewBox", "0 0 24 24");
        builder.AddAttribute(4, "aria-hidden", "true");
        builder.AddAttribute(5, "role", "img");
        builder.AddMarkupContent(6, icon);
        builder.CloseElement();
    }
}
