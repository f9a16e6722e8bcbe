using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace MlOpsPortal.Components.Shared;

/// <summary>A MudTablePager shown only while the table has rows: before its server data arrives (and in the prerender) MudTablePager reads "0-0 of 0", which says "none" beside "Loading…".</summary>
public sealed class LoadedTablePager : ComponentBase, IDisposable
{
    private bool pagerShown;

    /// <summary>The table MudTable cascades to its pager.</summary>
    [CascadingParameter]
    public TableContext? Context { get; set; }

    /// <summary>Passed to MudTablePager; its own default when not set.</summary>
    [Parameter]
    public int[]? PageSizeOptions { get; set; }

    private bool HasRows => Context?.Table?.GetFilteredItemsCount() > 0;

    protected override void OnInitialized()
    {
        // MudTable calls this after each server load and after each of its renders, as it does for its pager.
        if (Context is not null)
        {
            Context.PagerStateHasChanged += OnTableChanged;
        }
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        pagerShown = HasRows;
        if (!pagerShown)
        {
            return;
        }

        builder.OpenComponent<MudTablePager>(0);
        if (PageSizeOptions is not null)
        {
            builder.AddComponentParameter(1, nameof(MudTablePager.PageSizeOptions), PageSizeOptions);
        }

        builder.CloseComponent();
    }

    private void OnTableChanged()
    {
        if (HasRows != pagerShown)
        {
            StateHasChanged();
        }
    }

    public void Dispose()
    {
        if (Context is not null)
        {
            Context.PagerStateHasChanged -= OnTableChanged;
        }
    }
}
