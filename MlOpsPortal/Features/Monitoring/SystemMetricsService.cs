using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

public sealed class SystemMetricsService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public async Task<IReadOnlyList<SystemMetricSample>> RecentAsync(TimeSpan window, CancellationToken cancellationToken = default)
    {
        var from = clock.GetUtcNow().UtcDateTime - window;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.SystemMetricSamples.AsNoTracking()
            .Where(s => s.MinuteUtc >= from)
            .OrderBy(s => s.MinuteUtc)
            .ToListAsync(cancellationToken);
    }
}
