// The executive report for 1,000 models and a year of data, against reading the same rows once (plain EF reads of every
// table the report draws on, for the same period), measured in the same run and reported as a ratio.
// Run: dotnet run -c Release --project bench/ReportBench   (seeding takes about a minute)
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlOpsPortal;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Infrastructure.Configuration;
using MlOpsPortal.Infrastructure.Data;

const int Models = 1_000;
const int Runs = 3;
var asOf = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
var scope = new ReportScope(asOf.AddDays(-365), asOf, asOf);
var path = Path.Combine(Path.GetTempPath(), $"report-bench-{Guid.NewGuid():N}.db");
try
{
    await using var services = Build(path);
    var seeding = Stopwatch.StartNew();
    await Seed.RunAsync(services, path, scope, Models);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {Models:N0} models and a year of data in {seeding.Elapsed.TotalSeconds:0.0} s"));

    var builder = services.GetServices<IReportBuilder>().Single(b => b.Kind == ReportKind.Executive);
    var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
    var renders = true;

    async Task<(double Seconds, int Rows)> ReadOnceAsync()
    {
        var watch = Stopwatch.StartNew();
        var rows = await Baseline.ReadAsync(factory, scope);
        return (watch.Elapsed.TotalSeconds, rows);
    }

    async Task<(double Build, double Total)> ReportAsync()
    {
        var watch = Stopwatch.StartNew();
        var body = await builder.BuildAsync(scope, _ => Task.CompletedTask, CancellationToken.None);
        var built = watch.Elapsed.TotalSeconds;
        var document = new ReportDocument(ReportKind.Executive, "Executive report", scope.FromUtc, scope.ToUtc, scope.AsOfUtc, asOf, "bench", body.Headline, body.Sections, body.Definitions);
        _ = document.ToJson();
        if (renders)
        {
            try
            {
                _ = ReportPdf.Render(document);
                _ = ReportXlsx.Render(document);
            }
            catch (NotImplementedException)
            {
                renders = false;
            }
        }

        return (built, watch.Elapsed.TotalSeconds);
    }

    // One warm-up each (JIT, SQLite page cache), then interleaved runs; medians reported.
    var (_, rowsRead) = await ReadOnceAsync();
    await ReportAsync();
    var baseline = new List<double>();
    var reports = new List<(double Build, double Total)>();
    for (var run = 0; run < Runs; run++)
    {
        baseline.Add((await ReadOnceAsync()).Seconds);
        reports.Add(await ReportAsync());
    }

    var a = Median(baseline);
    var build = Median(reports.Select(r => r.Build));
    var total = Median(reports.Select(r => r.Total));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(a) reading the same rows once ({rowsRead:N0} rows): {a:0.000} s"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"(b) building the executive report: {build:0.000} s"));
    Console.WriteLine(renders
        ? string.Create(CultureInfo.InvariantCulture, $"(b) building and rendering PDF + XLSX: {total:0.000} s")
        : "(b) PDF/XLSX rendering not measured: ReportPdf/ReportXlsx throw NotImplementedException in this build");
    var measured = renders ? total : build;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"(b) {measured:0.000} s (target <= 10 s: {(measured <= 10 ? "met" : "NOT met")}); ratio (b)/(a) {measured / a:0.00} (target <= 5: {(measured / a <= 5 ? "met" : "NOT met")})"));
}
finally
{
    SqliteConnection.ClearAllPools();
    foreach (var file in new[] { path, path + "-wal", path + "-shm", path + ".audit-anchor" })
    {
        File.Delete(file);
    }
}

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static ServiceProvider Build(string path)
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        EnvironmentName = Environments.Development,
        ApplicationName = "MlOpsPortal",
        ContentRootPath = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "MlOpsPortal")),
    });
    builder.UseRootDevelopmentSettings();
    builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Portal"] = $"Data Source={path}",
        ["Audit:AnchorPath"] = path + ".audit-anchor",
        ["Audit:ChainKey"] = "YmVuY2gtb25seS1hdWRpdC1jaGFpbi1rZXktMDAwMDAwMDA=",
        ["Jobs:ServerEnabled"] = "false",
        ["DemoData:Enabled"] = "false",
        ["Monitoring:Simulator:Enabled"] = "false",
    });
    builder.AddPortalServices();
    return builder.Services.BuildServiceProvider();
}

/// <summary>
/// Every row the executive report draws on, read once with plain no-tracking queries: the floor any report over the
/// same data pays. Returns how many rows it read.
/// </summary>
internal static class Baseline
{
    public static async Task<int> ReadAsync(IDbContextFactory<PortalDbContext> factory, ReportScope scope)
    {
        var (from, end, asOf) = (scope.FromUtc, scope.EndUtc, scope.AsOfUtc);
        var (fromMs, endMs) = (new DateTimeOffset(from).ToUnixTimeMilliseconds(), new DateTimeOffset(end).ToUnixTimeMilliseconds());
        var (firstDay, lastDay) = (scope.FirstDay, scope.LastDay);
        await using var db = await factory.CreateDbContextAsync();
        var rows = 0;
        rows += (await db.Models.AsNoTracking().Where(m => m.CreatedAtUtc <= asOf).ToListAsync()).Count;
        rows += (await db.ModelVersions.AsNoTracking().ToListAsync()).Count;
        rows += (await db.DeploymentRequests.AsNoTracking().Where(r => r.CreatedAtUtc <= asOf).ToListAsync()).Count;
        rows += (await db.MetricSeries.AsNoTracking().ToListAsync()).Count;
        rows += (await db.MetricRollups.AsNoTracking().Where(r => r.Resolution == RollupResolution.Hour && r.BucketStartMs >= fromMs && r.BucketStartMs < endMs).ToListAsync()).Count;
        rows += (await db.MetricPoints.AsNoTracking().Where(p => p.TimestampMs >= fromMs && p.TimestampMs < endMs).ToListAsync()).Count;
        rows += (await db.PortfolioSnapshots.AsNoTracking().Where(s => s.Day >= firstDay && s.Day <= lastDay && s.TakenAtUtc <= asOf).ToListAsync()).Count;
        rows += (await db.QualityReports.AsNoTracking().Where(r => r.CreatedAtUtc >= from && r.CreatedAtUtc < end).Select(r => new { r.Id, r.ModelId, r.CreatedAtUtc, r.Status }).ToListAsync()).Count;
        rows += (await db.QualityReportChecks.AsNoTracking().Where(c => db.QualityReports.Any(r => r.Id == c.ReportId && r.CreatedAtUtc >= from && r.CreatedAtUtc < end)).ToListAsync()).Count;
        rows += (await db.Incidents.AsNoTracking().Include(i => i.Holds).Where(i => i.DetectedAtUtc < end && (i.DetectedAtUtc >= from || i.ResolvedAtUtc == null || i.ResolvedAtUtc >= from)).ToListAsync()).Count;
        rows += (await db.UsageRollups.AsNoTracking().Where(r => r.Day >= firstDay && r.Day <= lastDay).ToListAsync()).Count;
        rows += (await db.Set<AccessRequest>().AsNoTracking().Where(r => r.RequestedAtUtc <= asOf).ToListAsync()).Count;
        rows += (await db.Set<AccessReview>().AsNoTracking().Where(r => r.StartedAtUtc <= asOf).ToListAsync()).Count;
        return rows;
    }
}
