using Microsoft.AspNetCore.Components;
using MlOpsPortal.Features.Models;
using MudBlazor;

namespace MlOpsPortal.Features.Monitoring;

public sealed partial class ModelDashboardPage
{
    public const string DefaultEnvironment = "production";

    private static readonly Panel[] ServicePanels =
    [
        new("Prediction volume", [MetricNames.Predictions], "predictions", "chart-predictions"),
        new("Latency", [MetricNames.LatencyP50, MetricNames.LatencyP95], "ms", "chart-latency"),
        new("Error rate", [MetricNames.ErrorRate], "share of requests", "chart-errors"),
    ];

    private static readonly Panel[] DataPanels =
    [
        new("Data load duration", [MetricNames.DataLoadDuration], "seconds", "chart-load-duration"),
        new("Row count", [MetricNames.DataRowCount], "rows", "chart-row-count"),
        new("Completeness", [MetricNames.DataCompleteness], null, "chart-completeness"),
    ];

    private ModelSummary? model;
    private VersionDetails? latestVersion;
    private IReadOnlyList<EnvironmentRef> environments = [];
    private List<string> performance = [];
    private List<BreadcrumbItem> breadcrumbs = [];
    private DashboardRange range = DashboardRange.Parse(null, null, null, DateTimeOffset.UnixEpoch);
    private string environment = DefaultEnvironment;
    private string selection = string.Empty;
    private ChartSeriesBatch? charts;
    private bool loading = true;

    [Parameter]
    public string Key { get; set; } = string.Empty;

    [SupplyParameterFromQuery(Name = "env")]
    public string? Env { get; set; }

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
    private ModelsService Models { get; set; } = default!;

    [Inject]
    private ChartQueries Queries { get; set; } = default!;

    [Inject]
    private RegistryKeys Keys { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    private sealed record Panel(string Title, IReadOnlyList<string> Metrics, string? Unit, string TestId);

    private string EnvironmentName => environments.FirstOrDefault(e => e.Key == environment)?.DisplayName ?? environment;

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
        environments = environments.Count > 0 ? environments : await Keys.EnvironmentsAsync();
        environment = environments.Any(e => e.Key == Env) ? Env! : DefaultEnvironment;
        range = DashboardRange.Parse(RangeKey, FromText, ToText, Clock.GetUtcNow());
        // Charts are keyed by the selection, not by the computed times: a live range is the same view a second later.
        var next = $"{Key}|{environment}|{range.Key}|{range.From:O}|{(range.Live ? "live" : range.To.ToString("O"))}";
        if (next == selection && model is not null)
        {
            return;
        }

        var details = await Models.GetModelAsync(Key);
        model = details?.Model;
        latestVersion = details is { Versions.Count: > 0 } ? details.Versions[0] : null;
        breadcrumbs = [new("Models", RegistryLinks.Models), new(Key, RegistryLinks.Model(Key)), new("Monitoring", null, disabled: true)];
        if (model is not null)
        {
            var names = await Queries.MetricNamesAsync(Key, environment);
            performance = [.. MetricDisplay.Performance.Where(names.Contains)];
            // Every chart's series in one read rather than one (or two) per chart.
            charts = new ChartSeriesBatch(Queries, Key, environment, [.. performance, .. ServicePanels.Concat(DataPanels).SelectMany(p => p.Metrics)], names,
                range.From, range.To, MetricSeriesChart.DefaultMaxPoints);
        }

        selection = range.Live ? $"{Key}|{environment}|{range.Key}" : next;
        loading = false;
    }

    private IReadOnlyList<ChartBaseline> BaselinesFor(string metric)
    {
        if (latestVersion is null)
        {
            return [];
        }

        return MetricDisplay.Baseline(latestVersion, metric) is { } baseline
            ? [new ChartBaseline(baseline, $"baseline (v{latestVersion.Version})")]
            : [];
    }

    private static string ChartId(string metric) => "chart-" + metric.Replace('.', '-').Replace('_', '-');
}
