using System.Security.Claims;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Quality;

/// <summary>
/// Samples, check suites, runs and archived reports. Pages, the API and jobs all come here; every write checks the
/// caller's rights again and records an audit event in the same save.
/// </summary>
public sealed partial class QualityService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    IBackgroundJobClient jobs,
    QualitySchedules schedules,
    TimeProvider clock)
{

    /// <summary>The model and one of its versions (the latest when no number is given), or a message naming what is missing.</summary>
    private static async Task<(Model Model, ModelVersion Version)> FindVersionAsync(
        PortalDbContext db, string modelKey, int? number, string field, CancellationToken cancellationToken)
    {
        var model = await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.Key == modelKey, cancellationToken)
            ?? throw PortalValidationException.For("model", $"There is no model with the key '{modelKey}'.");
        var wanted = number ?? model.LatestVersion;
        var version = await db.ModelVersions.AsNoTracking().SingleOrDefaultAsync(v => v.ModelId == model.Id && v.Number == wanted, cancellationToken)
            ?? throw PortalValidationException.For(field, number is null
                ? $"Model '{modelKey}' has no versions yet; register one first."
                : $"Model '{modelKey}' has no version {number}; its latest is {model.LatestVersion}.");
        return (model, version);
    }

    /// <summary>Reports as summaries, newest first.</summary>
    private static IQueryable<QualityReportSummary> Summaries(PortalDbContext db, IQueryable<QualityReport> reports) =>
        from r in reports
        join v in db.ModelVersions on r.ModelVersionId equals v.Id
        join m in db.Models on r.ModelId equals m.Id
        orderby r.CreatedAtUtc descending, r.Id descending
        select new QualityReportSummary(r.Id, m.Key, v.Number, r.Status, r.CreatedAtUtc, r.Sha256);
}
