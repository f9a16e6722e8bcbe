using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace MlOpsPortal.Components.Shared;

/// <summary>
/// A read-only MudChip (a status, a state) as the markup MudChip renders, written into the caller's render tree: pages
/// show one per row or card, and a MudChip component each costs every open circuit its own render trees.
/// </summary>
public static class InlineChip
{
    /// <param name="attributes">Attributes of the chip itself (data-testid and the like), as MudChip passes them on.</param>
    public static RenderFragment For(string text, Color color, Variant variant = Variant.Filled, Size size = Size.Small,
        string? extraClass = "ma-0", IEnumerable<KeyValuePair<string, object>>? attributes = null) =>
        builder =>
        {
            var classes = string.Create(CultureInfo.InvariantCulture,
                $"mud-chip mud-chip-{Name(variant)} mud-chip-size-{Name(size)} mud-chip-color-{Name(color)}{(extraClass is null ? null : " " + extraClass)}");
            builder.OpenElement(0, "div");
            builder.AddAttribute(1, "class", "mud-chip-container");
            builder.OpenElement(2, "div");
            builder.AddAttribute(3, "class", classes);
            if (attributes is not null)
            {
                builder.AddMultipleAttributes(4, attributes);
            }

            builder.OpenElement(5, "span");
            builder.AddAttribute(6, "class", "mud-chip-content");
            builder.AddContent(7, text);
            builder.CloseElement();
            builder.CloseElement();
            builder.CloseElement();
        };

    // MudBlazor's class names are its enum names in lower case (Color.Success → mud-chip-color-success).
#pragma warning disable CA1308 // CSS class names, not a comparison
    private static string Name<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
#pragma warning restore CA1308
}
