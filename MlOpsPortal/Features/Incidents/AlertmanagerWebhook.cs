using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Signals;

namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// Takes one Alertmanager notification: its alerts become signals keyed by fingerprint, written together (all or
/// nothing) with the audit event of the call, then processed at once so the answer can say which incident each
/// alert opened, updated or resolved.
/// </summary>
public sealed class AlertmanagerWebhook(IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys, IncidentSignals signals, TimeProvider clock)
{
    public async Task<AlertmanagerReceipt> ReceiveAsync(ClaimsPrincipal user, AlertmanagerPayload payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var now = clock.GetUtcNow().UtcDateTime;
        var alerts = await AlertmanagerAlerts.ReadAsync(payload, keys, now, cancellationToken);
        var raised = new List<(AlertmanagerSignal Alert, Signal? Signal)>();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            foreach (var alert in alerts)
            {
                raised.Add((alert, await IsRepeatAsync(db, alert, cancellationToken) ? null : db.RaiseSignal(
                    SignalSource.ExternalAlert, alert.Status, alert.Key, alert.Severity, alert.Title, alert.OccurredAtUtc, alert.Subject, alert.Detail,
                    sourceRef: alert.Key, link: alert.Link)));
            }

            db.AddAuditEvent(AuditActor.From(user), "alertmanager.notified", "AlertmanagerGroup", payload.GroupKey, new
            {
                payload.Receiver, payload.Status, alerts = alerts.Select(a => new { a.Fingerprint, status = a.Status.ToString(), severity = a.Severity.ToString(), a.Title }),
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        await signals.ProcessPendingAsync(cancellationToken);
        return new AlertmanagerReceipt(await OutcomesAsync(raised, cancellationToken));
    }

    /// <summary>
    /// Alertmanager repeats a group's unchanged alerts (repeat_interval, or when another alert joins the group): the
    /// same state from the same start is no news, and must not add a timeline line each time.
    /// </summary>
    private static async Task<bool> IsRepeatAsync(PortalDbContext db, AlertmanagerSignal alert, CancellationToken cancellationToken)
    {
        var last = await db.Signals.AsNoTracking().Where(s => s.DedupKey == alert.Key).OrderByDescending(s => s.Id)
            .Select(s => new { s.Status, s.OccurredAtUtc }).FirstOrDefaultAsync(cancellationToken);
        return last is not null && last.Status == alert.Status && last.OccurredAtUtc == alert.OccurredAtUtc;
    }

    private async Task<IReadOnlyList<AlertmanagerOutcome>> OutcomesAsync(List<(AlertmanagerSignal Alert, Signal? Signal)> raised, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = raised.Where(r => r.Signal is not null).Select(r => r.Signal!.Id).ToList();
        var outcomes = await db.Signals.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Outcome, cancellationToken);
        var keys = raised.Select(r => r.Alert.Key).Distinct().ToList();
        var incidents = (await db.Incidents.AsNoTracking().Where(i => i.SignalKey != null && keys.Contains(i.SignalKey))
                .Select(i => new { i.Id, i.SignalKey }).ToListAsync(cancellationToken))
            .GroupBy(i => i.SignalKey!).ToDictionary(g => g.Key, g => Incident.Format(g.Max(i => i.Id)));
        return [.. raised.Select(r => new AlertmanagerOutcome(
            r.Alert.Fingerprint,
            r.Alert.Status == SignalStatus.Firing ? "firing" : "resolved",
            incidents.GetValueOrDefault(r.Alert.Key),
            r.Signal is null ? "unchanged since the last notification"
                // Another pass of the processor may hold it at this moment; it will be handled all the same.
                : outcomes.GetValueOrDefault(r.Signal.Id) ?? "received; being processed"))];
    }
}
