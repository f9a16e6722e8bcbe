using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// Access review campaigns (issue 13 §3, Entra's model): an administrator starts one over some or all roles; its
/// reviewers approve, deny or say they don't know for each person × role, never for themselves; the job
/// (<see cref="AccessReviewJob"/>) reminds them at half time and applies the outcome at the end. Administrators,
/// auditors and Audit.Read see every review; reviewers see theirs.
/// </summary>
[FeatureContract]
public sealed class AccessReviews(
    IDbContextFactory<PortalDbContext> dbFactory,
    PeopleDirectory people,
    NotificationsService notifications,
    IAuthorizationService authorization,
    TimeProvider clock)
{
    public const string StartedAction = "access-review.started";
    public const string DecidedAction = "access-review.decided";
    public const string RemindedAction = "access-review.reminded";
    public const string CompletedAction = "access-review.completed";
    public const string EntityType = "AccessReview";

    public const string AdminOnly = "Only administrators start access reviews.";

    /// <summary>Administrators start reviews; pages ask before offering the button.</summary>
    public async Task<bool> CanStartAsync(ClaimsPrincipal user) => (await authorization.AuthorizeAsync(user, Policies.Admin)).Succeeded;

    public async Task<AccessReviewSummary> StartAsync(ClaimsPrincipal user, AccessReviewInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.Admin, AdminOnly);
        var errors = new FieldErrors();
        var name = input.Name?.Trim();
        errors.Required("name", name, "A name");
        errors.MaxLength("name", name, 200, "The name");
        var roles = (input.Roles ?? []).Select(r => r.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (roles.FirstOrDefault(r => !PortalRoles.UserRoles.Contains(r)) is { } unknown)
        {
            errors.Add("roles", $"'{unknown}' is not a role people hold. Choose among: {string.Join(", ", PortalRoles.UserRoles)}; none for all of them.");
        }

        if (!Enum.IsDefined(input.Reviewers))
        {
            errors.Add("reviewers", "Choose the administrators, the support engineers, or the people listed per role.");
        }

        if (input.DurationDays is not { } days || days < 1 || days > AccessReviewRules.MaxDurationDays)
        {
            errors.Add("durationDays", $"Give the reviewers between 1 and {AccessReviewRules.MaxDurationDays} days.");
        }

        if (!Enum.IsDefined(input.Default))
        {
            errors.Add("default", "Choose what unanswered items become: no change, remove, or take the recommendations.");
        }

        var repeat = input.RepeatEveryMonths ?? AccessReviewRules.DefaultRepeatMonths(roles);
        if (repeat < 0 || repeat > AccessReviewRules.MaxRepeatMonths)
        {
            errors.Add("repeatEveryMonths", $"Repeat every 1 to {AccessReviewRules.MaxRepeatMonths} months, or 0 for once.");
        }
        else if (repeat > 0 && input.DurationDays is { } d && d >= repeat * 28)
        {
            errors.Add("durationDays", $"A review repeated every {repeat} month{(repeat == 1 ? "" : "s")} must end before the next starts: give it fewer than {repeat * 28} days.");
        }

        errors.ThrowIfAny();
        var now = clock.GetUtcNow().UtcDateTime;
        var everyone = await AccessReviewPopulation.PeopleAsync(people, cancellationToken);
        var items = await AccessReviewPopulation.ItemsAsync(people, everyone, roles, now, cancellationToken);
        var listed = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        if (items.Count == 0)
        {
            errors.Add("roles", roles.Count == 0 ? "Nobody holds a portal role yet: there is nothing to review." : $"Nobody holds {string.Join(" or ", roles)}: there is nothing to review.");
        }
        else if (input.Reviewers == ReviewerChoice.Listed)
        {
            CheckListed(errors, input.ListedReviewers, items, everyone, listed);
        }

        errors.ThrowIfAny();
        var actor = AuditActor.From(user);
        var review = new AccessReview
        {
            Name = name!, Roles = roles, Reviewers = input.Reviewers, ListedReviewers = listed, DurationDays = input.DurationDays!.Value, Default = input.Default,
            RepeatEveryMonths = repeat, State = AccessReviewState.Running, StartedAtUtc = now, DueAtUtc = now.AddDays(input.DurationDays!.Value),
            StartedById = actor.Id, StartedByName = actor.Name, Items = items,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.InTransactionAsync(async transaction =>
        {
            review.Id = 0;
            db.Set<AccessReview>().Add(review);
            await db.SaveChangesAsync(cancellationToken);
            await AnnounceAsync(db, review, actor, null, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
        return Summary(review, items.Count, 0);
    }

    /// <summary>Every role with holders in the review needs a reviewer who is someone the portal knows and, for each holder, someone else.</summary>
    private static void CheckListed(
        FieldErrors errors, IReadOnlyDictionary<string, IReadOnlyList<string>>? input, List<AccessReviewItem> items,
        IReadOnlyDictionary<string, PersonSummary> everyone, Dictionary<string, List<string>> listed)
    {
        foreach (var (role, ids) in input ?? new Dictionary<string, IReadOnlyList<string>>())
        {
            var chosen = ids.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList();
            if (chosen.FirstOrDefault(i => !everyone.ContainsKey(i)) is { } stranger)
            {
                errors.Add("listedReviewers", $"'{stranger}' (for {role}) has never signed in to the portal; choose people from the directory.");
            }
            else if (chosen.Count > 0 && items.Any(i => i.Role == role))
            {
                listed[role] = chosen;
            }
        }

        var missing = items.Select(i => i.Role).Distinct(StringComparer.Ordinal).Where(r => !listed.ContainsKey(r)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            errors.Add("listedReviewers", $"Name at least one reviewer for {string.Join(", ", missing)}: people hold {(missing.Count == 1 ? "it" : "them")}.");
        }

        var unreviewable = items.Where(i => listed.TryGetValue(i.Role, out var r) && r.All(id => id == i.PersonId)).Select(i => $"{i.PersonName} ({i.Role})").ToList();
        if (unreviewable.Count > 0)
        {
            errors.Add("listedReviewers", $"Nobody reviews their own access: add another reviewer for {string.Join(", ", unreviewable)}.");
        }
    }

    /// <summary>Audits a new review and tells its reviewers; the caller saves (<paramref name="previousId"/> for a recurrence).</summary>
    internal async Task AnnounceAsync(PortalDbContext db, AccessReview review, AuditActor actor, int? previousId, CancellationToken cancellationToken)
    {
        db.AddAuditEvent(actor, StartedAction, EntityType, review.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), new
        {
            review.Name, roles = review.Roles, reviewers = review.Reviewers.ToString(), review.DurationDays, @default = review.Default.ToString(),
            review.RepeatEveryMonths, review.DueAtUtc, items = review.Items.Count, previousReviewId = previousId,
        });
        var reviewers = await ReviewerIdsAsync(db, review, cancellationToken);
        await notifications.AddAsync(db, [.. reviewers.Select(id => new Notice(id, $"access-review:{review.Id}:started:{id}",
            $"Access review '{review.Name}' needs your decisions by {review.DueAtUtc:yyyy-MM-dd} (UTC)", AccessLinks.Review(review.Id), false))], cancellationToken);
    }

    /// <summary>The people who review <paramref name="review"/>, to tell them of it.</summary>
    internal async Task<IReadOnlyList<string>> ReviewerIdsAsync(PortalDbContext db, AccessReview review, CancellationToken cancellationToken) => review.Reviewers switch
    {
        ReviewerChoice.Administrators => await people.HoldersAsync(db, [PortalRoles.Admin], cancellationToken),
        ReviewerChoice.SupportEngineers => await people.HoldersAsync(db, [PortalRoles.SupportEngineer], cancellationToken),
        _ => [.. review.ListedReviewers.Values.SelectMany(ids => ids).Distinct(StringComparer.Ordinal)],
    };

    public async Task<Page<AccessReviewSummary>> ListAsync(ClaimsPrincipal user, AccessReviewQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, 200);
        var index = Math.Max(query.PageIndex, 0);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reviews = await db.Set<AccessReview>().AsNoTracking().OrderByDescending(r => r.StartedAtUtc).ThenByDescending(r => r.Id).ToListAsync(cancellationToken);
        var seesAll = await SeesAllAsync(user);
        var visible = new List<AccessReview>();
        foreach (var review in reviews)
        {
            if (seesAll || (await ReviewableRolesAsync(user, review)).Count > 0)
            {
                visible.Add(review);
            }
        }

        var pageItems = visible.Skip(index * size).Take(size).ToList();
        var ids = pageItems.Select(r => r.Id).ToList();
        var counts = await db.Set<AccessReviewItem>().AsNoTracking().Where(i => ids.Contains(i.ReviewId)).GroupBy(i => i.ReviewId)
            .Select(g => new { Id = g.Key, Items = g.Count(), Decided = g.Count(i => i.Decision != null || i.DecidedByDefault) })
            .ToDictionaryAsync(c => c.Id, cancellationToken);
        return new Page<AccessReviewSummary>(
            [.. pageItems.Select(r => Summary(r, counts.GetValueOrDefault(r.Id)?.Items ?? 0, counts.GetValueOrDefault(r.Id)?.Decided ?? 0))], visible.Count, index, size);
    }

    public async Task<AccessReviewView> GetAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var review = await db.Set<AccessReview>().AsNoTracking().Include(r => r.Items).SingleOrDefaultAsync(r => r.Id == id, cancellationToken)
            ?? throw NotFound(id);
        var reviewable = await ReviewableRolesAsync(user, review);
        if (reviewable.Count == 0 && !await SeesAllAsync(user))
        {
            throw new UnauthorizedAccessException("Administrators, auditors and the review's reviewers see an access review.");
        }

        var current = await AccessReviewPopulation.PeopleAsync(people, cancellationToken);
        var items = review.Items.OrderBy(i => i.PersonName, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.Role, StringComparer.Ordinal).ToList();
        var warnings = items.GroupBy(i => i.PersonId).ToDictionary(g => g.Key, g => PeopleDirectory.SegregationWarnings(
            [.. g.Where(i => i.Result != AccessReviewResults.Removed).Select(i => i.Role)
                .Union(current.TryGetValue(g.Key, out var person) ? person.Roles : [], StringComparer.Ordinal)]));
        return new AccessReviewView(
            Summary(review, items.Count, items.Count(i => i.Decision is not null || i.DecidedByDefault)),
            review.ListedReviewers.ToDictionary(l => l.Key, l => (IReadOnlyList<string>)l.Value),
            [.. items.Select(i => View(i, warnings[i.PersonId]))], user.UserId(), reviewable);
    }

    /// <summary>
    /// A reviewer's decision on one item, changeable until the review ends; conditional on <paramref name="seenRevision"/>,
    /// so two reviewers deciding at once produce one decision and a clear conflict for the other.
    /// </summary>
    public async Task<AccessReviewItemView> DecideAsync(
        ClaimsPrincipal user, int itemId, ReviewDecision decision, string? justification, int seenRevision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var item = await db.Set<AccessReviewItem>().SingleOrDefaultAsync(i => i.Id == itemId, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no access review item {itemId}.");
        var review = await db.Set<AccessReview>().AsNoTracking().SingleAsync(r => r.Id == item.ReviewId, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var reviewsRole = (await ReviewableRolesAsync(user, review)).Contains(item.Role);
        if (AccessReviewRules.Refusal(review.State, review.DueAtUtc, item.PersonId, item.AppliedAtUtc, user.UserId(), reviewsRole, now) is { } refusal)
        {
            throw review.State == AccessReviewState.Running && now < review.DueAtUtc ? new UnauthorizedAccessException(refusal) : new PortalConflictException(refusal);
        }

        justification = string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();
        if (!Enum.IsDefined(decision))
        {
            throw PortalValidationException.For("decision", "Approve, Deny or Don't know.");
        }

        if (justification is null && AccessReviewRules.JustificationRequired(decision, item.Role) is { } required)
        {
            throw PortalValidationException.For("justification", required);
        }

        if (justification is { Length: > AccessReviewRules.JustificationMaxLength })
        {
            throw PortalValidationException.For("justification", $"The justification must be at most {AccessReviewRules.JustificationMaxLength} characters (it has {justification.Length}).");
        }

        if (item.Revision != seenRevision)
        {
            throw Changed(item);
        }

        var actor = AuditActor.From(user);
        var previous = item.Decision;
        item.Decision = decision;
        item.Justification = justification;
        item.ReviewerId = actor.Id;
        item.ReviewerName = actor.Name;
        item.DecidedAtUtc = now;
        item.Revision++;
        db.AddAuditEvent(actor, DecidedAction, "User", item.PersonId, new
        {
            reviewId = review.Id, itemId = item.Id, person = item.PersonName, item.Role, decision = decision.ToString(), justification,
            previousDecision = previous?.ToString(), recommendation = item.Recommendation?.ToString(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            throw Changed(await fresh.Set<AccessReviewItem>().AsNoTracking().SingleAsync(i => i.Id == itemId, cancellationToken));
        }

        return View(item, []);
    }

    private static PortalConflictException Changed(AccessReviewItem current) => new(
        current.ReviewerName is { } by
            ? $"{by} changed the decision on {current.PersonName}'s {current.Role} meanwhile ({current.Decision?.ToString() ?? "no decision"}); look again and decide."
            : $"{current.PersonName}'s {current.Role} changed meanwhile; look again and decide.",
        new Dictionary<string, object?> { ["revision"] = current.Revision });

    /// <summary>Administrators, auditors and Audit.Read see every review and download its evidence.</summary>
    internal async Task<bool> SeesAllAsync(ClaimsPrincipal user) => (await authorization.AuthorizeAsync(user, Policies.ApiReadAudit)).Succeeded;

    /// <summary>The roles of <paramref name="review"/> that <paramref name="user"/> reviews (their own items excepted, item by item).</summary>
    private async Task<IReadOnlySet<string>> ReviewableRolesAsync(ClaimsPrincipal user, AccessReview review)
    {
        IReadOnlyCollection<string> scope = review.Roles.Count == 0 ? PortalRoles.UserRoles : review.Roles;
        return review.Reviewers switch
        {
            ReviewerChoice.Administrators when (await authorization.AuthorizeAsync(user, Policies.Admin)).Succeeded => scope.ToHashSet(StringComparer.Ordinal),
            // Administrators may do what support engineers do (DESIGN §1), as with access requests.
            ReviewerChoice.SupportEngineers when (await authorization.AuthorizeAsync(user, Policies.ManageAccess)).Succeeded => scope.ToHashSet(StringComparer.Ordinal),
            ReviewerChoice.Listed when user.UserId() is { } me => review.ListedReviewers.Where(l => l.Value.Contains(me)).Select(l => l.Key).ToHashSet(StringComparer.Ordinal),
            _ => new HashSet<string>(StringComparer.Ordinal),
        };
    }

    private static PortalNotFoundException NotFound(int id) => new($"There is no access review {id}.");

    internal static AccessReviewSummary Summary(AccessReview r, int items, int decided) => new(
        r.Id, r.Name, r.Roles, r.Reviewers, r.Default, r.DurationDays, r.RepeatEveryMonths, r.State, r.StartedAtUtc, r.DueAtUtc, r.StartedByName,
        r.ReminderSentAtUtc, r.CompletedAtUtc, r.NextReviewId, items, decided);

    internal static AccessReviewItemView View(AccessReviewItem i, IReadOnlyList<string> warnings) => new(
        i.Id, i.PersonId, i.PersonName, i.PrincipalName, i.Role, i.Source, i.LastSignInUtc, i.RoleLastUsedUtc, i.Recommendation, i.RecommendationReason,
        i.Decision, i.Justification, i.ReviewerName, i.DecidedAtUtc, i.DecidedByDefault, i.AppliedAtUtc, i.Result, i.Revision, warnings);
}
