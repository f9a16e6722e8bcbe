using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Reports;

[FeatureContract]
public sealed record ReportSubscriptionView(
    int Id, ReportKind Kind, string Title, ReportCadence Cadence, DayOfWeek? DayOfWeek, int? DayOfMonth, TimeOnly LocalTime, string TimeZoneId,
    string? Email, string Schedule, DateTime NextRunUtc, DateTime? LastRunUtc, DateTime CreatedAtUtc);

/// <summary>
/// People's standing orders for reports: a kind they may read, weekly on a weekday or monthly on a day, at a time of day in
/// their own time zone; <see cref="SendScheduledReportsJob"/> generates and sends each run. Cancelled subscriptions are
/// kept inactive, never deleted: the reports they produced name them.
/// </summary>
[FeatureContract]
public sealed class ReportSubscriptions(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock)
{
    public const string CreatedAction = "report-subscription.created";
    public const string CancelledAction = "report-subscription.cancelled";

    public async Task<ReportSubscriptionView> SubscribeAsync(
        ClaimsPrincipal user, ReportKind kind, ReportCadence cadence, DayOfWeek? dayOfWeek, int? dayOfMonth, TimeOnly localTime, string? timeZoneId,
        string? email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName || user.UserId() is not { } personId)
        {
            throw new UnauthorizedAccessException("People subscribe to reports for themselves, signed in; API keys and applications cannot.");
        }

        if (!Enum.IsDefined(kind))
        {
            throw PortalValidationException.For("kind", $"Choose a report: {string.Join(", ", ReportKinds.All.Select(k => k.Title()))}.");
        }

        await authorization.EnsureAsync(user, kind.Policy(), $"Subscribing to the {kind.Title().ToLowerInvariant()} needs a role that may read it.");
        var errors = new FieldErrors();
        var zone = ReportSchedule.FindZone(timeZoneId);
        if (zone is null)
        {
            errors.Add("timeZoneId", string.IsNullOrWhiteSpace(timeZoneId)
                ? "Choose the time zone the report should arrive in."
                : $"'{timeZoneId}' is not a time zone this portal knows; use an IANA name such as Europe/Berlin.");
        }

        if (!Enum.IsDefined(cadence))
        {
            errors.Add("cadence", "Choose weekly or monthly.");
        }
        else if (cadence == ReportCadence.Weekly && (dayOfWeek is null || !Enum.IsDefined(dayOfWeek.Value)))
        {
            errors.Add("dayOfWeek", "A weekly report needs the weekday it arrives on.");
        }
        else if (cadence == ReportCadence.Monthly && (dayOfMonth is null || !ReportSchedule.IsValidDayOfMonth(dayOfMonth.Value)))
        {
            errors.Add("dayOfMonth", "A monthly report needs a day from 1 to 28, or the last day of the month (31).");
        }

        var address = string.IsNullOrWhiteSpace(email) ? null : email.Trim();
        if (address is not null && !IsEmailAddress(address))
        {
            errors.Add("email", $"'{address}' is not an e-mail address; use one such as name@example.com, or leave it empty.");
        }

        errors.MaxLength("email", address, 320, "The e-mail address");
        errors.ThrowIfAny();
        address ??= user.PrincipalName() is { } upn && IsEmailAddress(upn) ? upn : null;
        var now = clock.GetUtcNow().UtcDateTime;
        var actor = AuditActor.From(user);
        var subscription = new ReportSubscription
        {
            PersonId = personId,
            PersonName = actor.Name,
            Email = address,
            Kind = kind,
            Cadence = cadence,
            DayOfWeek = cadence == ReportCadence.Weekly ? dayOfWeek : null,
            DayOfMonth = cadence == ReportCadence.Monthly ? dayOfMonth : null,
            LocalTime = new TimeOnly(localTime.Hour, localTime.Minute),
            TimeZoneId = zone!.Id,
            CreatedAtUtc = now,
        };
        subscription.NextRunUtc = ReportSchedule.NextRunUtc(subscription, now);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ReportSubscriptions.AnyAsync(s => s.PersonId == personId && s.Active && s.Kind == kind && s.Cadence == subscription.Cadence
                && s.DayOfWeek == subscription.DayOfWeek && s.DayOfMonth == subscription.DayOfMonth && s.LocalTime == subscription.LocalTime
                && s.TimeZoneId == subscription.TimeZoneId, cancellationToken))
        {
            throw new PortalConflictException($"You already receive the {kind.Title().ToLowerInvariant()} {ReportSchedule.Describe(subscription)} ({subscription.TimeZoneId}).");
        }

        await db.InTransactionAsync(async transaction =>
        {
            subscription.Id = 0;
            db.ReportSubscriptions.Add(subscription);
            await db.SaveChangesAsync(cancellationToken);
            db.AddAuditEvent(actor, CreatedAction, nameof(ReportSubscription), Id(subscription.Id), new
            {
                kind = kind.ApiName(), cadence = cadence.ToString(), dayOfWeek = subscription.DayOfWeek?.ToString(), dayOfMonth = subscription.DayOfMonth,
                localTime = subscription.LocalTime.ToString("HH:mm", CultureInfo.InvariantCulture), timeZone = subscription.TimeZoneId, email = address,
                nextRunUtc = subscription.NextRunUtc,
            });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
        return View(subscription);
    }

    /// <summary>The person's active subscriptions, next due first.</summary>
    public async Task<IReadOnlyList<ReportSubscriptionView>> ListMineAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.UserId() is not { } personId)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = await db.ReportSubscriptions.AsNoTracking().Where(s => s.PersonId == personId && s.Active).ToListAsync(cancellationToken);
        return [.. mine.OrderBy(s => s.NextRunUtc).ThenBy(s => s.Id).Select(View)];
    }

    /// <summary>Stops a subscription (its subscriber or an administrator); cancelling one already cancelled changes nothing.</summary>
    public async Task CancelAsync(ClaimsPrincipal user, int id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var subscription = await db.ReportSubscriptions.AsNoTracking().Where(s => s.Id == id)
            .Select(s => new { s.PersonId, s.PersonName, s.Kind }).SingleOrDefaultAsync(cancellationToken)
            ?? throw new PortalNotFoundException($"There is no report subscription {id}.");
        if (subscription.PersonId != user.UserId() && !(await authorization.AuthorizeAsync(user, Policies.Admin)).Succeeded)
        {
            throw new UnauthorizedAccessException("Only its subscriber or an administrator cancels a report subscription.");
        }

        await db.InTransactionAsync(async transaction =>
        {
            var cancelled = await db.ReportSubscriptions.Where(s => s.Id == id && s.Active)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Active, false), cancellationToken);
            if (cancelled == 0)
            {
                return;
            }

            db.AddAuditEvent(AuditActor.From(user), CancelledAction, nameof(ReportSubscription), Id(id),
                new { kind = subscription.Kind.ApiName(), subscriber = subscription.PersonId, subscriberName = subscription.PersonName });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }

    /// <summary>A plain address (name@domain), without a display name or anything around it.</summary>
    public static bool IsEmailAddress(string? value) => MailOptions.IsEmailAddress(value);

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static ReportSubscriptionView View(ReportSubscription s) => new(
        s.Id, s.Kind, s.Kind.Title(), s.Cadence, s.DayOfWeek, s.DayOfMonth, s.LocalTime, s.TimeZoneId, s.Email, ReportSchedule.Describe(s), s.NextRunUtc,
        s.LastRunUtc, s.CreatedAtUtc);
}
