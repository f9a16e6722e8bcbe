using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Signals;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// What an alert tells the incidents feature, through the outbox in the evaluator's own unit of work. Only Critical
/// rules open incidents: the "Critical or High" maps to Critical here, as alert rules know no High.
/// </summary>
internal static class AlertSignals
{
    /// <summary>One rule is one model, environment and condition: its firings are one problem.</summary>
    public static string Key(int ruleId) => $"alert-rule:{ruleId}";

    public static void Fired(PortalDbContext db, AlertRule rule, CommittedPoint point, Alert alert, DateTime at)
    {
        if (rule.Severity == AlertSeverity.Critical)
        {
            Raise(db, rule, point, SignalStatus.Firing, alert.Message, at);
        }
    }

    /// <summary>Said whenever the rule's signal is on, even if someone lowered its severity since it fired.</summary>
    public static async Task ResolvedAsync(PortalDbContext db, AlertRule rule, CommittedPoint point, DateTime at, CancellationToken cancellationToken)
    {
        if (rule.Severity == AlertSeverity.Critical || await db.IsFiringAsync(Key(rule.Id), cancellationToken))
        {
            Raise(db, rule, point, SignalStatus.Resolved, $"{point.Metric} is back within its rule in {point.Environment}.", at);
        }
    }

    private static void Raise(PortalDbContext db, AlertRule rule, CommittedPoint point, SignalStatus status, string detail, DateTime at) =>
        db.RaiseSignal(
            SignalSource.Alert, status, Key(rule.Id), SignalSeverity.Critical, $"{rule.Describe()} in {point.Environment} on {point.Model}", at,
            new SignalSubject(rule.ModelId, EnvironmentId: rule.EnvironmentId), detail, sourceRef: Key(rule.Id),
            link: point.Model is null ? null : MonitoringLinks.Dashboard(point.Model, point.Environment));
}
