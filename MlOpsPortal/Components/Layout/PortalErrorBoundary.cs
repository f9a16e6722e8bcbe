using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace MlOpsPortal.Components.Layout;

/// <summary>
/// Shows a friendly message with a correlation id instead of a broken page; the id is logged with the exception
/// so support can find the stack trace the user never sees.
/// </summary>
public sealed partial class PortalErrorBoundary : ErrorBoundaryBase
{
    [Inject]
    private ILogger<PortalErrorBoundary> Logger { get; set; } = default!;

    public string? CorrelationId { get; private set; }

    protected override Task OnErrorAsync(Exception exception)
    {
        CorrelationId = Guid.NewGuid().ToString("N")[..12];
        LogUnhandled(Logger, exception, CorrelationId);
        return Task.CompletedTask;
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
        builder.CloseComponent();
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "Unhandled error in a page, correlation id {CorrelationId}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string correlationId);
}
