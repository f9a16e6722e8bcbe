using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>
/// Archived reports written straight into the test database, as the generation job would leave them: the pages are
/// tested without the builders and renderers, so the figures here are the test's own and the files stand-ins.
/// </summary>
public static class SampleReports
{
    public static readonly DateTime From = new(2026, 10, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime To = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);

    public static ReportDocument Document(ReportKind kind, DateTime? from = null, DateTime? to = null) => new(
        kind,
        kind.Title(),
        from ?? From,
        to ?? To,
        to ?? To,
        (to ?? To).AddHours(2),
        "Erin Executive",
        $"3 of 42 production models need attention ({kind.ApiName()}).",
        [
            new ReportSection(
                "inventory",
                "Inventory",
                "42 models run in production, 5 of them high risk.",
                [new ReportFigure("Models in production", 42, "42"), new ReportFigure("High risk", 5, "5")],
                [new ReportChart("Models by risk tier", ReportChartKind.StackedBar, "models", ["Low", "Medium", "High"],
                    [new ReportSeries("Production", [20, 17, 5]), new ReportSeries("Staging", [3, 2, 1])])],
                [new ReportTable("models-by-unit", "Models by business unit",
                    [new ReportColumn("Business unit", ReportColumnType.Text), new ReportColumn("Models", ReportColumnType.Count),
                     new ReportColumn("Healthy share", ReportColumnType.Percent), new ReportColumn("Last review", ReportColumnType.Date)],
                    [
                        [ReportCell.Of("Retail"), ReportCell.Of(1234), ReportCell.Of(0.125), ReportCell.Of(new DateOnly(2026, 10, 20))],
                        [ReportCell.Of("Risk"), ReportCell.Of(8), ReportCell.Of(1.0), ReportCell.Of((DateTime?)null)],
                    ])]),
            new ReportSection(
                "gaps",
                "Models with gaps",
                "No production model lacks an owner.",
                [],
                [],
                [new ReportTable("no-owner", "Models without an owner", [new ReportColumn("Model", ReportColumnType.Text)], [], "Every model has an owner.")]),
        ],
        [new ReportDefinition("Production model", "A model with an approved deployment running in production at the as-of instant.")]);

    /// <summary>A succeeded report of <paramref name="kind"/> with its PDF and XLSX stand-ins; its id.</summary>
    public static async Task<int> AddSucceededAsync(
        IServiceProvider services, ReportKind kind, DateTime? requestedAt = null, DateTime? from = null, DateTime? to = null, string requestedBy = "Erin Executive",
        ReportDocument? content = null)
    {
        var document = content ?? Document(kind, from, to);
        var json = document.ToJson();
        var report = NewReport(kind, ReportState.Succeeded, requestedAt ?? document.GeneratedAtUtc, document.FromUtc, document.ToUtc, requestedBy);
        report.Progress = 100;
        report.GeneratedAtUtc = document.GeneratedAtUtc;
        report.Headline = document.Headline;
        report.Content = json;
        report.ContentSha256 = ReportDocument.Sha256Of(json);
        await using var db = await Db(services);
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        foreach (var format in new[] { "pdf", "xlsx" })
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes($"{format} of report {report.Id}");
            db.ReportFiles.Add(new ReportFile { ReportId = report.Id, Format = format, Bytes = bytes, Sha256 = ReportDocument.Sha256Of(bytes) });
        }

        await db.SaveChangesAsync();
        return report.Id;
    }

    /// <summary>A report still being generated (or failed), without content.</summary>
    public static async Task<int> AddUnfinishedAsync(IServiceProvider services, ReportKind kind, ReportState state, int progress, DateTime requestedAt)
    {
        var report = NewReport(kind, state, requestedAt, From, To, "Erin Executive");
        report.Progress = progress;
        report.Error = state == ReportState.Failed ? "The usage counts could not be read." : null;
        await using var db = await Db(services);
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    }

    /// <summary>Finishes a report as the job would: its figures, its hash, succeeded.</summary>
    public static async Task FinishAsync(IServiceProvider services, int id)
    {
        await using var db = await Db(services);
        var report = await db.Reports.SingleAsync(r => r.Id == id);
        var json = Document(report.Kind).ToJson();
        report.State = ReportState.Succeeded;
        report.Progress = 100;
        report.Content = json;
        report.ContentSha256 = ReportDocument.Sha256Of(json);
        report.Headline = Document(report.Kind).Headline;
        report.GeneratedAtUtc = report.RequestedAtUtc;
        await db.SaveChangesAsync();
    }

    public static async Task<string?> ShaOfAsync(IServiceProvider services, int id)
    {
        await using var db = await Db(services);
        return await db.Reports.Where(r => r.Id == id).Select(r => r.ContentSha256).SingleAsync();
    }

    private static Report NewReport(ReportKind kind, ReportState state, DateTime requestedAt, DateTime from, DateTime to, string requestedBy) => new()
    {
        Kind = kind,
        State = state,
        FromUtc = from,
        ToUtc = to,
        AsOfUtc = to,
        Trigger = ReportTrigger.OnDemand,
        RequestedById = "dev-executive",
        RequestedByName = requestedBy,
        RequestedAtUtc = requestedAt,
    };

    private static Task<PortalDbContext> Db(IServiceProvider services) =>
        services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
}
