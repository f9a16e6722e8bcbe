using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MlOpsPortal.Features.Monitoring;

namespace MlOpsPortal.Features.Overview;

public sealed partial class HomePortalHealth
{
    private static readonly string[] CpuMetrics = [MetricNames.SystemCpu];
    private static readonly string[] MemoryMetrics = [MetricNames.SystemMemory, MetricNames.SystemGcHeap];
    private static readonly string[] RequestMetrics = [MetricNames.AppRequestsPerMinute];
    private static readonly string[] TileMetrics = [MetricNames.SystemCpu, MetricNames.SystemMemory, MetricNames.SystemGcHeap, MetricNames.AppRequestsPerMinute];

    private IReadOnlyList<LatestPoint> latest = [];
    private string environment = string.Empty;
    private DateTimeOffset from;
    private DateTimeOffset to;

    [Inject]
    private LatestPointQueries Queries { get; set; } = default!;

    [Inject]
    private IOptions<MonitoringOptions> Settings { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private sealed record Tile(string Key, string Label, string Value);

    private IEnumerable<Tile> Tiles
    {
        get
        {
            string Show(string metric, string unit) =>
                latest.FirstOrDefault(p => p.Metric == metric) is { } point ? point.V.ToString("0.#", CultureInfo.CurrentCulture) + unit : "—";
            yield return new("cpu", "CPU", Show(MetricNames.SystemCpu, " %"));
            yield return new("working-set", "Working set", Show(MetricNames.SystemMemory, " MB"));
            yield return new("gc-heap", "GC heap", Show(MetricNames.SystemGcHeap, " MB"));
            yield return new("requests", "Requests", Show(MetricNames.AppRequestsPerMinute, " /min"));
        }
    }

    protected override async Task OnInitializedAsync()
    {
        environment = Settings.Value.PortalEnvironment;
        to = Clock.GetUtcNow();
        from = to.AddHours(-1);
        latest = [.. (await Queries.LatestPortalAsync(TileMetrics)).Where(p => p.Environment == environment)];
    }
}
