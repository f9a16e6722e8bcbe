using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

[FeatureContract]
public sealed class UserPreferencesService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    // Read by the layout on every page: compiled once (see PortalSessionStore).
    private static readonly PerModelQuery<Func<PortalDbContext, string, Task<bool>>> DarkModeOf = new(() => EF.CompileAsyncQuery(
        (PortalDbContext db, string userId) => db.UserPreferences.Where(p => p.UserId == userId).Select(p => p.DarkMode).SingleOrDefault()));

    public async Task<bool> DarkModeAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await DarkModeOf.For(db)(db, userId);
    }

    public async Task SetDarkModeAsync(string userId, bool darkMode, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var preference = await db.UserPreferences.SingleOrDefaultAsync(p => p.UserId == userId, cancellationToken);
        if (preference is null)
        {
            preference = new UserPreference { UserId = userId };
            db.UserPreferences.Add(preference);
        }

        preference.DarkMode = darkMode;
        preference.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
