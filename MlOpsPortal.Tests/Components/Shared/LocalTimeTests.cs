using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Components.Shared;

namespace MlOpsPortal.Tests.Components.Shared;

/// <summary>A timestamp in a narrow column wraps after its date, never before its zone.</summary>
public sealed class LocalTimeTests : IAsyncDisposable
{
    private static readonly DateTime Instant = new(2026, 6, 9, 10, 47, 37, DateTimeKind.Utc);

    private readonly BunitContext bunit = new();

    public LocalTimeTests()
    {
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.Services.AddScoped<BrowserTimeZone>();
    }

    public ValueTask DisposeAsync() => bunit.DisposeAsync();

    [Fact]
    public void Time_and_zone_stay_together_and_the_text_is_unchanged()
    {
        var time = bunit.Render<LocalTime>(p => p.Add(t => t.Utc, Instant)).Find("time");

        Assert.Equal("2026-06-09 10:47:37 UTC", time.TextContent);
        Assert.Equal("10:47:37 UTC", time.QuerySelector("span[style*='nowrap']")!.TextContent);
        Assert.Equal("2026-06-09T10:47:37.0000000Z", time.GetAttribute("datetime"));
    }

    [Fact]
    public void A_date_with_its_zone_alone_does_not_wrap_at_all()
    {
        var time = bunit.Render<LocalTime>(p => p.Add(t => t.Utc, Instant).Add(t => t.Format, "yyyy-MM-dd")).Find("time");

        Assert.Equal("2026-06-09 UTC", time.QuerySelector("span[style*='nowrap']")!.TextContent);
        Assert.Equal("2026-06-09 UTC", time.TextContent);
    }
}
