using Microsoft.AspNetCore.Components;
using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Features.Monitoring;

public sealed partial class SystemDashboardPage
{
    private static readonly string[] StoredMetrics =
    [
        MetricNames.SystemCpu, MetricNames.SystemMemory, MetricNames.SystemGcHeap, MetricNames.AppRequestsPerMinute,
        MetricNames.SystemNetwork, MetricNames.AppLoadTime,
    ];

    private List<LatestPoint>? stored;
    private List<string> missing = [];
    private DashboardRange range = DashboardRange.Parse(null, null, null, DateTimeOffset.UnixEpoch);
    private string selection = string.Empty;

    [SupplyParameterFromQuery(Name = "range")]
    public string? RangeKey { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromText { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToText { get; set; }

    [Inject]
    private MlOpsPortal.Components.Shared.BrowserTimeZone TimeZone { get; set; } = default!;

    // A custom window reads in the viewer's time zone once the browser has told it (UTC while prerendering).
    private string RangeText => range.Describe(TimeZone.Known);

    [Inject]
    private LatestPointQueries Queries { get; set; } = default!;

    [Inject]
    private RegistryKeys Keys { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && TimeZone.Known is null)
        {
            await TimeZone.TryGetAsync();
            if (range.Key == DashboardRange.Custom)
            {
                StateHasChanged();
            }
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        range = DashboardRange.Parse(RangeKey, FromText, ToText, Clock.GetUtcNow());
        selection = range.Live ? range.Key : $"{range.From:O}|{range.To:O}";
        if (stored is not null)
        {
            return;
        }

        // The portal's own series; production first when several environments hold them.
        var environments = await Keys.EnvironmentsAsync();
        stored = [.. (await Queries.LatestPortalAsync(StoredMetrics))
            .GroupBy(p => p.Metric)
            .Select(g => g.OrderBy(p => environments.ToList().FindIndex(e => e.Key == p.Environment)).First())
            .OrderBy(p => Array.IndexOf(StoredMetrics, p.Metric))];
        missing = [.. new[] { MetricNames.SystemNetwork, MetricNames.AppLoadTime }.Where(m => stored.All(p => p.Metric != m))];
    }
}
