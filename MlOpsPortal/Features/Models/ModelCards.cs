using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// Cards are written over time (reviews ask for limitations, ethics…), so a version's card can be completed after
/// registration; everything else about a version stays as the pipeline recorded it.
/// </summary>
public sealed class ModelCards(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization)
{
    public async Task<VersionDetails> UpdateCardAsync(ClaimsPrincipal user, string key, int number, ModelCard card, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        RegistryValidation.CheckCard(card).ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await RegistryRules.CurrentAsync(db, cancellationToken);
        var version = await db.ModelVersions.WithDetails()
            .SingleOrDefaultAsync(v => v.Model!.Key == key && v.Number == number, cancellationToken)
            ?? throw new PortalNotFoundException($"Model '{key}' has no version {number}.");
        var before = version.Card.Copy();
        foreach (var section in Enum.GetValues<CardSection>())
        {
            version.Card[section] = string.IsNullOrWhiteSpace(card[section]) ? null : card[section]!.Trim();
        }

        db.AddAuditEvent(AuditActor.From(user), "model-card.updated", nameof(ModelVersion), $"{key}/{number}",
            new { before, after = version.Card.Copy() });
        await db.SaveChangesAsync(cancellationToken);
        return RegistryViews.ToDetails(key, version, settings);
    }
}
