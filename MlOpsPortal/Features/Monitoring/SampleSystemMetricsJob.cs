using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// Every minute: records the portal's own CPU, memory and request rate as model-less series on the metrics store,
/// through the same writer as every other point, so the same charts, rollups and live feed serve them.
/// </summary>
public sealed class SampleSystemMetricsJob(
    IDbContextFactory<PortalDbContext> dbFactory,
    RegistryKeys keys,
    ProcessMetricsSampler sampler,
    MetricsWriter writer,
    IOptions<MonitoringOptions> options,
    TimeProvider clock)
{
    public const string RecurringId = "sample-system-metrics";
    public const string ClientId = "portal";

    public string Environment => options.Value.PortalEnvironment;

    /// <summary>Idempotent per minute: the minute is the idempotency key, so a retry or a second run stores nothing more.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var minute = new DateTimeOffset(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);
        var key = $"system-metrics-{minute:yyyyMMddHHmm}";
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.IngestionBatches.AnyAsync(b => b.ClientId == ClientId && b.IdempotencyKey == key, cancellationToken))
        {
            return;
        }

        var environment = await keys.EnvironmentAsync(Environment, cancellationToken)
            ?? throw new InvalidOperationException($"The portal's own metrics are set to go to '{Environment}', which is not an environment.");
        var reading = sampler.Read();
        var at = minute.ToUnixTimeMilliseconds();
        await writer.WriteAsync(new PendingBatch(ClientId, key, null, null, environment.Id, environment.Key,
        [
            new(MetricNames.SystemCpu, at, reading.CpuPercent),
            new(MetricNames.SystemMemory, at, reading.WorkingSetMb),
            new(MetricNames.SystemGcHeap, at, reading.GcHeapMb),
            new(MetricNames.AppRequestsPerMinute, at, reading.RequestsPerMinute),
        ]), cancellationToken);
    }
}
