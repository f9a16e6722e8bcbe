using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Hosting;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// Development only: realistic metric streams for the demo models, so a newcomer's dashboards move. Every value is
/// a pure function of (model, environment, metric, time) — noise included, from a Random seeded by those — so a
/// restart continues the same curves and the 24-hour backfill matches what live ticks would have written.
/// Points go through <see cref="MetricsWriter"/> like any ingested batch: same rollups, same live feed. Supervised:
/// a failed write (a busy database at start-up) starts it again after a back-off instead of ending the demo streams.
/// </summary>
public sealed partial class MetricsSimulator(
    MetricsWriter writer,
    SeriesKeys keys,
    SimulatedHistory history,
    SimulatedMetricsReady ready,
    IDbContextFactory<PortalDbContext> dbFactory,
    TimeProvider clock,
    BackgroundServiceHealth health,
    ILogger<MetricsSimulator> logger) : SupervisedBackgroundService(health, clock, logger)
{
    public const string ClientId = "simulator";

    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan BackfillSpan = TimeSpan.FromHours(24);

    /// <summary>Between two series of the demo's history: the start-up writes of people and pipelines come first.</summary>
    private static readonly TimeSpan HistoryPause = TimeSpan.FromMilliseconds(200);

    /// <summary>The churn model loses accuracy day after day until it is retrained, every this many days.</summary>
    public const int RetrainingCycleDays = 28;
    public const double DriftPerDay = 0.004;

    /// <summary>The fraud detector's latency jumps for 10 minutes every 6 hours (a nightly-style batch colliding with serving).</summary>
    public static readonly TimeSpan SpikeEvery = TimeSpan.FromHours(6);
    public static readonly TimeSpan SpikeLasts = TimeSpan.FromMinutes(10);
    public const double SpikeFactor = 4;

    public const double AccuracySeasonality = 0.02;

    public static IReadOnlyList<string> Metrics { get; } =
    [
        MetricNames.Accuracy, MetricNames.Auc, MetricNames.F1, MetricNames.Predictions, MetricNames.LatencyP50,
        MetricNames.LatencyP95, MetricNames.ErrorRate, MetricNames.DataLoadDuration, MetricNames.DataRowCount,
        MetricNames.DataCompleteness,
    ];

    /// <summary>The demo registry's models, each with its own level: a fraud model is fast and busy, a forecast slow and rare.</summary>
    public static IReadOnlyList<StreamProfile> Profiles { get; } =
    [
        new("churn-model", 0.88, 0.91, 0.74, 40, 35, 1_200_000),
        new("credit-default", 0.83, 0.87, 0.66, 25, 60, 400_000),
        new("fraud-detector", 0.96, 0.97, 0.81, 400, 12, 9_000_000),
        new("claims-triage", 0.79, 0.84, 0.62, 8, 90, 150_000),
        new("next-best-offer", 0.71, 0.76, 0.55, 150, 45, 3_000_000),
        new("demand-forecast", 0.86, 0.89, 0.70, 3, 400, 2_500_000),
        new("ticket-router", 0.82, 0.88, 0.79, 20, 110, 80_000),
        new("turbine-failure", 0.93, 0.95, 0.68, 60, 25, 5_000_000),
        new("web-conversion", 0.74, 0.80, 0.58, 220, 30, 6_000_000),
    ];

    /// <summary>A few models also run in staging, at a fraction of production's traffic.</summary>
    public static IReadOnlyList<string> StagingModels { get; } = ["churn-model", "credit-default", "fraud-detector"];

    private const double StagingTraffic = 0.05;

    public static double Sample(string model, string environment, string metric, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var profile = Profiles.SingleOrDefault(p => p.Model == model) ?? throw new ArgumentException($"'{model}' is not a simulated model.", nameof(model));
        var ms = at.ToUnixTimeMilliseconds();
        var noise = new Noise(model, environment, metric, ms);
        // Daily seasonality: traffic peaks mid-afternoon UTC; accuracy dips a little under peak load.
        var dayAngle = 2 * Math.PI * (at.UtcDateTime.TimeOfDay.TotalHours - 9) / 24;
        var load = Math.Sin(dayAngle);
        var traffic = environment == "staging" ? StagingTraffic : 1;
        var spike = model == "fraud-detector" && ms % (long)SpikeEvery.TotalMilliseconds < (long)SpikeLasts.TotalMilliseconds;
        var quality = (-AccuracySeasonality * load) - Drift(model, at);
        return metric switch
        {
            MetricNames.Accuracy => Math.Clamp(profile.Accuracy + quality + noise.Gaussian(0.004), 0, 1),
            MetricNames.Auc => Math.Clamp(profile.Auc + (0.8 * quality) + noise.Gaussian(0.003), 0, 1),
            MetricNames.F1 => Math.Clamp(profile.F1 + (1.2 * quality) + noise.Gaussian(0.006), 0, 1),
            MetricNames.Predictions => Math.Round(Math.Max(0, profile.PredictionsPer10s * traffic * (1 + (0.6 * load)) * (1 + noise.Gaussian(0.08)))),
            MetricNames.LatencyP50 => Latency(profile.LatencyMs, load, spike, noise),
            MetricNames.LatencyP95 => 2.4 * Latency(profile.LatencyMs, load, spike, noise) * (1 + Math.Abs(noise.Gaussian(0.1))),
            MetricNames.ErrorRate => Math.Max(0, 0.002 + (0.0015 * load) + (spike ? 0.02 : 0) + noise.Gaussian(0.0008)),
            MetricNames.DataLoadDuration => Math.Max(1, (profile.RowsPerLoad / 10_000.0 * (1 + (0.25 * load))) + noise.Gaussian(3)),
            MetricNames.DataRowCount => Math.Round(profile.RowsPerLoad * traffic * (1 + (0.1 * load)) * (1 + noise.Gaussian(0.02))),
            MetricNames.DataCompleteness => Math.Clamp(0.996 + noise.Gaussian(0.002), 0.9, 1),
            _ => throw new ArgumentException($"'{metric}' is not a simulated metric.", nameof(metric)),
        };
    }

    /// <summary>How far the churn model has drifted: grows each day since its last retraining, then starts again.</summary>
    public static double Drift(string model, DateTimeOffset at) =>
        model == "churn-model" ? DriftPerDay * (at.ToUnixTimeMilliseconds() / 86_400_000.0 % RetrainingCycleDays) : 0;

    /// <summary>
    /// Writes the last 24 hours at one point a minute for every stream that has none in that window yet, and the
    /// <see cref="SimulatedHistory.Days"/> days before as hourly and daily rollups. Returns the raw points written.
    /// </summary>
    public async Task<int> BackfillAsync(CancellationToken cancellationToken) => await BackfillAsync(TimeSpan.Zero, cancellationToken);

    /// <summary>Backfills as <see cref="BackfillAsync(CancellationToken)"/>, pausing between the history's series.</summary>
    private async Task<int> BackfillAsync(TimeSpan historyPause, CancellationToken cancellationToken)
    {
        var now = Clock.GetUtcNow();
        var end = Floor(now, TimeSpan.FromMinutes(1));
        var start = end - BackfillSpan;
        var written = 0;
        foreach (var stream in await StreamsAsync(cancellationToken))
        {
            if (await HasPointsAsync(stream, start, now, cancellationToken))
            {
                continue;
            }

            // Six hours per batch: a few thousand points, well inside one group commit.
            for (var from = start; from < end; from += TimeSpan.FromHours(6))
            {
                var points = new List<PendingPoint>();
                for (var at = from; at < from + TimeSpan.FromHours(6) && at < end; at += TimeSpan.FromMinutes(1))
                {
                    points.AddRange(PointsAt(stream, at));
                }

                written += (await writer.WriteAsync(Batch(stream, points), cancellationToken)).Accepted;
            }

            await history.WriteAsync(stream.ModelId, stream.ModelKey, stream.EnvironmentId, stream.EnvironmentKey, start, historyPause, cancellationToken);
        }

        return written;
    }

    /// <summary>One point per metric for every stream, at the current 10-second slot.</summary>
    public async Task<int> TickAsync(CancellationToken cancellationToken)
    {
        var at = Floor(Clock.GetUtcNow(), Interval);
        var written = 0;
        foreach (var stream in await StreamsAsync(cancellationToken))
        {
            written += (await writer.WriteAsync(Batch(stream, [.. PointsAt(stream, at)]), cancellationToken)).Accepted;
        }

        return written;
    }

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        var backfilled = await BackfillAsync(HistoryPause, stoppingToken);
        ready.MarkWritten();
        LogStarted(Logger, backfilled);
        ReportRecovered();
        using var timer = new PeriodicTimer(Interval, Clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            await TickAsync(stoppingToken);
        }
    }

    private static IEnumerable<PendingPoint> PointsAt(SimulatedStream stream, DateTimeOffset at) =>
        Metrics.Select(metric => new PendingPoint(metric, at.ToUnixTimeMilliseconds(), Sample(stream.ModelKey, stream.EnvironmentKey, metric, at)));

    private static PendingBatch Batch(SimulatedStream stream, IReadOnlyList<PendingPoint> points) =>
        new(ClientId, null, stream.ModelId, stream.ModelKey, stream.EnvironmentId, stream.EnvironmentKey, points);

    private static DateTimeOffset Floor(DateTimeOffset at, TimeSpan step) =>
        new(at.UtcTicks - (at.UtcTicks % step.Ticks), TimeSpan.Zero);

    /// <summary>The demo models that exist (an empty registry simulates nothing) in production, and a few in staging.</summary>
    private async Task<List<SimulatedStream>> StreamsAsync(CancellationToken cancellationToken)
    {
        var streams = new List<SimulatedStream>();
        foreach (var profile in Profiles)
        {
            string[] environments = StagingModels.Contains(profile.Model) ? ["production", "staging"] : ["production"];
            foreach (var environment in environments)
            {
                // Known models' ids are remembered: a tick asks the registry at most once a minute per model.
                if (await keys.OwnerAsync(profile.Model, environment, cancellationToken) is { ModelId: { } modelId } owner)
                {
                    streams.Add(new SimulatedStream(modelId, profile.Model, owner.EnvironmentId, environment));
                }
            }
        }

        return streams;
    }

    private async Task<bool> HasPointsAsync(SimulatedStream stream, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (fromMs, toMs) = (from.ToUnixTimeMilliseconds(), to.ToUnixTimeMilliseconds());
        // Only the simulated metrics count: other writers (quality reports' verdicts) may have a point here already.
        return await db.MetricSeries.Where(s => s.ModelId == stream.ModelId && s.EnvironmentId == stream.EnvironmentId && Metrics.Contains(s.MetricName))
            .Join(db.MetricPoints, s => s.Id, p => p.SeriesId, (s, p) => p)
            .AnyAsync(p => p.TimestampMs >= fromMs && p.TimestampMs <= toMs, cancellationToken);
    }

    [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Metrics simulator started; backfilled {Points} points for the last 24 hours")]
    private static partial void LogStarted(ILogger logger, int points);

    private static double Latency(double baseMs, double load, bool spike, Noise noise) =>
        Math.Max(1, baseMs * (1 + (0.35 * load)) * (spike ? SpikeFactor : 1) * (1 + noise.Gaussian(0.05)));

    private sealed record SimulatedStream(int ModelId, string ModelKey, int EnvironmentId, string EnvironmentKey);

    /// <summary>Noise that is the same every time for the same stream and instant: a Random seeded by them.</summary>
    private sealed class Noise(string model, string environment, string metric, long timestampMs)
    {
#pragma warning disable CA5394 // simulated dashboard noise, not security
        private readonly Random random = new(Seed(model, environment, metric, timestampMs));

        public double Gaussian(double sigma)
        {
            // Box–Muller: two uniforms make one normally distributed value.
            var u1 = 1 - random.NextDouble();
            var u2 = random.NextDouble();
            return sigma * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }
#pragma warning restore CA5394

        // string.GetHashCode differs per process; FNV-1a does not, which is what makes restarts continuous.
        private static int Seed(string model, string environment, string metric, long timestampMs)
        {
            var hash = 2166136261u;
            foreach (var c in $"{model}|{environment}|{metric}|{timestampMs}")
            {
                hash = (hash ^ c) * 16777619u;
            }

            return unchecked((int)hash);
        }
    }
}

/// <summary>The level of a demo model's streams.</summary>
public sealed record StreamProfile(string Model, double Accuracy, double Auc, double F1, double PredictionsPer10s, double LatencyMs, double RowsPerLoad);
