using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlOpsPortal.Infrastructure.Data;

internal sealed class DatabaseReadyHealthCheck(IDbContextFactory<PortalDbContext> dbFactory) : IHealthCheck
{
    public const string ReadyTag = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The database cannot be reached.");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Database reachable, all migrations applied.",
                    new Dictionary<string, object> { ["provider"] = db.Database.ProviderName ?? "unknown" })
                : HealthCheckResult.Unhealthy(
                    $"{pending.Count} migration(s) not applied: {string.Join(", ", pending)}. Apply database/sqlserver/MlOpsPortal.sql or enable Database:MigrateOnStartup.");
        }
#pragma warning disable CA1031 // Readiness must report any failure as unhealthy rather than crash the probe.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // The probe is anonymous: the exception (server names, logins) goes to the log, not to the caller.
            return HealthCheckResult.Unhealthy("The database could not be reached or queried; see the portal log.", ex);
        }
    }
}
