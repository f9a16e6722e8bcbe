using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Monitoring;

/// <summary>The development streams a newcomer sees must look like production: seasonality, one drifting model, one spiking.</summary>
public sealed class MetricsSimulatorTests
{
    // Midnight UTC at the start of a churn retraining cycle, so ten days of steady drift follow.
    private static readonly DateTimeOffset CycleStart = DateTimeOffset.FromUnixTimeMilliseconds(
        (new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds() / (MetricsSimulator.RetrainingCycleDays * 86_400_000L) + 1)
        * MetricsSimulator.RetrainingCycleDays * 86_400_000L);

    [Fact]
    public void Accuracy_follows_a_daily_cycle_of_the_configured_amplitude_and_traffic_peaks_in_the_afternoon()
    {
        var day = SampleDay("credit-default", MetricNames.Accuracy, CycleStart);
        var hourly = day.GroupBy(s => s.At.Hour).ToDictionary(g => g.Key, g => g.Average(s => s.Value));

        var swing = hourly.Values.Max() - hourly.Values.Min();
        Assert.InRange(swing, 1.6 * MetricsSimulator.AccuracySeasonality, 2.2 * MetricsSimulator.AccuracySeasonality);

        var traffic = SampleDay("credit-default", MetricNames.Predictions, CycleStart)
            .GroupBy(s => s.At.Hour).ToDictionary(g => g.Key, g => g.Average(s => s.Value));
        Assert.InRange(traffic.MaxBy(h => h.Value).Key, 13, 17);
        Assert.True(traffic.Values.Max() > 3 * traffic.Values.Min(), "busy afternoons, quiet nights");
    }

    [Fact]
    public void The_churn_model_loses_accuracy_day_after_day_while_the_others_hold_steady()
    {
        var churn = Enumerable.Range(0, 10).Select(d => SampleDay("churn-model", MetricNames.Accuracy, CycleStart.AddDays(d)).Average(s => s.Value)).ToList();
        var credit = Enumerable.Range(0, 10).Select(d => SampleDay("credit-default", MetricNames.Accuracy, CycleStart.AddDays(d)).Average(s => s.Value)).ToList();

        Assert.All(churn.Zip(churn.Skip(1)), pair => Assert.True(pair.Second < pair.First, $"{pair.Second:0.0000} should be below {pair.First:0.0000}"));
        Assert.InRange(churn[0] - churn[^1], 0.8 * 9 * MetricsSimulator.DriftPerDay, 1.2 * 9 * MetricsSimulator.DriftPerDay);
        Assert.InRange(credit.Max() - credit.Min(), 0, 0.002);
    }

    [Fact]
    public void The_fraud_detector_has_a_periodic_latency_spike_and_no_other_model_does()
    {
        foreach (var model in MetricsSimulator.Profiles.Select(p => p.Model))
        {
            var samples = SampleDay(model, MetricNames.LatencyP50, CycleStart);
            var spikes = TenMinuteWindows(samples).Where(w => w.Mean > 2.5 * w.PreviousHourMean).Select(w => w.Start).ToList();
            if (model == "fraud-detector")
            {
                Assert.Equal([CycleStart.AddHours(6), CycleStart.AddHours(12), CycleStart.AddHours(18)], spikes);
            }
            else
            {
                Assert.Empty(spikes);
            }
        }
    }

    [Fact]
    public void The_same_instant_gives_the_same_value_so_a_restart_continues_the_curves()
    {
        var at = CycleStart.AddHours(7.5);
        foreach (var metric in MetricsSimulator.Metrics)
        {
            Assert.Equal(MetricsSimulator.Sample("fraud-detector", "production", metric, at), MetricsSimulator.Sample("fraud-detector", "production", metric, at));
        }

        Assert.NotEqual(MetricsSimulator.Sample("fraud-detector", "production", MetricNames.LatencyP50, at), MetricsSimulator.Sample("fraud-detector", "staging", MetricNames.LatencyP50, at));
    }

    [Fact]
    public async Task Backfills_the_last_day_once_then_ticks_through_the_writer()
    {
        var clock = new FakeTimeProvider(CycleStart.AddDays(3).AddSeconds(17));
        await using var app = await PortalServices.StartAsync(clock, seedDemoData: true);
        await app.StartHostedServiceAsync<MetricsWriter>();
        var simulator = ActivatorUtilities.CreateInstance<MetricsSimulator>(app.Services);
        var streams = MetricsSimulator.Profiles.Count + MetricsSimulator.StagingModels.Count;

        var backfilled = await simulator.BackfillAsync(CancellationToken.None);
        var again = await simulator.BackfillAsync(CancellationToken.None);
        clock.Advance(MetricsSimulator.Interval);
        var ticked = await simulator.TickAsync(CancellationToken.None);

        Assert.Equal(streams * MetricsSimulator.Metrics.Count * 24 * 60, backfilled);
        Assert.Equal(0, again);
        Assert.Equal(streams * MetricsSimulator.Metrics.Count, ticked);
        var churnAccuracy = await app.QueryAsync(db => db.MetricPoints
            .Join(db.MetricSeries.Where(s => s.ModelId == db.Models.Single(m => m.Key == "churn-model").Id && s.EnvironmentId == db.Environments.Single(e => e.Key == "production").Id && s.MetricName == MetricNames.Accuracy), p => p.SeriesId, s => s.Id, (p, s) => p)
            .OrderBy(p => p.TimestampMs).Select(p => p.TimestampMs).ToListAsync());
        Assert.Equal(24 * 60 + 1, churnAccuracy.Count);
        Assert.Equal(CycleStart.AddDays(2).ToUnixTimeMilliseconds(), churnAccuracy[0]);
        Assert.Equal(CycleStart.AddDays(3).AddSeconds(20).ToUnixTimeMilliseconds(), churnAccuracy[^1]);
        // The days count every raw point and every sample behind the history's hours, each once though backfill ran twice.
        var historyHours = (SimulatedHistory.Days - 1) * 24;
        Assert.Equal(churnAccuracy.Count + (historyHours * SimulatedHistory.SamplesPerHour), await app.QueryAsync(db => ChurnAccuracy(db, RollupResolution.Day).SumAsync(r => r.Count)));
        Assert.Equal(historyHours + 25, await app.QueryAsync(db => ChurnAccuracy(db, RollupResolution.Hour).CountAsync()));
    }

    [Fact]
    public async Task The_history_before_the_raw_day_shows_the_churn_model_losing_accuracy_through_a_retraining_cycle()
    {
        var clock = new FakeTimeProvider(CycleStart.AddDays(3).AddSeconds(17));
        await using var app = await PortalServices.StartAsync(clock, seedDemoData: true);
        await app.StartHostedServiceAsync<MetricsWriter>();

        await ActivatorUtilities.CreateInstance<MetricsSimulator>(app.Services).BackfillAsync(CancellationToken.None);

        var days = await app.QueryAsync(db => ChurnAccuracy(db, RollupResolution.Day).OrderBy(r => r.BucketStartMs).ToListAsync());
        Assert.Equal(CycleStart.AddDays(3 - SimulatedHistory.Days).ToUnixTimeMilliseconds(), days[0].BucketStartMs);
        double MeanOn(DateTimeOffset day) => days.Single(r => r.BucketStartMs == day.ToUnixTimeMilliseconds()) is var r ? r.Sum / r.Count : 0;
        // The cycle that ended at CycleStart: accuracy fell by the drift of the 26 days between its second and last day.
        var fall = MeanOn(CycleStart.AddDays(-27)) - MeanOn(CycleStart.AddDays(-1));
        Assert.InRange(fall, 0.8 * 26 * MetricsSimulator.DriftPerDay, 1.2 * 26 * MetricsSimulator.DriftPerDay);
        Assert.True(MeanOn(CycleStart.AddDays(1)) > MeanOn(CycleStart.AddDays(-1)) + (20 * MetricsSimulator.DriftPerDay), "retraining restores accuracy");
    }

    private static IQueryable<MetricRollup> ChurnAccuracy(PortalDbContext db, RollupResolution resolution) => db.MetricRollups
        .Where(r => r.SeriesId == db.MetricSeries.Single(s => s.ModelId == db.Models.Single(m => m.Key == "churn-model").Id
            && s.EnvironmentId == db.Environments.Single(e => e.Key == "production").Id && s.MetricName == MetricNames.Accuracy).Id && r.Resolution == resolution);

    [Fact]
    public void Runs_only_when_enabled_and_test_portals_keep_it_off()
    {
        using (var quiet = new PortalAppFactory())
        {
            Assert.DoesNotContain(quiet.Services.GetServices<IHostedService>(), s => s is MetricsSimulator);
        }

        using var enabled = new PortalAppFactory();
        enabled.Settings["Monitoring:Simulator:Enabled"] = "true";
        Assert.Contains(enabled.Services.GetServices<IHostedService>(), s => s is MetricsSimulator);
    }

    /// <summary>A day of samples at the live cadence, the clock stepped as the hosted service's timer would step it.</summary>
    private static List<(DateTimeOffset At, double Value)> SampleDay(string model, string metric, DateTimeOffset start)
    {
        var clock = new FakeTimeProvider(start);
        var samples = new List<(DateTimeOffset, double)>();
        while (clock.GetUtcNow() < start.AddDays(1))
        {
            samples.Add((clock.GetUtcNow(), MetricsSimulator.Sample(model, "production", metric, clock.GetUtcNow())));
            clock.Advance(MetricsSimulator.Interval);
        }

        return samples;
    }

    private static IEnumerable<(DateTimeOffset Start, double Mean, double PreviousHourMean)> TenMinuteWindows(List<(DateTimeOffset At, double Value)> samples)
    {
        var first = samples[0].At;
        for (var start = first.AddHours(1); start < samples[^1].At; start = start.AddMinutes(10))
        {
            var window = samples.Where(s => s.At >= start && s.At < start.AddMinutes(10)).Average(s => s.Value);
            var before = samples.Where(s => s.At >= start.AddHours(-1) && s.At < start).Average(s => s.Value);
            yield return (start, window, before);
        }
    }
}
