using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Readiness is Degraded while the audit log shows tampering: the latest verification failed, or one did in the
/// past day (so a repaired trigger is not forgotten by the next clean run), or the anchor file cannot be written.
/// </summary>
internal sealed class AuditIntegrityHealthCheck(IDbContextFactory<PortalDbContext> contextFactory, AuditAnchor anchor, TimeProvider timeProvider)
    : IHealthCheck
{
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(1);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (anchor.LastError is { } anchorError)
        {
            return HealthCheckResult.Degraded(anchorError);
        }

        try
        {
            await using var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            var since = timeProvider.GetUtcNow().UtcDateTime - RecentWindow;
            var failed = await db.AuditVerifications.AsNoTracking()
                .Where(v => !v.IsValid && v.VerifiedAtUtc >= since)
                .OrderByDescending(v => v.Id)
                .FirstOrDefaultAsync(cancellationToken);
            var latest = await db.AuditVerifications.AsNoTracking().OrderByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken);
            var broken = latest is { IsValid: false } ? latest : failed;
            if (broken is not null)
            {
                var at = AuditHasher.NormalizeUtc(broken.VerifiedAtUtc).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
                return HealthCheckResult.Degraded($"Audit log tampering found by the verification at {at}: {broken.Problem}");
            }

            return HealthCheckResult.Healthy(latest is null ? "Audit chain not verified yet." : "Audit chain intact at its last verification.");
        }
#pragma warning disable CA1031 // The database check reports an unreachable database; this one only says it could not look.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Degraded("The audit verifications could not be read; see the portal log.", ex);
        }
    }
}
