using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MlOpsPortal.Components.Shared;

/// <summary>A <see cref="MudTablePager"/> shown only while its MudTable has rows (see <see cref="LoadedPager"/>).</summary>
public sealed class LoadedTablePager : LoadedPager
{
    /// <summary>The table MudTable cascades to its pager.</summary>
    [CascadingParameter]
    public TableContext? Context { get; set; }

    protected override bool HasRows => Context?.Table?.GetFilteredItemsCount() > 0;

    protected override Type PagerType => typeof(MudTablePager);

    protected override void Subscribe(Action changed)
    {
        if (Context is not null)
        {
            Context.PagerStateHasChanged += changed;
        }
    }

    protected override void Unsubscribe(Action changed)
    {
        if (Context is not null)
        {
            Context.PagerStateHasChanged -= changed;
        }
    }
}
