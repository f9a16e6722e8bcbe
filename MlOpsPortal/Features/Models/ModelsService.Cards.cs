using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Models;

public sealed partial class ModelsService
{
    private const int CardSectionMaxLength = 8000;

    /// <summary>
    /// Cards are written over time (reviews ask for limitations, ethics…), so a version's card can be completed
    /// after registration; everything else about a version stays as the pipeline recorded it.
    /// </summary>
    public async Task<VersionDetails> UpdateCardAsync(ClaimsPrincipal user, string key, int number, ModelCard card, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        await authorization.EnsureAsync(user, Policies.WriteRegistry);
        var errors = new FieldErrors();
        foreach (var section in Enum.GetValues<CardSection>())
        {
            var field = char.ToLowerInvariant(section.ToString()[0]) + section.ToString()[1..];
            errors.MaxLength(field, card[section], CardSectionMaxLength, ModelCard.Title(section));
        }

        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await SettingsAsync(db, cancellationToken);
        var version = await db.ModelVersions
            .Include(v => v.Datasets).ThenInclude(l => l.DatasetVersion!).ThenInclude(d => d.Dataset)
            .Include(v => v.CiEvidence)
            .AsSplitQuery()
            .SingleOrDefaultAsync(v => v.Model!.Key == key && v.Number == number, cancellationToken)
            ?? throw new PortalNotFoundException($"Model '{key}' has no version {number}.");
        var before = Copy(version.Card);
        foreach (var section in Enum.GetValues<CardSection>())
        {
            version.Card[section] = string.IsNullOrWhiteSpace(card[section]) ? null : card[section]!.Trim();
        }

        db.AddAuditEvent(AuditActor.From(user), "model-card.updated", nameof(ModelVersion), $"{key}/{number}",
            new { before, after = Copy(version.Card) });
        await db.SaveChangesAsync(cancellationToken);
        return ToDetails(key, version, settings);
    }

    private static ModelCard Copy(ModelCard card)
    {
        var copy = new ModelCard();
        foreach (var section in Enum.GetValues<CardSection>())
        {
            copy[section] = card[section];
        }

        return copy;
    }
}
