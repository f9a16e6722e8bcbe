using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>Every minute: records the portal's own CPU, memory and request rate, then tells open dashboards.</summary>
public sealed class SampleSystemMetricsJob(
    IDbContextFactory<PortalDbContext> dbFactory,
    ProcessMetricsSampler sampler,
    SystemMetricsFeed feed,
    TimeProvider clock)
{
    public const string RecurringId = "sample-system-metrics";

    /// <summary>Idempotent per minute: a retry or a second run within the same minute records nothing more.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var minute = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.SystemMetricSamples.AnyAsync(s => s.MinuteUtc == minute, cancellationToken))
        {
            return;
        }

        var reading = sampler.Read();
        var sample = new SystemMetricSample
        {
            MinuteUtc = minute,
            CpuPercent = reading.CpuPercent,
            WorkingSetMb = reading.WorkingSetMb,
            GcHeapMb = reading.GcHeapMb,
            RequestsPerMinute = reading.RequestsPerMinute,
        };
        db.SystemMetricSamples.Add(sample);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance or a retry won the race for this minute (unique index); that sample stands.
            db.ChangeTracker.Clear();
            if (await db.SystemMetricSamples.AnyAsync(s => s.MinuteUtc == minute, cancellationToken))
            {
                return;
            }

            throw;
        }

        feed.Publish(sample);
    }
}
