using Microsoft.AspNetCore.Components;

namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// A component that re-renders once a second from the injected clock, so SLA countdowns move without asking the
/// database again. The timer starts once the circuit is interactive (not while prerendering) and stops with the component.
/// </summary>
public abstract class TickingComponent : ComponentBase, IDisposable
{
    private ITimer? timer;

    [Inject]
    protected TimeProvider Clock { get; set; } = default!;

    protected DateTime NowUtc => Clock.GetUtcNow().UtcDateTime;

    /// <summary>False when nothing shown can change by itself (a met or cancelled target): no timer then.</summary>
    protected virtual bool Ticks => true;

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender && Ticks)
        {
            timer = Clock.CreateTimer(_ => _ = InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    public void Dispose()
    {
        timer?.Dispose();
        timer = null;
        GC.SuppressFinalize(this);
    }
}
