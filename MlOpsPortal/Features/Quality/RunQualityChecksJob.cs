using System.Globalization;
using System.Text.Json;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Quality;

/// <summary>
/// Runs the checks of one <see cref="CheckRun"/> and writes its report. Idempotent: the run is claimed with a
/// conditional update, the report is unique per run, and a run already finished is left alone, so a retried or
/// duplicated job changes nothing more.
/// </summary>
public sealed partial class RunQualityChecksJob(
    IDbContextFactory<PortalDbContext> dbFactory,
    CheckRuns runs,
    QualitySamples samples,
    RegistryKeys keys,
    ModelsService models,
    RegistryRules rules,
    MonitoringHealth monitoring,
    AlertRules alerts,
    MetricsIngestion metrics,
    NotificationsService notifications,
    TimeProvider clock,
    ILogger<RunQualityChecksJob> logger)
{
    /// <summary>Counts the failed checks of each report, so the alert machinery can fire and resolve on it.</summary>
    public const string FailedChecksMetric = "quality.failed_checks";

    private const int MaxAttempts = 3;

    [AutomaticRetry(Attempts = MaxAttempts - 1, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(int runId, CancellationToken cancellationToken) => await ExecuteAsync(runId, null, cancellationToken);

    [AutomaticRetry(Attempts = 0)]
    public async Task RunScheduledAsync(string modelKey, CancellationToken cancellationToken)
    {
        if (await runs.CreateScheduledRunAsync(modelKey, cancellationToken) is { } runId)
        {
            await ExecuteAsync(runId, null, cancellationToken);
        }
    }

    /// <summary>Runs the checks as of <paramref name="asOfUtc"/> (now when null; demo history passes past times).</summary>
    internal async Task<int?> ExecuteAsync(int runId, DateTime? asOfUtc, CancellationToken cancellationToken)
    {
        var now = asOfUtc ?? clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.CheckRuns
            .Where(r => r.Id == runId && (r.State == CheckRunState.Queued || r.State == CheckRunState.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, CheckRunState.Running)
                .SetProperty(r => r.StartedAtUtc, now)
                .SetProperty(r => r.Progress, 0)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        var run = await db.CheckRuns.AsNoTracking().SingleAsync(r => r.Id == runId, cancellationToken);
        try
        {
            return await CheckAndReportAsync(db, run, now, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var final = run.Attempts + 1 >= MaxAttempts;
            LogRunFailed(logger, ex, runId, run.Attempts + 1, final);
            await db.CheckRuns.Where(r => r.Id == runId && r.State == CheckRunState.Running).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, final ? CheckRunState.Failed : CheckRunState.Queued)
                .SetProperty(r => r.Error, Truncate(ex.Message, 2000))
                .SetProperty(r => r.FinishedAtUtc, final ? now : null), CancellationToken.None);
            if (final)
            {
                return null;
            }

            throw;
        }
    }

    private async Task<int?> CheckAndReportAsync(PortalDbContext db, CheckRun run, DateTime now, CancellationToken cancellationToken)
    {
        var registered = (await keys.VersionsAsync([run.ModelVersionId], cancellationToken))[run.ModelVersionId];
        var (modelKey, number) = (registered.ModelKey, registered.Number);
        var model = await models.GetModelAsync(modelKey, cancellationToken)
            ?? throw new InvalidOperationException($"Model '{modelKey}' disappeared during its check run.");
        var version = model.Versions.Single(v => v.Version == number);
        var settings = (await db.CheckSuites.AsNoTracking().SingleOrDefaultAsync(s => s.ModelId == run.ModelId, cancellationToken))?.Settings ?? new();
        var needsSamples = run.Checks.Any(k => k is CheckKind.DataQuality or CheckKind.DataDrift or CheckKind.PredictionDrift);
        var reference = needsSamples ? await samples.LatestAsync(run.ModelVersionId, SampleRole.Reference, now, cancellationToken) : null;
        var current = needsSamples ? await samples.LatestAsync(run.ModelVersionId, SampleRole.Current, now, cancellationToken) : null;

        var outcomes = new List<CheckOutcome>();
        foreach (var kind in run.Checks)
        {
            outcomes.Add(kind switch
            {
                CheckKind.DataQuality => DataQualityCheck.Evaluate(current?.Table, current?.UploadedAtUtc, reference?.Table, settings, now),
                CheckKind.DataDrift or CheckKind.PredictionDrift => DriftCheck.Evaluate(kind, reference?.Table, current?.Table, settings),
                CheckKind.ModelPerformance => await PerformanceAsync(model, settings, cancellationToken),
                CheckKind.Documentation => GovernanceChecks.Documentation(version, settings),
                CheckKind.NamingRules => GovernanceChecks.Naming(model.Model, version,
                    await rules.FlaggedAmongAsync([model.Model.Key], version.Datasets.Select(d => d.Dataset), cancellationToken)),
                CheckKind.CodeQuality => GovernanceChecks.CodeQuality(version, settings),
                _ => throw new InvalidOperationException($"No check is implemented for {kind}."),
            });
            var progress = outcomes.Count * 100 / (run.Checks.Count + 1);
            await db.CheckRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Progress, progress), cancellationToken);
        }

        var status = outcomes.Count == 0 ? QualityStatus.Pass : outcomes.Max(o => o.Status);
        var content = new QualityReportContent(run.Id, modelKey, number, status, now, outcomes);
        var json = content.ToJson();
        var report = new QualityReport
        {
            RunId = run.Id,
            ModelId = run.ModelId,
            ModelVersionId = run.ModelVersionId,
            Status = status,
            CreatedAtUtc = now,
            Content = json,
            Sha256 = QualityReportContent.Sha256Of(json),
            Checks = [.. outcomes.Select(o => new QualityReportCheck { Kind = o.CheckKind, Status = o.Status, DriftedShare = o.DriftedShare, Summary = Truncate(o.Summary, 1000) })],
        };

        var stored = await db.InTransactionAsync(async transaction =>
        {
            report.Id = 0;
            db.QualityReports.Add(report);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex, "QualityReports", "RunId"))
            {
                return false; // another worker finished this run first
            }

            await db.CheckRuns.Where(r => r.Id == run.Id).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, CheckRunState.Succeeded)
                .SetProperty(r => r.Progress, 100)
                .SetProperty(r => r.ReportId, report.Id)
                .SetProperty(r => r.Error, (string?)null)
                .SetProperty(r => r.FinishedAtUtc, now), cancellationToken);
            db.AddAuditEvent(AuditActor.System, "quality-report.created", nameof(QualityReport), report.Id.ToString(CultureInfo.InvariantCulture),
                new { model = modelKey, version = number, runId = run.Id, status, sha256 = report.Sha256, checks = outcomes.Select(o => new { o.Kind, o.Status }) });
            if (IsNews(now))
            {
                var environment = (await keys.EnvironmentsAsync(db, cancellationToken)).SingleOrDefault(e => e.Key == settings.Environment);
                await QualitySignals.RaiseAsync(db, report, registered, environment, settings.Environment, cancellationToken);
                await NotifyFollowersAsync(db, report, modelKey, number, settings.Environment, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }, cancellationToken);
        if (!stored)
        {
            return null;
        }

        await PublishVerdictAsync(modelKey, settings.Environment, report, outcomes, now, cancellationToken);
        return report.Id;
    }

    /// <summary>A failed report reaches the model's followers (its registrant among them), saved with the report.</summary>
    private async Task NotifyFollowersAsync(PortalDbContext db, QualityReport report, string modelKey, int number, string environment, CancellationToken cancellationToken)
    {
        var failed = report.Checks.Where(c => c.Status == QualityStatus.Fail).Select(c => c.Kind.Title()).ToList();
        if (failed.Count == 0)
        {
            return;
        }

        var id = report.Id.ToString(CultureInfo.InvariantCulture);
        var checks = failed.Count == 1 ? "1 failed check" : $"{failed.Count.ToString(CultureInfo.InvariantCulture)} failed checks";
        var title = $"{checks} on {modelKey} v{number.ToString(CultureInfo.InvariantCulture)} in {environment}: {string.Join(", ", failed)}";
        await notifications.AddAsync(db, [.. (await ModelFollowers.FollowerIdsAsync(db, report.ModelId, cancellationToken))
            .Select(person => new Notice(person, $"quality-report:{id}:failed:{person}", title, QualityLinks.Report(report.Id), Critical: true))], cancellationToken);
    }

    /// <summary>The health score's performance part in the suite's environment: the primary metric against its threshold and the latest version's baseline.</summary>
    private async Task<CheckOutcome> PerformanceAsync(ModelDetails model, CheckSuiteSettings settings, CancellationToken cancellationToken)
    {
        var latest = model.Versions.OrderByDescending(v => v.Version).FirstOrDefault();
        var part = (await monitoring.PartsAsync(model.Model.Key, settings.Environment, latest, cancellationToken)).Performance;
        var status = part.Status switch
        {
            HealthStatus.Critical => QualityStatus.Fail,
            HealthStatus.Warning or HealthStatus.NoData => QualityStatus.Warn,
            _ => QualityStatus.Pass,
        };
        return CheckOutcome.Of(CheckKind.ModelPerformance, $"In {settings.Environment}: {part.Explanation}",
            [new("primary_metric", status, part.Explanation, part.Score)]);
    }

    /// <summary>A failed check becomes a point of <see cref="FailedChecksMetric"/>; its rule fires the alert, a later clean report resolves it.</summary>
    private async Task PublishVerdictAsync(
        string modelKey, string environment, QualityReport report, List<CheckOutcome> outcomes, DateTime now, CancellationToken cancellationToken)
    {
        if (!IsNews(now))
        {
            return;
        }

        try
        {
            await alerts.EnsureSystemRuleAsync(modelKey, environment, FailedChecksMetric, AlertCondition.Above, 0, AlertSeverity.Critical, cancellationToken);
            var failed = outcomes.Count(o => o.Status == QualityStatus.Fail);
            await metrics.IngestAsync("quality-checks", new IngestionRequest(modelKey, environment, $"quality-report:{report.Id}",
                [new IngestionPoint(FailedChecksMetric, JsonSerializer.SerializeToElement(now), JsonSerializer.SerializeToElement(failed))]), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The report stands whatever happens to its alert; the next report publishes again.
            LogVerdictNotPublished(logger, ex, report.Id);
        }
    }

    /// <summary>History (demo data, run as of past days) raises no alert and opens no incident.</summary>
    private bool IsNews(DateTime asOfUtc) => asOfUtc >= clock.GetUtcNow().UtcDateTime.AddDays(-1);

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [LoggerMessage(Level = LogLevel.Error, Message = "Quality check run {RunId} failed on attempt {Attempt} (final: {Final})")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, int runId, int attempt, bool final);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The verdict of quality report {ReportId} could not be published as a metric")]
    private static partial void LogVerdictNotPublished(ILogger logger, Exception exception, int reportId);
}
