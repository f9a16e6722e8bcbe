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
    public async Task<QualityReportSummary?> LatestReportForVersionAsync(int modelVersionId, CancellationToken cancellationToken = default) =>
        (await LatestReportsForVersionsAsync([modelVersionId], cancellationToken)).GetValueOrDefault(modelVersionId);

    /// <summary>The newest report of each of <paramref name="modelVersionIds"/> in a fixed number of reads; versions without one are left out.</summary>
    public async Task<IReadOnlyDictionary<int, QualityReportSummary>> LatestReportsForVersionsAsync(
        IReadOnlyCollection<int> modelVersionIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelVersionIds);
        var wanted = modelVersionIds.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return new Dictionary<int, QualityReportSummary>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The reports no later report of the same version follows (the same moment: the higher id), in one read.
        var newest = db.QualityReports.AsNoTracking().Where(r => wanted.Contains(r.ModelVersionId)
            && !db.QualityReports.Any(later => later.ModelVersionId == r.ModelVersionId
                && (later.CreatedAtUtc > r.CreatedAtUtc || (later.CreatedAtUtc == r.CreatedAtUtc && later.Id > r.Id))));
        return (await SummaryRowsAsync(newest, 0, wanted.Count, cancellationToken)).ToDictionary(r => r.ModelVersionId, r => r.Summary);
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
    public async Task<LatestCheck?> LatestCheckAsync(string modelKey, CheckKind kind, CancellationToken cancellationToken = default) =>
        (await LatestChecksAsync([modelKey], [kind], cancellationToken)).GetValueOrDefault((modelKey, kind));

    /// <summary>
    /// The newest verdict of each check kind in <paramref name="kinds"/> for each of <paramref name="modelKeys"/>, in a
    /// fixed number of reads whatever the number of models and kinds; pairs whose check never ran (or models that do not
    /// exist) are left out.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string Model, CheckKind Kind), LatestCheck>> LatestChecksAsync(
        IReadOnlyCollection<string> modelKeys, IReadOnlyCollection<CheckKind> kinds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelKeys);
        ArgumentNullException.ThrowIfNull(kinds);
        var models = await keys.ModelsAsync(modelKeys, cancellationToken);
        var found = new Dictionary<(string Model, CheckKind Kind), LatestCheck>();
        if (models.Count == 0 || kinds.Count == 0)
        {
            return found;
        }

        var ids = models.Values.Select(m => m.Id).ToList();
        var wanted = kinds.Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // First which check is newest per model and kind (narrow rows: reports are kept for years), then only those checks' text.
        var candidates = await (from c in db.QualityReportChecks
                                join r in db.QualityReports on c.ReportId equals r.Id
                                where ids.Contains(r.ModelId) && wanted.Contains(c.Kind)
                                select new { r.ModelId, c.Kind, CheckId = c.Id, ReportId = r.Id, r.CreatedAtUtc }).ToListAsync(cancellationToken);
        var newest = candidates.GroupBy(c => (c.ModelId, c.Kind))
            .Select(g => g.OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.ReportId).ThenBy(c => c.CheckId).First().CheckId).ToList();
        var latest = await (from c in db.QualityReportChecks
                            join r in db.QualityReports on c.ReportId equals r.Id
                            where newest.Contains(c.Id)
                            select new { r.ModelId, c.Kind, r.Id, r.ModelVersionId, c.Status, c.DriftedShare, c.Summary, r.CreatedAtUtc }).ToListAsync(cancellationToken);
        var versions = await keys.VersionsAsync(latest.Select(l => l.ModelVersionId), cancellationToken);
        var keyOf = models.Values.ToDictionary(m => m.Id, m => m.Key);
        foreach (var l in latest)
        {
            found[(keyOf[l.ModelId], l.Kind)] = new LatestCheck(l.Id, versions[l.ModelVersionId].Number, l.Status, l.DriftedShare, l.Summary, l.CreatedAtUtc);
        }

        return found;
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
    private async Task<IReadOnlyList<QualityReportSummary>> SummariesAsync(IQueryable<QualityReport> reports, int skip, int take, CancellationToken cancellationToken) =>
        [.. (await SummaryRowsAsync(reports, skip, take, cancellationToken)).Select(r => r.Summary)];

    /// <summary>The reports newest first, each with the id of its version.</summary>
    private async Task<IReadOnlyList<(int ModelVersionId, QualityReportSummary Summary)>> SummaryRowsAsync(
        IQueryable<QualityReport> reports, int skip, int take, CancellationToken cancellationToken)
    {
        var rows = await reports.OrderByDescending(r => r.CreatedAtUtc).ThenByDescending(r => r.Id).Skip(skip).Take(take)
            .Select(r => new { r.Id, r.ModelVersionId, r.Status, r.CreatedAtUtc, r.Sha256 }).ToListAsync(cancellationToken);
        var versions = await keys.VersionsAsync(rows.Select(r => r.ModelVersionId), cancellationToken);
        return [.. rows.Select(r => (r.ModelVersionId,
            new QualityReportSummary(r.Id, versions[r.ModelVersionId].ModelKey, versions[r.ModelVersionId].Number, r.Status, r.CreatedAtUtc, r.Sha256)))];
    }
}
