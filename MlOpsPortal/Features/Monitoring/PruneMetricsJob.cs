using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>How long each resolution is kept. Zero keeps it for ever.</summary>
public sealed class MetricsRetentionOptions
{
    public const string SectionName = "Monitoring:Retention";

    /// <summary>Raw points: a little longer than ingestion accepts late points (30 days), so late points always have their raw rows.</summary>
    [Range(0, 3650)]
    public int RawDays { get; set; } = 35;

    [Range(0, 3650)]
    public int MinuteDays { get; set; } = 90;

    [Range(0, 36500)]
    public int HourDays { get; set; } = 730;

    [Range(0, 36500)]
    public int DayDays { get; set; }

    /// <summary>How long an idempotency key is remembered: a retry later than this is treated as a new batch.</summary>
    [Range(1, 365)]
    public int IdempotencyDays { get; set; } = 7;
}

/// <summary>Daily: removes points and rollups past their resolution's retention. Idempotent: a second run finds nothing to remove.</summary>
public sealed class PruneMetricsJob(IDbContextFactory<PortalDbContext> dbFactory, IOptions<MetricsRetentionOptions> options, TimeProvider clock)
{
    public const string RecurringId = "prune-metrics";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var retention = options.Value;
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var removed = 0;
        if (retention.RawDays > 0)
        {
            var cutoff = now.AddDays(-retention.RawDays).ToUnixTimeMilliseconds();
            removed += await db.MetricPoints.Where(p => p.TimestampMs < cutoff).ExecuteDeleteAsync(cancellationToken);
        }

        foreach (var (resolution, days) in new[] { (RollupResolution.Minute, retention.MinuteDays), (RollupResolution.Hour, retention.HourDays), (RollupResolution.Day, retention.DayDays) })
        {
            if (days > 0)
            {
                var cutoff = now.AddDays(-days).ToUnixTimeMilliseconds();
                removed += await db.MetricRollups.Where(r => r.Resolution == resolution && r.BucketStartMs < cutoff).ExecuteDeleteAsync(cancellationToken);
            }
        }

        var keysBefore = now.AddDays(-retention.IdempotencyDays).UtcDateTime;
        removed += await db.IngestionBatches.Where(b => b.ReceivedAtUtc < keysBefore).ExecuteDeleteAsync(cancellationToken);
        return removed;
    }
}
