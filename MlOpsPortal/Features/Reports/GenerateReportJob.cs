using System.Globalization;
using System.Text;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// Generates one <see cref="Report"/>: computes its figures, renders the PDF and XLSX, and archives all of it with their
/// SHA-256 in one transaction. Idempotent: the report is claimed with a conditional update and a succeeded report is
/// left alone (its triggers refuse changes anyway), so a retried or duplicated job changes nothing more.
/// </summary>
public sealed partial class GenerateReportJob(
    IDbContextFactory<PortalDbContext> dbFactory,
    IEnumerable<IReportBuilder> builders,
    NotificationsService notifications,
    TimeProvider clock,
    ILogger<GenerateReportJob> logger)
{
    private const int MaxAttempts = 3;

    [AutomaticRetry(Attempts = MaxAttempts - 1, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(int reportId, CancellationToken cancellationToken) => await ExecuteAsync(reportId, cancellationToken);

    /// <summary>Generates the report; true when this call archived it.</summary>
    internal async Task<bool> ExecuteAsync(int reportId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Reports
            .Where(r => r.Id == reportId && (r.State == ReportState.Queued || r.State == ReportState.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, ReportState.Running)
                .SetProperty(r => r.StartedAtUtc, now)
                .SetProperty(r => r.Progress, 0)
                .SetProperty(r => r.Attempts, r => r.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return false;
        }

        var report = await db.Reports.AsNoTracking().SingleAsync(r => r.Id == reportId, cancellationToken);
        try
        {
            await GenerateAsync(db, report, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var final = report.Attempts >= MaxAttempts;
            LogFailed(logger, ex, reportId, report.Attempts, final);
            await db.Reports.Where(r => r.Id == reportId && r.State == ReportState.Running).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, final ? ReportState.Failed : ReportState.Queued)
                .SetProperty(r => r.Error, Truncate(ex.Message, 2000)), CancellationToken.None);
            if (final)
            {
                return false;
            }

            throw;
        }
    }

    private async Task GenerateAsync(PortalDbContext db, Report report, CancellationToken cancellationToken)
    {
        var builder = builders.Single(b => b.Kind == report.Kind);
        var scope = new ReportScope(report.FromUtc, report.ToUtc, report.AsOfUtc);
        var lastProgress = 0;
        var body = await builder.BuildAsync(scope, async percent =>
        {
            // Building is 90 % of the work; rendering the rest. Written only when it moves, so a chatty builder costs little.
            var progress = Math.Clamp(percent * 9 / 10, 0, 90);
            if (progress >= lastProgress + 5)
            {
                lastProgress = progress;
                await db.Reports.Where(r => r.Id == report.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.Progress, progress), cancellationToken);
            }
        }, cancellationToken);

        var generatedAt = clock.GetUtcNow().UtcDateTime;
        var document = new ReportDocument(
            report.Kind, report.Kind.Title(), report.FromUtc, report.ToUtc, report.AsOfUtc, generatedAt, report.RequestedByName, body.Headline,
            body.Sections, body.Definitions);
        var json = document.ToJson();
        var pdf = ReportPdf.Render(document);
        var xlsx = ReportXlsx.Render(document);

        await db.InTransactionAsync(async transaction =>
        {
            var archived = await db.Reports.Where(r => r.Id == report.Id && r.State == ReportState.Running).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.State, ReportState.Succeeded)
                .SetProperty(r => r.Progress, 100)
                .SetProperty(r => r.Error, (string?)null)
                .SetProperty(r => r.GeneratedAtUtc, generatedAt)
                .SetProperty(r => r.Headline, Truncate(body.Headline, 500))
                .SetProperty(r => r.Content, json)
                .SetProperty(r => r.ContentSha256, ReportDocument.Sha256Of(json)), cancellationToken);
            if (archived == 0)
            {
                return; // another worker archived it first
            }

            db.ReportFiles.AddRange(
                new ReportFile { ReportId = report.Id, Format = "pdf", Bytes = pdf, Sha256 = ReportDocument.Sha256Of(pdf) },
                new ReportFile { ReportId = report.Id, Format = "xlsx", Bytes = xlsx, Sha256 = ReportDocument.Sha256Of(xlsx) });
            var id = report.Id.ToString(CultureInfo.InvariantCulture);
            db.AddAuditEvent(AuditActor.System, "report.generated", nameof(Report), id,
                new { kind = report.Kind.ApiName(), from = report.FromUtc, to = report.ToUtc, asOf = report.AsOfUtc, sha256 = ReportDocument.Sha256Of(json) });
            if (report.RequestedById != AuditActor.System.Id)
            {
                await notifications.AddAsync(db,
                [
                    // Not mailed as a notice: a subscriber's PDF is mailed by SendScheduledReportsJob, and who asked on screen waits there.
                    new Notice(report.RequestedById, $"report-ready:{report.Id}:{report.RequestedById}",
                        $"{report.Kind.Title()} for {document.PeriodText} is ready: {body.Headline}", ReportLinks.Report(report.Id), Critical: false, Email: false),
                ], cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }, cancellationToken);
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    [LoggerMessage(EventId = 9501, Level = LogLevel.Warning, Message = "Generating report {ReportId} failed (attempt {Attempt}, final: {Final})")]
    private static partial void LogFailed(ILogger logger, Exception exception, int reportId, int attempt, bool final);
}
