using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace MlOpsPortal.Components.Shared;

/// <summary>A MudDataGridPager shown only while the grid has rows: before its server data arrives (and in the prerender) MudDataGridPager reads "0-0 of 0", which says "none" beside "Loading…".</summary>
/// <typeparam name="T">The grid's row type.</typeparam>
public sealed class LoadedDataGridPager<T> : ComponentBase, IDisposable
{
    private bool pagerShown;

    /// <summary>The grid MudDataGrid cascades to its pager.</summary>
    [CascadingParameter]
    public MudDataGrid<T>? DataGrid { get; set; }

    /// <summary>Passed to MudDataGridPager; its own default when not set.</summary>
    [Parameter]
    public int[]? PageSizeOptions { get; set; }

    private bool HasRows => DataGrid?.GetFilteredItemsCount() > 0;

    protected override void OnInitialized()
    {
        // MudDataGrid raises this after each server load and after each of its renders, as it does for its pager.
        if (DataGrid is not null)
        {
            DataGrid.PagerStateHasChangedEvent += OnGridChanged;
        }
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        pagerShown = HasRows;
        if (!pagerShown)
        {
            return;
        }

        builder.OpenComponent<MudDataGridPager<T>>(0);
        if (PageSizeOptions is not null)
        {
            builder.AddComponentParameter(1, nameof(MudDataGridPager<T>.PageSizeOptions), PageSizeOptions);
        }

        builder.CloseComponent();
    }

    private void OnGridChanged()
    {
        if (HasRows != pagerShown)
        {
            StateHasChanged();
        }
    }

    public void Dispose()
    {
        if (DataGrid is not null)
        {
            DataGrid.PagerStateHasChangedEvent -= OnGridChanged;
        }
    }
}
