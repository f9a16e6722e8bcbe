using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlOpsPortal.Components.Layout;
using MlOpsPortal.Tests.Support;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Components.Layout;

public sealed class PortalErrorBoundaryTests : BunitContext
{
    private readonly RecordingLoggerProvider logs = new();

    public PortalErrorBoundaryTests()
    {
        Services.AddMudServices();
        Services.AddLogging(builder => builder.AddProvider(logs));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void A_failing_page_shows_a_friendly_message_whose_reference_is_logged_with_the_exception()
    {
        var boundary = Render<PortalErrorBoundary>(p => p.AddChildContent<FailingWidget>(w => w.Add(x => x.Failures, new FailureBudget(int.MaxValue))));

        var reference = boundary.Find("[data-testid='correlation-id']").TextContent;
        Assert.Matches("^[0-9a-f]{12}$", reference);
        Assert.DoesNotContain("InvalidOperationException", boundary.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("widget exploded", boundary.Markup, StringComparison.Ordinal);
        var logged = Assert.Single(logs.Entries, e => e.Level == LogLevel.Error && e.Message.Contains(reference, StringComparison.Ordinal));
        Assert.Equal("widget exploded", logged.Exception?.Message);
    }

    [Fact]
    public void Try_again_renders_the_content_once_more()
    {
        var boundary = Render<PortalErrorBoundary>(p => p.AddChildContent<FailingWidget>(w => w.Add(x => x.Failures, new FailureBudget(1))));
        Assert.NotEmpty(boundary.FindAll("[data-testid='error-notice']"));

        boundary.Find("[data-testid='error-notice'] button").Click();

        Assert.Empty(boundary.FindAll("[data-testid='error-notice']"));
        Assert.Contains("widget works", boundary.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_children_failing_after_an_await_still_show_one_notice()
    {
        var boundary = Render<PortalErrorBoundary>(p => p.AddChildContent(builder =>
        {
            builder.OpenComponent<AsyncFailingWidget>(0);
            builder.CloseComponent();
            builder.OpenComponent<AsyncFailingWidget>(1);
            builder.CloseComponent();
            builder.OpenComponent<AsyncFailingWidget>(2);
            builder.CloseComponent();
        }));

        boundary.WaitForAssertion(() => Assert.Single(boundary.FindAll("[data-testid='error-notice']")));
    }

    private sealed class AsyncFailingWidget : ComponentBase
    {
        protected override async Task OnParametersSetAsync()
        {
            await Task.Yield();
            throw new InvalidOperationException("query failed");
        }
    }

    private sealed class FailingWidget : ComponentBase
    {
        [Parameter]
        public FailureBudget Failures { get; set; } = new(0);

        protected override void OnInitialized()
        {
            if (Failures.Remaining-- > 0)
            {
                throw new InvalidOperationException("widget exploded");
            }
        }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder) =>
            builder.AddContent(0, "widget works");
    }

    private sealed class FailureBudget(int remaining)
    {
        public int Remaining { get; set; } = remaining;
    }
}
