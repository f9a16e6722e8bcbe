using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Quality;

/// <summary>A report's verdict without its content: for lists, gates and the health score.</summary>
public sealed record QualityReportSummary(int Id, string Model, int Version, QualityStatus Status, DateTime CreatedAtUtc, string Sha256);

/// <summary>
/// Samples, check suites, runs and archived reports. Pages, the API and jobs all come here; every write checks the
/// caller's rights again and records an audit event in the same save.
/// </summary>
public sealed partial class QualityService(
    IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>The newest report of a model version, or null when none was ever written (or all were pruned).</summary>
    public async Task<QualityReportSummary?> LatestReportForVersionAsync(int modelVersionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Summaries(db, db.QualityReports.Where(r => r.ModelVersionId == modelVersionId))
            .OrderByDescending(r => r.CreatedAtUtc).FirstOrDefaultAsync(cancellationToken);
    }

    private static IQueryable<QualityReportSummary> Summaries(PortalDbContext db, IQueryable<QualityReport> reports) =>
        from r in reports
        join v in db.ModelVersions on r.ModelVersionId equals v.Id
        join m in db.Models on r.ModelId equals m.Id
        select new QualityReportSummary(r.Id, m.Key, v.Number, r.Status, r.CreatedAtUtc, r.Sha256);
}
