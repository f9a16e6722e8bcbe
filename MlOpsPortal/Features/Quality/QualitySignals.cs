using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Signals;

namespace MlOpsPortal.Features.Quality;

/// <summary>
/// What a new report tells the incidents feature, through the outbox in the report's own transaction: a failed check
/// is a problem; a later clean report of the same model and environment says it has gone away.
/// </summary>
internal static class QualitySignals
{
    /// <summary>A model has one suite, run in one environment: the model and that environment are "the same source rule".</summary>
    public static string Key(int modelId, EnvironmentRef? environment, string environmentKey) =>
        $"quality:{modelId.ToString(CultureInfo.InvariantCulture)}:{environment?.Id.ToString(CultureInfo.InvariantCulture) ?? environmentKey}";

    public static async Task RaiseAsync(
        PortalDbContext db, QualityReport report, VersionRef version, EnvironmentRef? environment, string environmentKey, CancellationToken cancellationToken)
    {
        var key = Key(report.ModelId, environment, environmentKey);
        var subject = new SignalSubject(report.ModelId, report.ModelVersionId, environment?.Id);
        var failed = report.Checks.Where(c => c.Status == QualityStatus.Fail).Select(c => c.Kind).ToList();
        var link = QualityLinks.Report(report.Id);
        var sourceRef = $"quality-report:{report.Id.ToString(CultureInfo.InvariantCulture)}";
        var where = $"{version.ModelKey} v{version.Number.ToString(CultureInfo.InvariantCulture)} in {environmentKey}";
        if (failed.Count > 0)
        {
            var checks = failed.Count == 1 ? "1 failed check" : $"{failed.Count.ToString(CultureInfo.InvariantCulture)} failed checks";
            db.RaiseSignal(SignalSource.QualityReport, SignalStatus.Firing, key, SignalSeverity.High, $"{checks} on {where}", report.CreatedAtUtc, subject,
                string.Join("; ", report.Checks.Where(c => c.Status == QualityStatus.Fail).Select(c => $"{c.Kind.Title()}: {c.Summary}")), sourceRef, link);
            return;
        }

        if (await db.IsFiringAsync(key, cancellationToken) && await CoversLastFailureAsync(db, report, cancellationToken))
        {
            db.RaiseSignal(SignalSource.QualityReport, SignalStatus.Resolved, key, SignalSeverity.High, $"Quality checks pass again on {where}", report.CreatedAtUtc,
                subject, $"Report {report.Id.ToString(CultureInfo.InvariantCulture)} ran {string.Join(", ", report.Checks.Select(c => c.Kind.Title()))} without a failure.",
                sourceRef, link);
        }
    }

    /// <summary>
    /// A clean run of only some checks (the documentation, on demand) says nothing about a drift that failed: it
    /// resolves only if it ran every check that failed in the model's last failing report.
    /// </summary>
    private static async Task<bool> CoversLastFailureAsync(PortalDbContext db, QualityReport report, CancellationToken cancellationToken)
    {
        var lastFailing = await db.QualityReports.AsNoTracking()
            .Where(r => r.ModelId == report.ModelId && r.Id != report.Id && r.Status == QualityStatus.Fail)
            .OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (lastFailing is null)
        {
            return true;
        }

        var failedThen = await db.QualityReportChecks.AsNoTracking().Where(c => c.ReportId == lastFailing && c.Status == QualityStatus.Fail)
            .Select(c => c.Kind).ToListAsync(cancellationToken);
        var ranNow = report.Checks.Select(c => c.Kind).ToHashSet();
        return failedThen.All(ranNow.Contains);
    }
}
