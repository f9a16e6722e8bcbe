using Microsoft.AspNetCore.Components;

namespace MlOpsPortal.Features.Monitoring;

public sealed partial class SystemDashboardPage : IDisposable
{
    private static readonly TimeSpan SampleWindow = TimeSpan.FromHours(1);
    private static readonly string[] StoredMetrics = [MetricNames.SystemCpu, MetricNames.SystemMemory, MetricNames.SystemNetwork, MetricNames.AppLoadTime];
    private static readonly SystemMeasure[] CpuMeasures = [new("CPU %", s => s.CpuPercent)];
    private static readonly SystemMeasure[] MemoryMeasures = [new("Working set", s => s.WorkingSetMb), new("GC heap", s => s.GcHeapMb)];
    private static readonly SystemMeasure[] RequestMeasures = [new("Requests/min", s => s.RequestsPerMinute)];

    private List<LatestPoint>? stored;
    private List<string> missing = [];
    private List<SystemMetricSample>? samples;
    private bool storedCpuAndMemory;
    private DashboardRange range = DashboardRange.Parse(null, null, null, DateTimeOffset.UnixEpoch);
    private string selection = string.Empty;
    private IDisposable? subscription;
    private SystemMetricChart? cpuChart;
    private SystemMetricChart? memoryChart;
    private SystemMetricChart? requestsChart;

    [SupplyParameterFromQuery(Name = "range")]
    public string? RangeKey { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromText { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToText { get; set; }

    [Inject]
    private MetricsQueries Queries { get; set; } = default!;

    [Inject]
    private SystemMetricsService Samples { get; set; } = default!;

    [Inject]
    private SystemMetricsFeed SampleFeed { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        range = DashboardRange.Parse(RangeKey, FromText, ToText, Clock.GetUtcNow());
        selection = range.Live ? range.Key : $"{range.From:O}|{range.To:O}";
        if (stored is not null)
        {
            return;
        }

        // Where the portal's own series live once they are pushed to the store; production first when several exist.
        var environments = await Queries.EnvironmentsAsync();
        stored = [.. (await Queries.LatestPortalAsync(StoredMetrics))
            .GroupBy(p => p.Metric)
            .Select(g => g.OrderBy(p => environments.ToList().FindIndex(e => e.Key == p.Environment)).First())
            .OrderBy(p => Array.IndexOf(StoredMetrics, p.Metric))];
        storedCpuAndMemory = stored.Any(p => p.Metric == MetricNames.SystemCpu) && stored.Any(p => p.Metric == MetricNames.SystemMemory);
        missing = [.. new[] { MetricNames.SystemNetwork, MetricNames.AppLoadTime }.Where(m => stored.All(p => p.Metric != m))];
        if (!storedCpuAndMemory)
        {
            samples = [.. await Samples.RecentAsync(SampleWindow)];
            if (RendererInfo.IsInteractive)
            {
                subscription = SampleFeed.Subscribe(sample => InvokeAsync(() => AppendAsync(sample)));
            }
        }
    }

    private async Task AppendAsync(SystemMetricSample sample)
    {
        if (samples is null || samples.Any(s => s.MinuteUtc == sample.MinuteUtc))
        {
            return;
        }

        var wasEmpty = samples.Count == 0;
        samples.Add(sample);
        foreach (var chart in new[] { cpuChart, memoryChart, requestsChart })
        {
            if (chart is not null)
            {
                await chart.AppendAsync(sample);
            }
        }

        if (wasEmpty)
        {
            StateHasChanged();
        }
    }

    public void Dispose() => subscription?.Dispose();
}
