using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace MlOpsPortal.Components.Shared;

/// <summary>
/// A MudBlazor pager shown only while its list has rows: before a server-paged list's first rows arrive (and in the
/// prerender) MudBlazor's pager reads "0-0 of 0", which says "none" beside "Loading…".
/// </summary>
public abstract class LoadedPager : ComponentBase, IDisposable
{
    private bool pagerShown;

    /// <summary>Passed to MudBlazor's pager; its own default when not set.</summary>
    [Parameter]
    public int[]? PageSizeOptions { get; set; }

    /// <summary>Whether the list has rows now.</summary>
    protected abstract bool HasRows { get; }

    /// <summary>MudBlazor's pager for this kind of list; it takes <see cref="PageSizeOptions"/>.</summary>
    protected abstract Type PagerType { get; }

    /// <summary>Hears the signal the list gives its own pager after each server load and each of its renders.</summary>
    protected abstract void Subscribe(Action changed);

    /// <summary>Stops hearing it, once the pager goes.</summary>
    protected abstract void Unsubscribe(Action changed);

    protected override void OnInitialized() => Subscribe(OnListChanged);

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        pagerShown = HasRows;
        if (!pagerShown)
        {
            return;
        }

        builder.OpenComponent(0, PagerType);
        if (PageSizeOptions is not null)
        {
            builder.AddComponentParameter(1, nameof(PageSizeOptions), PageSizeOptions);
        }

        builder.CloseComponent();
    }

    private void OnListChanged()
    {
        if (HasRows != pagerShown)
        {
            StateHasChanged();
        }
    }

    public void Dispose()
    {
        Unsubscribe(OnListChanged);
        GC.SuppressFinalize(this);
    }
}
