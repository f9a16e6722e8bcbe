using System.Globalization;
using System.Text;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Access;

/// <summary>One line of the access log as the API and its CSV give it.</summary>
public sealed record AccessLogEntry(long Sequence, DateTime OccurredAtUtc, string ActorId, string ActorName, string Action, string EntityType, string? EntityId, string? Details);

/// <summary>
/// The access log auditors ask for: sign-ins, sign-outs, refused access, API keys created, revoked and used (once a day
/// each), access requested, granted, revoked and removed, and access reviews, per person or across everyone, from the
/// audit log (so it is as tamper-evident as the rest of it).
/// </summary>
public static class AccessLog
{
    public static IReadOnlyList<string> Actions { get; } =
    [
        "auth.sign-in", "auth.sign-out", "auth.access-denied",
        "api-key.created", "api-key.revoked", ApiKeysService.UsedAction,
        AccessRequests.RequestedAction, AccessRequests.ApprovedAction, AccessRequests.RejectedAction, AccessRequests.WithdrawnAction, AccessRequests.ExpiredAction,
        AccessGrants.GrantedAction, AccessGrants.RevokedAction, AccessGrants.ExpiredAction, AccessGrants.RemovedAction,
        AccessReviews.StartedAction, AccessReviews.DecidedAction, AccessReviewJob.FinishedEarlyAction, AccessReviews.CompletedAction, AccessDriftJob.CheckedAction,
    ];

    /// <param name="person">
    /// Their id: what they did and what was done about them (their sign-ins, requests, grants and reviews), so one
    /// person's history reads whole.
    /// </param>
    /// <param name="action">One of <see cref="Actions"/> to see only those events; anything else means all of them.</param>
    public static AuditQuery Query(DateTime? fromUtc, DateTime? toUtc, string? person, int pageIndex, int pageSize, string? action = null) => new()
    {
        Actions = action is not null && Actions.Contains(action) ? [action] : Actions, Involving = string.IsNullOrWhiteSpace(person) ? null : person.Trim(),
        FromUtc = fromUtc, ToUtc = toUtc, PageIndex = pageIndex, PageSize = pageSize,
    };

    /// <summary>The CSV download of the same filters, for the page's button.</summary>
    public static string CsvLink(DateTime? fromUtc, DateTime? toUtc, string? person, string? action)
    {
        var query = new List<string>();
        if (fromUtc is { } from)
        {
            query.Add("from=" + Uri.EscapeDataString(from.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (toUtc is { } to)
        {
            query.Add("to=" + Uri.EscapeDataString(to.ToString("O", CultureInfo.InvariantCulture)));
        }

        if (!string.IsNullOrWhiteSpace(person))
        {
            query.Add("person=" + Uri.EscapeDataString(person));
        }

        if (action is not null)
        {
            query.Add("action=" + Uri.EscapeDataString(action));
        }

        return "/api/v1/access/log.csv" + (query.Count == 0 ? string.Empty : "?" + string.Join('&', query));
    }

    public static AccessLogEntry Entry(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Sequence, e.OccurredAtUtc, e.ActorId, e.ActorName, e.Action, e.EntityType, e.EntityId, e.Details);
    }

    /// <summary>RFC 4180 CSV with a header row (<see cref="CsvText"/>: formula-safe, UTC times in ISO 8601).</summary>
    public static string Csv(IEnumerable<AccessLogEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var csv = new StringBuilder("sequence,occurredAtUtc,actorId,actorName,action,entityType,entityId,details" + CsvText.LineEnd);
        foreach (var e in entries)
        {
            csv.AppendRow([e.Sequence.ToString(CultureInfo.InvariantCulture), CsvText.Utc(e.OccurredAtUtc), e.ActorId, e.ActorName, e.Action, e.EntityType, e.EntityId, e.Details]);
        }

        return csv.ToString();
    }
}
