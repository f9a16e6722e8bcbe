using System.Collections.Concurrent;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// The series of a page with many <see cref="MetricSeriesChart"/>s of one model (its dashboard), read together: the page
/// cascades one of these naming the metrics and the window, and each chart among them takes its series from one read,
/// started by the first chart that asks and shared by the others, rather than reading its own.
/// </summary>
public sealed class ChartSeriesBatch
{
    private readonly ChartQueries queries;
    private readonly HashSet<string> metrics;
    private readonly IReadOnlySet<string> stored;
    private readonly Lock gate = new();
    private Task<ConcurrentDictionary<string, MetricQueryResult>>? shared;

    /// <param name="stored">The metrics the model has series for here, as the page just read them (<see cref="ChartQueries.MetricNamesAsync"/>):
    /// the charts of the others are empty without asking.</param>
    public ChartSeriesBatch(
        ChartQueries queries, string model, string environment, IEnumerable<string> metrics, IReadOnlySet<string> stored, DateTimeOffset from, DateTimeOffset to, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(stored);
        this.queries = queries;
        this.metrics = new HashSet<string>(metrics, StringComparer.Ordinal);
        this.stored = stored;
        (Model, Environment, From, To, MaxPoints) = (model, environment, from, to, maxPoints);
    }

    public string Model { get; }

    public string Environment { get; }

    public DateTimeOffset From { get; }

    public DateTimeOffset To { get; }

    public int MaxPoints { get; }

    /// <summary>Whether this batch reads the series a chart with these parameters would read itself.</summary>
    public bool Covers(string? model, string environment, string metric, DateTimeOffset from, DateTimeOffset to, int maxPoints) =>
        model == Model && environment == Environment && from == From && to == To && maxPoints == MaxPoints && metrics.Contains(metric);

    /// <summary>
    /// One metric's series, from the read of all of them; null when a chart already took it. Each is handed out once, so
    /// the page holding this batch does not hold every series a second time beside its charts.
    /// </summary>
    public async Task<MetricQueryResult?> TakeAsync(string metric)
    {
        Task<ConcurrentDictionary<string, MetricQueryResult>> task;
        lock (gate)
        {
            task = shared ??= ReadAllAsync();
        }

        return (await task).TryRemove(metric, out var result) ? result : null;
    }

    private async Task<ConcurrentDictionary<string, MetricQueryResult>> ReadAllAsync()
    {
        var read = new ConcurrentDictionary<string, MetricQueryResult>(
            await queries.QueryManyAsync(Model, Environment, [.. metrics.Where(stored.Contains)], From, To, MaxPoints), StringComparer.Ordinal);
        foreach (var metric in metrics.Where(m => !stored.Contains(m)))
        {
            read[metric] = new MetricQueryResult("raw", []);
        }

        return read;
    }
}
