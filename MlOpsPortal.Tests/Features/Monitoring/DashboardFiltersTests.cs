using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Monitoring;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Features.Monitoring;

/// <summary>A custom window is entered and read in the viewer's time zone and travels in the query string as UTC.</summary>
public sealed class DashboardFiltersTests : IAsyncDisposable
{
    private const string Zone = "America/New_York"; // UTC-5 in November, UTC-4 in summer
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 20, 0, 0, TimeSpan.Zero);
    private readonly BunitContext bunit = new();

    public DashboardFiltersTests()
    {
        bunit.Services.AddMudServices();
        bunit.Services.AddScoped<BrowserTimeZone>();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.JSInterop.SetupModule("./Components/Shared/LocalTime.razor.js").Setup<string?>("timeZone").SetResult(Zone);
    }

    [Fact]
    public void The_custom_window_is_shown_in_local_time_and_what_is_entered_goes_to_the_query_in_utc()
    {
        var range = DashboardRange.Parse(DashboardRange.Custom, "2026-11-26T14:00", "2026-11-26T18:00", Now);
        var navigation = bunit.Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("/models/churn/monitoring?range=custom&from=2026-11-26T14%3A00&to=2026-11-26T18%3A00");

        var filters = bunit.Render<DashboardFilters>(p => p.Add(f => f.Range, range));

        filters.WaitForAssertion(() => Assert.Equal("2026-11-26T09:00", filters.Find("input[data-testid='range-from']").GetAttribute("value")));
        Assert.Equal("2026-11-26T13:00", filters.Find("input[data-testid='range-to']").GetAttribute("value"));
        Assert.Contains($"From ({Zone})", filters.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("UTC", filters.Markup, StringComparison.Ordinal);

        foreach (var (input, value) in new[] { ("range-from", "2026-11-26T08:30"), ("range-to", "2026-11-26T10:15") })
        {
            filters.Find($"input[data-testid='{input}']").Input(value);
            filters.Find($"input[data-testid='{input}']").Blur();
        }

        filters.WaitForAssertion(() => Assert.Equal("2026-11-26T08:30", filters.Find("input[data-testid='range-from']").GetAttribute("value")));
        filters.Find("[data-testid='range-apply']").Click();

        var query = QueryHelpers.ParseQuery(new Uri(navigation.Uri).Query);
        Assert.Equal("2026-11-26T13:30", query["from"].ToString());
        Assert.Equal("2026-11-26T15:15", query["to"].ToString());
        var applied = DashboardRange.Parse(query["range"], query["from"], query["to"], Now);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 13, 30, 0, TimeSpan.Zero), applied.From);
        Assert.Equal("2026-11-26 08:30 to 2026-11-26 10:15 (America/New_York)", applied.Describe(TimeZoneInfo.FindSystemTimeZoneById(Zone)));
    }

    [Fact]
    public void Before_the_browser_has_told_its_zone_the_window_reads_in_utc()
    {
        var range = DashboardRange.Parse(DashboardRange.Custom, "2026-11-26T14:00", "2026-11-26T18:00", Now);

        Assert.Equal("2026-11-26 14:00 to 2026-11-26 18:00 UTC", range.Describe(null));
        Assert.Equal("2026-11-26T14:00", DashboardRange.FormatLocalInput(range.From, null));
        Assert.Equal("UTC", DashboardRange.ZoneLabel(null));
    }

    [Theory]
    [InlineData("2026-07-01T09:00", "2026-07-01T13:00")] // summer time, UTC-4
    [InlineData("2026-03-08T02:30", "2026-03-08T07:30")] // skipped by the clock change: read with the standard offset
    [InlineData("2026-11-01T01:30", "2026-11-01T06:30")] // happens twice: the standard-time one
    [InlineData("2026-11-26T08:30:00", "2026-11-26T13:30")] // as a browser may send it, with seconds
    [InlineData("not a date", "not a date")] // left for the range to report
    public void Local_input_becomes_the_utc_query_value(string local, string utc) =>
        Assert.Equal(utc, DashboardRange.LocalInputToQuery(local, TimeZoneInfo.FindSystemTimeZoneById(Zone)));

    public ValueTask DisposeAsync() => bunit.DisposeAsync();
}
