using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Overview;

public sealed partial class HomePage
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);
    private static readonly SystemMeasure[] CpuMeasures = [new("CPU %", s => s.CpuPercent)];
    private static readonly SystemMeasure[] MemoryMeasures = [new("Working set", s => s.WorkingSetMb), new("GC heap", s => s.GcHeapMb)];
    private static readonly SystemMeasure[] RequestMeasures = [new("Requests/min", s => s.RequestsPerMinute)];

    private List<SystemMetricSample>? samples;
    private IDisposable? subscription;
    private string firstName = string.Empty;
    private SystemMetricChart? cpuChart;
    private SystemMetricChart? memoryChart;
    private SystemMetricChart? requestsChart;

    [Inject]
    private SystemMetricsService Metrics { get; set; } = default!;

    [Inject]
    private SystemMetricsFeed Feed { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private sealed record Tile(string Key, string Label, string Value);

    private IEnumerable<Tile> Tiles
    {
        get
        {
            var latest = samples is { Count: > 0 } ? samples[^1] : null;
            string Show(Func<SystemMetricSample, double> value, string unit) =>
                latest is null ? "—" : value(latest).ToString("0.#", CultureInfo.CurrentCulture) + unit;
            yield return new("cpu", "CPU", Show(s => s.CpuPercent, " %"));
            yield return new("working-set", "Working set", Show(s => s.WorkingSetMb, " MB"));
            yield return new("gc-heap", "GC heap", Show(s => s.GcHeapMb, " MB"));
            yield return new("requests", "Requests", Show(s => s.RequestsPerMinute, " /min"));
        }
    }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null)
        {
            firstName = (await AuthenticationState).User.DisplayName().Split(' ')[0];
        }

        samples = [.. await Metrics.RecentAsync(Window)];
        // Only the live circuit listens; the prerender pass ends before any sample could arrive.
        if (RendererInfo.IsInteractive)
        {
            subscription = Feed.Subscribe(sample => InvokeAsync(() => AppendAsync(sample)));
        }
    }

    private async Task AppendAsync(SystemMetricSample sample)
    {
        if (samples is null || samples.Any(s => s.MinuteUtc == sample.MinuteUtc))
        {
            return;
        }

        samples.Add(sample);
        foreach (var chart in new[] { cpuChart, memoryChart, requestsChart })
        {
            if (chart is not null)
            {
                await chart.AppendAsync(sample);
            }
        }

        StateHasChanged();
    }

    public void Dispose() => subscription?.Dispose();
}
