using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Usage;

[FeatureContract]
public sealed record UsageCount(DateOnly Day, string Kind, string Subject, long Count);

[FeatureContract]
public sealed record ActiveDay(DateOnly Day, string PersonId, IReadOnlyList<string> Roles, string BusinessUnit);

/// <summary>Reads the daily rollups: what reports count usage from.</summary>
[FeatureContract]
public sealed class UsageCounts(IDbContextFactory<PortalDbContext> dbFactory)
{
    /// <summary>Every counter of the days <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public async Task<IReadOnlyList<UsageCount>> CountsAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UsageRollups.AsNoTracking().Where(r => r.Day >= from && r.Day <= to)
            .OrderBy(r => r.Day).ThenBy(r => r.Kind).ThenBy(r => r.Subject)
            .Select(r => new UsageCount(r.Day, r.Kind, r.Subject, r.Count)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ActiveDay>> ActivePeopleAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.UsageActivePeople.AsNoTracking().Where(p => p.Day >= from && p.Day <= to)
            .OrderBy(p => p.Day).ThenBy(p => p.PersonId).ToListAsync(cancellationToken);
        return [.. rows.Select(p => new ActiveDay(p.Day, p.PersonId, p.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries), p.BusinessUnit))];
    }

    /// <summary>Whether any usage has been recorded at all (demo data goes only into a portal without).</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UsageRollups.AnyAsync(cancellationToken);
    }

    /// <summary>Demo history and tests: adds counts and active people for past days directly.</summary>
    public async Task AddHistoryAsync(IReadOnlyCollection<UsageCount> counts, IReadOnlyCollection<ActiveDay> people, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(counts);
        ArgumentNullException.ThrowIfNull(people);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.UsageRollups.AddRange(counts.Select(c => new UsageRollup { Day = c.Day, Kind = c.Kind, Subject = c.Subject, Count = c.Count }));
        db.UsageActivePeople.AddRange(people.Select(p => new UsageActivePerson
        {
            Day = p.Day, PersonId = p.PersonId, Roles = string.Join(',', p.Roles), BusinessUnit = p.BusinessUnit,
        }));
        await db.SaveChangesAsync(cancellationToken);
    }
}
