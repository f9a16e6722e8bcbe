using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Quality;

/// <summary>Deletes Pass and Warn reports past their retention; a Fail is evidence and stays (a trigger enforces it too).</summary>
public sealed class PruneQualityReportsJob(IDbContextFactory<PortalDbContext> dbFactory, IOptions<QualityRetentionOptions> options, TimeProvider clock)
{
    public const string RecurringId = "prune-quality-reports";

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.KeepPassingReportsDays);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async transaction =>
        {
            var expired = db.QualityReports.Where(r => r.Status != QualityStatus.Fail && r.CreatedAtUtc < cutoff);
            var ids = await expired.Select(r => r.Id).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                return 0;
            }

            await db.CheckRuns.Where(r => r.ReportId != null && ids.Contains(r.ReportId.Value))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ReportId, (int?)null), cancellationToken);
            await db.QualityReportChecks.Where(c => ids.Contains(c.ReportId)).ExecuteDeleteAsync(cancellationToken);
            var deleted = await db.QualityReports.Where(r => ids.Contains(r.Id)).ExecuteDeleteAsync(cancellationToken);
            db.AddAuditEvent(AuditActor.System, "quality-report.pruned", nameof(QualityReport), null,
                new { deleted, olderThan = cutoff, keptDays = options.Value.KeepPassingReportsDays });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return deleted;
        }, cancellationToken);
    }
}
