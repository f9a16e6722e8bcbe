using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

/// <summary>Reads the latest drift check back from the audit log, where <see cref="AccessDriftJob"/> records each one.</summary>
public sealed class AccessDrift(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization)
{
    private static readonly JsonSerializerOptions DetailsJson = new(JsonSerializerDefaults.Web);

    /// <summary>The latest check, or null when none has run; for those who see who has access.</summary>
    public async Task<DriftReport?> LatestAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.ViewPeople, "Support engineers, auditors and administrators see the access drift check.");
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var details = await db.AuditEvents.AsNoTracking().Where(e => e.Action == AccessDriftJob.CheckedAction)
            .OrderByDescending(e => e.Sequence).Select(e => e.Details).FirstOrDefaultAsync(cancellationToken);
        if (details is null || JsonSerializer.Deserialize<StoredDriftReport>(details, DetailsJson) is not { } stored)
        {
            return null;
        }

        return new DriftReport(stored.CheckedAtUtc, stored.Compared, stored.Outside, stored.Missing)
        {
            OutsideCount = stored.OutsideCount,
            MissingCount = stored.MissingCount,
        };
    }
}
