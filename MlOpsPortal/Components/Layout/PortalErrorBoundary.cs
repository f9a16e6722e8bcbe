using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MlOpsPortal.Components.Shared;

namespace MlOpsPortal.Components.Layout;

/// <summary>
/// Shows a friendly message with a correlation id instead of a broken page; the id is logged with the exception
/// so support can find the stack trace the user never sees.
/// </summary>
public sealed partial class PortalErrorBoundary : ErrorBoundaryBase
{
    [Inject]
    private ILogger<PortalErrorBoundary> Logger { get; set; } = default!;

    private readonly ErrorNotice.Presence notices = new();

    public string? CorrelationId { get; private set; }

    protected override Task OnErrorAsync(Exception exception)
    {
        // One reference per incident: several components of a page failing together are logged under the id the user sees.
        CorrelationId ??= Guid.NewGuid().ToString("N")[..12];
        LogUnhandled(Logger, exception, CorrelationId);
        return Task.CompletedTask;
    }

    // For every error the renderer queues an empty render of this boundary (to dispose the failed children) and then
    // lets the base class call StateHasChanged. That call does nothing while an earlier render of ours is still queued,
    // which is what happens when several children fail while the circuit waits for the browser to acknowledge batches:
    // the queue ends [notice, empty, empty] and the page area stays blank (dotnet/aspnetcore#39814). After each batch,
    // if we are in error and no notice survived it, render again; the notice is then the last word whatever the order.
    protected override void OnAfterRender(bool firstRender)
    {
        if (CurrentException is not null && notices.Shown == 0)
        {
            StateHasChanged();
        }
    }

    public void Reset()
    {
        CorrelationId = null;
        Recover();
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }

        builder.OpenComponent<ErrorNotice>(1);
        builder.AddComponentParameter(2, nameof(ErrorNotice.CorrelationId), CorrelationId);
        builder.AddComponentParameter(3, nameof(ErrorNotice.OnRetry), EventCallback.Factory.Create(this, Reset));
        builder.AddComponentParameter(4, nameof(ErrorNotice.Notices), notices);
        builder.CloseComponent();
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Unhandled error in a page, correlation id {CorrelationId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string correlationId);
}
