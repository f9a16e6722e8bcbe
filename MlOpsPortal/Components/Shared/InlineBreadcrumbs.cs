using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace MlOpsPortal.Components.Shared;

/// <summary>
/// MudBreadcrumbs' markup (left to right, no collapsing) written into the caller's render tree: MudBreadcrumbs renders a
/// component per item and per separator, which a page open in many circuits holds in each.
/// </summary>
public static class InlineBreadcrumbs
{
    /// <param name="extraClass">Classes after MudBreadcrumbs' own, as its Class parameter would add them.</param>
    public static RenderFragment For(IReadOnlyList<BreadcrumbItem> items, string? extraClass = null) =>
        builder =>
        {
            ArgumentNullException.ThrowIfNull(items);
            builder.OpenElement(0, "nav");
            builder.AddAttribute(1, "aria-label", "Breadcrumb");
            builder.OpenElement(2, "ol");
            builder.AddAttribute(3, "class", extraClass is null ? "mud-breadcrumbs mud-typography-body1" : "mud-breadcrumbs mud-typography-body1 " + extraClass);
            for (var i = 0; i < items.Count; i++)
            {
                if (i > 0)
                {
                    builder.AddMarkupContent(4, """<li aria-hidden="true" class="mud-breadcrumb-separator mud-ltr mud-flip-x-rtl"><span>/</span></li>""");
                }

                var item = items[i];
                builder.OpenElement(5, "li");
                builder.AddAttribute(6, "class", item.Disabled ? "mud-breadcrumb-item mud-disabled" : "mud-breadcrumb-item");
                builder.OpenElement(7, "a");
                // MudBreadcrumbs' own markup: a disabled item (the page itself) links nowhere and is the current page.
                builder.AddAttribute(8, "href", item.Disabled ? "#" : item.Href);
                builder.AddAttribute(9, "aria-current", item.Disabled ? "page" : null);
                builder.AddContent(10, item.Text);
                builder.CloseElement();
                builder.CloseElement();
            }

            builder.CloseElement();
            builder.CloseElement();
        };
}
