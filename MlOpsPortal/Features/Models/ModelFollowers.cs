using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// Who follows which model (the star). Followers get the model's notices from every feature above the registry and see
/// its health on their home page; registering a model makes its registrant a follower.
/// </summary>
[FeatureContract]
public sealed class ModelFollowers(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>Starts or stops following; following twice is one follow. Returns false when the model does not exist.</summary>
    public async Task<bool> SetAsync(ClaimsPrincipal user, string modelKey, bool follow, CancellationToken cancellationToken = default)
    {
        var me = AuditActor.From(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var modelId = await db.Models.Where(m => m.Key == modelKey).Select(m => (int?)m.Id).SingleOrDefaultAsync(cancellationToken);
        if (modelId is null)
        {
            return false;
        }

        if (!follow)
        {
            await db.ModelFollowers.Where(f => f.ModelId == modelId && f.PersonId == me.Id).ExecuteDeleteAsync(cancellationToken);
            return true;
        }

        await AddAsync(db, modelId.Value, me, cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex, "ModelFollowers", "ModelId"))
        {
            // A second click that raced the first: the person follows the model either way.
        }

        return true;
    }

    public async Task<bool> IsFollowingAsync(ClaimsPrincipal user, string modelKey, CancellationToken cancellationToken = default)
    {
        var me = AuditActor.From(user).Id;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ModelFollowers.AnyAsync(f => f.Model!.Key == modelKey && f.PersonId == me, cancellationToken);
    }

    /// <summary>The keys of the models a person follows, in key order.</summary>
    public async Task<IReadOnlyList<string>> FollowedKeysAsync(string personId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ModelFollowers.AsNoTracking().Where(f => f.PersonId == personId)
            .Select(f => f.Model!.Key).OrderBy(k => k).ToListAsync(cancellationToken);
    }

    /// <summary>The ids of the people who follow a model: the recipients of its notices.</summary>
    public async Task<IReadOnlyList<string>> FollowerIdsAsync(int modelId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FollowerIdsAsync(db, modelId, cancellationToken);
    }

    /// <summary>The followers' ids as <see cref="FollowerIdsAsync(int, CancellationToken)"/>, read on the caller's connection: for a transaction, which must not wait for a second one.</summary>
    public static async Task<IReadOnlyList<string>> FollowerIdsAsync(PortalDbContext db, int modelId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.ModelFollowers.AsNoTracking().Where(f => f.ModelId == modelId)
            .Select(f => f.PersonId).OrderBy(id => id).ToListAsync(cancellationToken);
    }

    /// <summary>Adds the registrant's follow of a model being created, saved in the same change as the model.</summary>
    internal void AddForNewModel(PortalDbContext db, Model model, AuditActor person)
    {
        if (person.Id != AuditActor.System.Id)
        {
            db.ModelFollowers.Add(new ModelFollower { Model = model, PersonId = person.Id, PersonName = person.Name, CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
        }
    }

    /// <summary>Adds a follow to <paramref name="db"/> unless it exists; the caller saves it with its own change.</summary>
    internal async Task AddAsync(PortalDbContext db, int modelId, AuditActor person, CancellationToken cancellationToken)
    {
        if (person.Id == AuditActor.System.Id || await db.ModelFollowers.AnyAsync(f => f.ModelId == modelId && f.PersonId == person.Id, cancellationToken))
        {
            return;
        }

        db.ModelFollowers.Add(new ModelFollower { ModelId = modelId, PersonId = person.Id, PersonName = person.Name, CreatedAtUtc = clock.GetUtcNow().UtcDateTime });
    }
}
