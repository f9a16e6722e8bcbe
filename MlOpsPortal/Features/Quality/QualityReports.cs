using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Quality;

/// <summary>A report's verdict without its content: for lists, gates and the health score.</summary>
[FeatureContract]
public sealed record QualityReportSummary(int Id, string Model, int Version, QualityStatus Status, DateTime CreatedAtUtc, string Sha256);

/// <summary>A report as the API returns it: its identity and hash, then everything it found.</summary>
public sealed record QualityReportView(
    int Id, string Model, int Version, QualityStatus Status, DateTime CreatedAt, string Sha256, int RunId, IReadOnlyList<CheckOutcome> Checks);

[FeatureContract]
public sealed record QualityReportQuery
{
    public const int MaxPageSize = 100;
    public string? Model { get; init; }
    public QualityStatus? Status { get; init; }
    public CheckKind? Kind { get; init; }
    public DateTime? FromUtc { get; init; }
    public DateTime? ToUtc { get; init; }
    public int PageIndex { get; init; }
    public int PageSize { get; init; } = 25;
}

/// <summary>The latest verdict of one check kind for a model, for the health score.</summary>
[FeatureContract]
public sealed record LatestCheck(int ReportId, int Version, QualityStatus Status, double? DriftedShare, string Summary, DateTime CreatedAtUtc);

/// <summary>One check's verdict in one report, with the report's model id and time.</summary>
[FeatureContract]
public sealed record PeriodCheck(int ReportId, int ModelId, DateTime CreatedAtUtc, CheckKind Kind, QualityStatus Status, double? DriftedShare);

/// <summary>
/// The archived reports: listed, read and downloaded by people and the API, and their latest verdicts read by the
/// deployment gates and the health score. Reports are written only by <see cref="RunQualityChecksJob"/>.
/// </summary>
[FeatureContract]
public sealed class QualityReports(IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys)
{
    /// <summary>The newest report of a model version, or null when none was ever written (or all were pruned).</summary>
    public async Task<QualityReportSummary?> LatestReportForVersionAsync(int modelVersionId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await SummariesAsync(db.QualityReports.Where(r => r.ModelVersionId == modelVersionId), 0, 1, cancellationToken) is [var newest] ? newest : null;
    }

    public async Task<Page<QualityReportSummary>> ListReportsAsync(QualityReportQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var size = Math.Clamp(query.PageSize, 1, QualityReportQuery.MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var reports = db.QualityReports.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            if (await keys.ModelIdAsync(query.Model, cancellationToken) is not { } modelId)
            {
                return new Page<QualityReportSummary>([], 0, query.PageIndex, size);
            }

            reports = reports.Where(r => r.ModelId == modelId);
        }

        if (query.Status is { } status)
        {
            reports = reports.Where(r => r.Status == status);
        }

        if (query.Kind is { } kind)
        {
            reports = reports.Where(r => r.Checks.Any(c => c.Kind == kind));
        }

        if (query.FromUtc is { } from)
        {
            reports = reports.Where(r => r.CreatedAtUtc >= from);
        }

        if (query.ToUtc is { } to)
        {
            reports = reports.Where(r => r.CreatedAtUtc < to);
        }

        var total = await reports.CountAsync(cancellationToken);
        var items = await SummariesAsync(reports, Math.Max(query.PageIndex, 0) * size, size, cancellationToken);
        return new Page<QualityReportSummary>(items, total, query.PageIndex, size);
    }

    public async Task<QualityReportView?> GetReportAsync(int id, CancellationToken cancellationToken = default)
    {
        var stored = await GetStoredReportAsync(id, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var content = QualityReportContent.FromJson(stored.Value.Content);
        return new QualityReportView(id, content.Model, content.Version, content.Status, content.CreatedAt, stored.Value.Sha256, content.RunId, content.Checks);
    }

    /// <summary>The report's stored JSON exactly as hashed, for downloads that verify against the SHA-256.</summary>
    public async Task<(string Content, string Sha256)?> GetStoredReportAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.QualityReports.AsNoTracking().Where(r => r.Id == id).Select(r => new { r.Content, r.Sha256 }).SingleOrDefaultAsync(cancellationToken);
        return row is null ? null : (row.Content, row.Sha256);
    }

    /// <summary>The newest verdict of a check kind for a model, or null when that check never ran.</summary>
    public async Task<LatestCheck?> LatestCheckAsync(string modelKey, CheckKind kind, CancellationToken cancellationToken = default)
    {
        if (await keys.ModelIdAsync(modelKey, cancellationToken) is not { } modelId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var latest = await (from c in db.QualityReportChecks
                            join r in db.QualityReports on c.ReportId equals r.Id
                            where r.ModelId == modelId && c.Kind == kind
                            orderby r.CreatedAtUtc descending, r.Id descending
                            select new { r.Id, r.ModelVersionId, c.Status, c.DriftedShare, c.Summary, r.CreatedAtUtc }).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return null;
        }

        var version = (await keys.VersionsAsync([latest.ModelVersionId], cancellationToken))[latest.ModelVersionId];
        return new LatestCheck(latest.Id, version.Number, latest.Status, latest.DriftedShare, latest.Summary, latest.CreatedAtUtc);
    }

    /// <summary>Every check verdict of the reports written in [<paramref name="fromUtc"/>, <paramref name="endUtc"/>), in one read: for portfolio reports.</summary>
    public async Task<IReadOnlyList<PeriodCheck>> ChecksInPeriodAsync(DateTime fromUtc, DateTime endUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await (from c in db.QualityReportChecks.AsNoTracking()
                      join r in db.QualityReports.AsNoTracking() on c.ReportId equals r.Id
                      where r.CreatedAtUtc >= fromUtc && r.CreatedAtUtc < endUtc
                      orderby r.CreatedAtUtc, r.Id, c.Kind
                      select new PeriodCheck(r.Id, r.ModelId, r.CreatedAtUtc, c.Kind, c.Status, c.DriftedShare)).ToListAsync(cancellationToken);
    }

    /// <summary>A page of reports as summaries, newest first, with their models' keys and version numbers.</summary>
    private async Task<IReadOnlyList<QualityReportSummary>> SummariesAsync(IQueryable<QualityReport> reports, int skip, int take, CancellationToken cancellationToken)
    {
        var rows = await reports.OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id).Skip(skip).Take(take)
            .Select(r => new { r.Id, r.ModelVersionId, r.Status, r.CreatedAtUtc, r.Sha256 }).ToListAsync(cancellationToken);
        var versions = await keys.VersionsAsync(rows.Select(r => r.ModelVersionId), cancellationToken);
        return [.. rows.Select(r => new QualityReportSummary(r.Id, versions[r.ModelVersionId].ModelKey, versions[r.ModelVersionId].Number, r.Status, r.CreatedAtUtc, r.Sha256))];
    }
}
