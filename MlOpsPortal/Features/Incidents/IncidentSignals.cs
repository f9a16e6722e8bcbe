using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Signals;

namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// Turns signals into incidents. A firing signal opens an incident, or, when one with the same key is still open,
/// becomes a line of its timeline; a resolved signal is noted, and resolves the incident when the admin allows it.
/// Each signal is claimed by a conditional update in the same transaction as what it does, so it is handled once,
/// and a failure leaves it pending for the next pass.
/// </summary>
public sealed partial class IncidentSignals(
    IDbContextFactory<PortalDbContext> dbFactory, IncidentsService incidents, TimeProvider clock, ILogger<IncidentSignals> logger)
{
    private const int Batch = 100;

    // Far more than a real race needs; a signal that keeps losing waits for the next pass.
    private const int MaxAttempts = 20;

    /// <summary>
    /// Handles every pending signal, oldest first; returns how many it handled. A signal that cannot be handled (its model
    /// was deleted, say) is logged and stays pending for the next pass, and the signals behind it are still handled.
    /// </summary>
    public async Task<int> ProcessPendingAsync(CancellationToken cancellationToken = default)
    {
        var handled = 0;
        var after = 0L;
        while (true)
        {
            List<long> pending;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                pending = await db.Signals.AsNoTracking().Where(s => s.ProcessedAtUtc == null && s.Id > after).OrderBy(s => s.Id).Select(s => s.Id)
                    .Take(Batch).ToListAsync(cancellationToken);
            }

            if (pending.Count == 0)
            {
                return handled;
            }

            foreach (var id in pending)
            {
                after = id;
                try
                {
                    handled += await ProcessAsync(id, cancellationToken) ? 1 : 0;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSignalFailed(logger, ex, id);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Signal {SignalId} could not become an incident; it stays pending and is tried again on the next pass")]
    private static partial void LogSignalFailed(ILogger logger, Exception exception, long signalId);

    private async Task<bool> ProcessAsync(long signalId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            try
            {
                return await db.InTransactionAsync(async transaction =>
                {
                    var now = clock.GetUtcNow().UtcDateTime;
                    var claimed = await db.Signals.Where(s => s.Id == signalId && s.ProcessedAtUtc == null)
                        .ExecuteUpdateAsync(s => s.SetProperty(x => x.ProcessedAtUtc, now), cancellationToken);
                    if (claimed == 0)
                    {
                        return false;
                    }

                    var signal = await db.Signals.SingleAsync(s => s.Id == signalId, cancellationToken);
                    signal.Outcome = await ApplyAsync(db, signal, now, cancellationToken);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return true;
                }, cancellationToken);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                // A person changed the incident this signal attaches to at the same moment: the claim rolled back too.
            }
        }
    }

    private async Task<string> ApplyAsync(PortalDbContext db, Signal signal, DateTime now, CancellationToken cancellationToken)
    {
        var actor = AuditActor.System;
        var open = await db.Incidents.Include(i => i.Holds)
            .Where(i => i.SignalKey == signal.DedupKey && (i.State == IncidentState.New || i.State == IncidentState.InProgress || i.State == IncidentState.OnHold))
            .OrderByDescending(i => i.Id).FirstOrDefaultAsync(cancellationToken);
        if (signal.Status == SignalStatus.Firing)
        {
            if (open is null)
            {
                var incident = await incidents.OpenAsync(db, await DraftAsync(db, signal, cancellationToken), actor, now, cancellationToken);
                return $"opened {incident.Number}";
            }

            open.SignalCount++;
            Touch(open, actor, now);
            IncidentStore.AddTimeline(db, actor, open.Id, now, [new(TimelineKind.Signal, $"Fired again: {signal.Title}" + Detail(signal), signal.Link)]);
            return $"attached to {open.Number}";
        }

        if (open is null)
        {
            return "resolved; no open incident";
        }

        Touch(open, actor, now);
        IncidentStore.AddTimeline(db, actor, open.Id, now, [new(TimelineKind.Signal, $"Resolved at the source: {signal.Title}", signal.Link)]);
        var policy = await IncidentPolicies.CurrentAsync(db, cancellationToken);
        if (!policy.AutoResolveOnSignalResolved)
        {
            return $"noted on {open.Number}";
        }

        var before = open.State;
        foreach (var hold in open.Holds.Where(h => h.EndUtc is null))
        {
            hold.EndUtc = now;
        }

        open.State = IncidentState.Resolved;
        open.HoldReason = null;
        open.ResolvedAtUtc = now;
        open.ResolutionCode = ResolutionCode.ResolvedBySource;
        open.ResolutionNotes = $"Resolved automatically: the signal that raised it resolved ({signal.Title}).";
        IncidentStore.AddTimeline(db, actor, open.Id, now, [new(TimelineKind.StateChanged, "Resolved automatically because the signal resolved (admin setting).")]);
        db.AddAuditEvent(actor, IncidentWork.AuditAction(IncidentAction.Resolve), IncidentStore.EntityType, open.Number, new
        {
            before = before.ToString(), after = nameof(IncidentState.Resolved), details = new { code = nameof(ResolutionCode.ResolvedBySource), signal = signal.SourceRef },
        });
        return $"resolved {open.Number}";
    }

    // Read on the transaction's connection: the signal's row is claimed, and a second connection could wait for a full pool.
    private static async Task<IncidentDraft> DraftAsync(PortalDbContext db, Signal signal, CancellationToken cancellationToken)
    {
        var tier = RiskTier.Medium;
        if (signal.ModelId is { } modelId && await RegistryKeys.ModelAsync(db, modelId, cancellationToken) is { } model)
        {
            tier = model.RiskTier;
        }

        var source = signal.Source switch
        {
            SignalSource.Alert => IncidentSource.Alert,
            SignalSource.QualityReport => IncidentSource.QualityReport,
            SignalSource.DeploymentFailure => IncidentSource.DeploymentFailure,
            SignalSource.DeploymentRollback => IncidentSource.DeploymentRollback,
            _ => IncidentSource.ExternalAlert,
        };
        return new IncidentDraft(
            signal.Title.Length <= Incident.TitleMaxLength ? signal.Title : signal.Title[..(Incident.TitleMaxLength - 1)] + "…", signal.Detail, signal.ModelId, signal.ModelVersionId, signal.EnvironmentId, ImpactOf(tier), UrgencyOf(signal.Severity), signal.OccurredAtUtc,
            source, signal.DedupKey, signal.SourceRef, signal.Link, signal.OccurredAtUtc);
    }

    /// <summary>The model's risk tier is how much of the business it touches: a Critical or High tier model hits hard.</summary>
    public static Impact ImpactOf(RiskTier tier) => tier switch
    {
        RiskTier.Critical or RiskTier.High => Impact.High,
        RiskTier.Medium => Impact.Medium,
        _ => Impact.Low,
    };

    /// <summary>The signal's severity is how soon it must be answered.</summary>
    public static Urgency UrgencyOf(SignalSeverity severity) => severity switch
    {
        SignalSeverity.Critical or SignalSeverity.High => Urgency.High,
        SignalSeverity.Medium => Urgency.Medium,
        _ => Urgency.Low,
    };

    private static void Touch(Incident incident, AuditActor actor, DateTime now)
    {
        incident.Revision++;
        incident.ChangedBy = actor.Name;
        incident.ChangedAtUtc = now;
    }

    private static string Detail(Signal signal) => string.IsNullOrWhiteSpace(signal.Detail) ? string.Empty : $" — {signal.Detail}";
}

/// <summary>Takes pending signals every few seconds, so an alert becomes an incident without anyone waiting on it.</summary>
internal sealed class SignalProcessor(IncidentSignals signals, Infrastructure.Hosting.BackgroundServiceHealth health, TimeProvider clock, ILogger<SignalProcessor> logger)
    : Infrastructure.Hosting.SupervisedBackgroundService(health, clock, logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        // Real time, not the injected clock: a test that moves a fake clock on by months must not replay a poll per 5 s.
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await signals.ProcessPendingAsync(stoppingToken);
            ReportRecovered();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
