using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Usage;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// Everything the executive report reads, each a whole-period read from the feature that owns it (never one query per
/// model: the portfolio may hold thousands), and each cut at the scope's as-of time.
/// </summary>
public sealed record ExecutiveData(
    ReportScope Scope,
    IReadOnlyList<EnvironmentRef> Environments,
    IReadOnlyList<PortfolioModel> Models,
    IReadOnlyList<DeploymentHistoryRecord> Deployments,
    IReadOnlyList<SeriesActivity> Activity,
    IReadOnlyList<PortfolioSnapshotRow> Snapshots,
    IReadOnlyList<PeriodCheck> Checks,
    IncidentMetrics? Incidents,
    IReadOnlyList<PriorityTargets> Targets,
    AccessStandingFigures Access,
    IReadOnlyList<UsageCount> Usage,
    PortalSeriesSummary Cpu,
    PortalSeriesSummary Memory);

public sealed record PortfolioSnapshotRow(DateOnly Day, int ModelId, string Status);

/// <summary>The executive report (issue 14): the portfolio's inventory, health, gaps, quality, deployments, incidents, access and the portal's own performance.</summary>
public sealed class ExecutiveReportBuilder(
    IDbContextFactory<PortalDbContext> dbFactory, ModelsService models, RegistryKeys keys, RunningDeployments deployments, MonitoringCoverage monitoring,
    QualityReports quality, IncidentMeasures incidents, AccessFigures access, UsageCounts usage, IOptions<MonitoringOptions> monitoringOptions)
    : IReportBuilder
{
    public ReportKind Kind => ReportKind.Executive;

    public async Task<ReportBody> BuildAsync(ReportScope scope, Func<int, Task> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(progress);
        var data = await ReadAsync(scope, progress, cancellationToken);
        var sections = new List<ReportSection>();
        var definitions = new List<ReportDefinition>();
        var builders = new Func<ExecutiveData, (ReportSection, IReadOnlyList<ReportDefinition>)>[]
        {
            ExecutiveSections.Inventory, ExecutiveSections.Health, ExecutiveSections.Gaps, ExecutiveSections.Quality,
            ExecutiveSections.Deployments, ExecutiveSections.Incidents, ExecutiveSections.Access, ExecutiveSections.Performance,
        };
        for (var i = 0; i < builders.Length; i++)
        {
            var (section, defined) = builders[i](data);
            sections.Add(section);
            definitions.AddRange(defined);
            await progress(50 + (50 * (i + 1) / builders.Length));
        }

        return new ReportBody(sections.Single(s => s.Key == ExecutiveSections.HealthKey).Lead, sections, definitions);
    }

    /// <summary>Each read in turn: they share one database, where running them side by side would only queue them.</summary>
    public async Task<ExecutiveData> ReadAsync(ReportScope scope, Func<int, Task> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(progress);
        var (from, end, asOf) = (scope.FromUtc, scope.EndUtc, scope.AsOfUtc);
        var environments = await keys.EnvironmentsAsync(cancellationToken);
        var portfolio = await models.PortfolioAsync(asOf, cancellationToken);
        var history = await deployments.HistoryAsync(asOf, cancellationToken);
        await progress(10);
        var activity = await monitoring.ActivityAsync(from, end, cancellationToken);
        var snapshots = await SnapshotsAsync(scope, cancellationToken);
        await progress(20);
        var checks = await quality.ChecksInPeriodAsync(from, end, cancellationToken);
        var measured = end > from ? await incidents.ComputeAsync(from, end, cancellationToken) : null;
        var targets = await incidents.TargetsAsync(cancellationToken);
        await progress(30);
        var standing = await access.AtAsync(asOf, cancellationToken);
        var (firstDay, lastWholeDay) = UsageDays(scope);
        var counts = lastWholeDay >= firstDay ? await usage.CountsAsync(firstDay, lastWholeDay, cancellationToken) : [];
        var portal = monitoringOptions.Value.PortalEnvironment;
        var cpu = await monitoring.PortalSeriesAsync(portal, MetricNames.SystemCpu, from, end, cancellationToken);
        var memory = await monitoring.PortalSeriesAsync(portal, MetricNames.SystemMemory, from, end, cancellationToken);
        await progress(50);
        return new ExecutiveData(scope, environments, portfolio, history, activity, snapshots, checks, measured, targets, standing, counts, cpu, memory);
    }

    /// <summary>Usage is rolled up per day, so only the days wholly before the period's end count: a later flush cannot change them.</summary>
    public static (DateOnly First, DateOnly Last) UsageDays(ReportScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return (scope.FirstDay, DateOnly.FromDateTime(scope.EndUtc).AddDays(-1));
    }

    private async Task<IReadOnlyList<PortfolioSnapshotRow>> SnapshotsAsync(ReportScope scope, CancellationToken cancellationToken)
    {
        var (first, last, asOf) = (scope.FirstDay, scope.LastDay, scope.AsOfUtc);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.PortfolioSnapshots.AsNoTracking()
            .Where(s => s.Environment == TakePortfolioSnapshotJob.Production && s.Day >= first && s.Day <= last && s.TakenAtUtc <= asOf)
            .Select(s => new PortfolioSnapshotRow(s.Day, s.ModelId, s.Status)).ToListAsync(cancellationToken);
    }
}
