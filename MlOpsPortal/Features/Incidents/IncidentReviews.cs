using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Incidents;

/// <summary>A post-incident review as written or shown.</summary>
public sealed record ReviewInput(string? Summary, string? RootCause, string? ContributingFactors, IReadOnlyList<ReviewActionItem>? ActionItems);

public sealed record ReviewView(string Summary, string RootCause, string ContributingFactors, IReadOnlyList<ReviewActionItem> ActionItems, string UpdatedBy, DateTime UpdatedAtUtc);

/// <summary>Post-incident reviews of P1 and P2 incidents: what happened, why, and who does what by when.</summary>
public sealed class IncidentReviews(IDbContextFactory<PortalDbContext> dbFactory, IncidentStore store, IAuthorizationService authorization)
{
    public async Task<ReviewView?> GetAsync(string number, CancellationToken cancellationToken = default)
    {
        var id = IncidentStore.IdOf(number);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.IncidentReviews.AsNoTracking().Where(r => r.IncidentId == id)
            .Select(r => new ReviewView(r.Summary, r.RootCause, r.ContributingFactors, r.ActionItems, r.UpdatedBy, r.UpdatedAtUtc))
            .SingleOrDefaultAsync(cancellationToken);
    }

    /// <summary>Writes or rewrites the review; every version is kept in the audit log.</summary>
    public async Task<ReviewView> SaveAsync(ClaimsPrincipal user, string number, ReviewInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.WorkIncidents, "Support engineers write post-incident reviews.");
        var errors = new FieldErrors();
        errors.Required("summary", input.Summary, "A summary");
        errors.MaxLength("summary", input.Summary, 4000, "The summary");
        errors.Required("rootCause", input.RootCause, "The root cause");
        errors.MaxLength("rootCause", input.RootCause, 4000, "The root cause");
        errors.MaxLength("contributingFactors", input.ContributingFactors, 4000, "Contributing factors");
        var items = input.ActionItems ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            errors.Required($"actionItems[{i}].text", items[i].Text, $"Action item {i + 1}");
            errors.Required($"actionItems[{i}].owner", items[i].Owner, $"The owner of action item {i + 1}");
            if (items[i].DueDate == default)
            {
                errors.Add($"actionItems[{i}].dueDate", $"Action item {i + 1} needs a due date.");
            }
        }

        errors.ThrowIfAny();
        var id = IncidentStore.IdOf(number);
        var actor = AuditActor.From(user);
        IncidentReview? review = null;
        await store.ChangeAsync(actor, id, (incident, now) =>
        {
            if (incident.Priority > IncidentPriority.P2)
            {
                throw new PortalConflictException($"{incident.Number} is a {incident.Priority}; post-incident reviews are for P1 and P2.");
            }

            return new IncidentChange("incident.review-saved", new { input.Summary, input.RootCause, input.ContributingFactors, actionItems = items },
                [new(TimelineKind.Review, "Post-incident review saved.")], Write: async (db, token) =>
                {
                    review = await db.IncidentReviews.SingleOrDefaultAsync(r => r.IncidentId == id, token);
                    if (review is null)
                    {
                        review = new IncidentReview { IncidentId = id, Summary = string.Empty, RootCause = string.Empty, UpdatedBy = actor.Name };
                        db.IncidentReviews.Add(review);
                    }

                    review.Summary = input.Summary!.Trim();
                    review.RootCause = input.RootCause!.Trim();
                    review.ContributingFactors = input.ContributingFactors?.Trim() ?? string.Empty;
                    review.ActionItems = [.. items.Select(i => new ReviewActionItem { Text = i.Text.Trim(), Owner = i.Owner.Trim(), DueDate = i.DueDate, Done = i.Done })];
                    review.UpdatedBy = actor.Name;
                    review.UpdatedAtUtc = now;
                });
        }, cancellationToken);
        return new ReviewView(review!.Summary, review.RootCause, review.ContributingFactors, review.ActionItems, review.UpdatedBy, review.UpdatedAtUtc);
    }
}
