using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>Whether a model sent any point to an environment before a period's end, and whether any fell inside the period.</summary>
[FeatureContract]
public sealed record SeriesActivity(int ModelId, string Environment, bool InPeriod);

/// <summary>One of the portal's own series over a period: how many samples it took, their mean and their maximum.</summary>
[FeatureContract]
public sealed record PortalSeriesSummary(long Samples, double? Average, double? Max);

/// <summary>
/// What the monitoring store holds over a whole period, for the whole portfolio at once: reports ask this rather than
/// asking per model. Whole hours are read from the hourly rollups (kept for years, unlike raw points); the partial hours
/// at either end from raw points, so nothing after the period's end counts and the same period always gives the same answer.
/// </summary>
[FeatureContract]
public sealed class MonitoringCoverage(IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys)
{
    private const long HourMs = 3_600_000;

    /// <summary>Every (model, environment) with a point before <paramref name="endUtc"/>, and whether one lies in [<paramref name="fromUtc"/>, <paramref name="endUtc"/>).</summary>
    public async Task<IReadOnlyList<SeriesActivity>> ActivityAsync(DateTime fromUtc, DateTime endUtc, CancellationToken cancellationToken = default)
    {
        var (fromMs, endMs) = (Ms(fromUtc), Ms(endUtc));
        var (firstHour, lastHour) = WholeHours(fromMs, endMs);
        var endHour = endMs - (endMs % HourMs);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var hourly = db.MetricRollups.Where(r => r.Resolution == RollupResolution.Hour);
        var rows = await db.MetricSeries.AsNoTracking().Where(s => s.ModelId != null)
            .Select(s => new
            {
                ModelId = s.ModelId!.Value,
                s.EnvironmentId,
                Before = hourly.Any(r => r.SeriesId == s.Id && r.BucketStartMs < endHour)
                    || db.MetricPoints.Any(p => p.SeriesId == s.Id && p.TimestampMs < endMs),
                InPeriod = hourly.Any(r => r.SeriesId == s.Id && r.BucketStartMs >= firstHour && r.BucketStartMs < lastHour)
                    || db.MetricPoints.Any(p => p.SeriesId == s.Id && ((p.TimestampMs >= fromMs && p.TimestampMs < firstHour) || (p.TimestampMs >= lastHour && p.TimestampMs < endMs))),
            })
            .Where(s => s.Before)
            .ToListAsync(cancellationToken);
        var environments = (await keys.EnvironmentsAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Key);
        return [.. rows.GroupBy(r => (r.ModelId, r.EnvironmentId))
            .Select(g => new SeriesActivity(g.Key.ModelId, environments[g.Key.EnvironmentId], g.Any(r => r.InPeriod)))
            .OrderBy(a => a.ModelId).ThenBy(a => a.Environment, StringComparer.Ordinal)];
    }

    /// <summary>Samples, mean and maximum of one of the portal's own series (no model) in [<paramref name="fromUtc"/>, <paramref name="endUtc"/>).</summary>
    public async Task<PortalSeriesSummary> PortalSeriesAsync(string environment, string metric, DateTime fromUtc, DateTime endUtc, CancellationToken cancellationToken = default)
    {
        var environmentId = (await keys.EnvironmentAsync(environment, cancellationToken))?.Id;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var seriesId = await db.MetricSeries.AsNoTracking()
            .Where(s => s.ModelId == null && s.EnvironmentId == environmentId && s.MetricName == metric).Select(s => (long?)s.Id).SingleOrDefaultAsync(cancellationToken);
        if (seriesId is not { } id || endUtc <= fromUtc)
        {
            return new PortalSeriesSummary(0, null, null);
        }

        var (fromMs, endMs) = (Ms(fromUtc), Ms(endUtc));
        var (firstHour, lastHour) = WholeHours(fromMs, endMs);
        var hours = await db.MetricRollups.AsNoTracking()
            .Where(r => r.SeriesId == id && r.Resolution == RollupResolution.Hour && r.BucketStartMs >= firstHour && r.BucketStartMs < lastHour)
            .GroupBy(r => 1).Select(g => new { Count = g.Sum(r => r.Count), Sum = g.Sum(r => r.Sum), Max = g.Max(r => r.Max) })
            .SingleOrDefaultAsync(cancellationToken);
        var edges = await db.MetricPoints.AsNoTracking()
            .Where(p => p.SeriesId == id && ((p.TimestampMs >= fromMs && p.TimestampMs < firstHour) || (p.TimestampMs >= lastHour && p.TimestampMs < endMs)))
            .Select(p => p.Value).ToListAsync(cancellationToken);
        var count = (hours?.Count ?? 0) + edges.Count;
        if (count == 0)
        {
            return new PortalSeriesSummary(0, null, null);
        }

        var sum = (hours?.Sum ?? 0) + edges.Sum();
        double? max = hours is null ? null : hours.Max;
        foreach (var value in edges)
        {
            max = max is { } m ? Math.Max(m, value) : value;
        }

        return new PortalSeriesSummary(count, sum / count, max);
    }

    private static long Ms(DateTime utc) => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).ToUnixTimeMilliseconds();

    /// <summary>The whole hours inside [from, end): [first, last). When none fits, first = last = end's hour and the raw points cover it all.</summary>
    private static (long First, long Last) WholeHours(long fromMs, long endMs)
    {
        var first = fromMs % HourMs == 0 ? fromMs : fromMs - (fromMs % HourMs) + HourMs;
        var last = endMs - (endMs % HourMs);
        return first <= last ? (first, last) : (fromMs, fromMs);
    }
}
