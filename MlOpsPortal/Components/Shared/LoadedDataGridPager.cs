using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MlOpsPortal.Components.Shared;

/// <summary>A <see cref="MudDataGridPager{T}"/> shown only while its MudDataGrid has rows (see <see cref="LoadedPager"/>).</summary>
/// <typeparam name="T">The grid's row type.</typeparam>
public sealed class LoadedDataGridPager<T> : LoadedPager
{
    /// <summary>The grid MudDataGrid cascades to its pager.</summary>
    [CascadingParameter]
    public MudDataGrid<T>? DataGrid { get; set; }

    protected override bool HasRows => DataGrid?.GetFilteredItemsCount() > 0;

    protected override Type PagerType => typeof(MudDataGridPager<T>);

    protected override void Subscribe(Action changed)
    {
        if (DataGrid is not null)
        {
            DataGrid.PagerStateHasChangedEvent += changed;
        }
    }

    protected override void Unsubscribe(Action changed)
    {
        if (DataGrid is not null)
        {
            DataGrid.PagerStateHasChangedEvent -= changed;
        }
    }
}
