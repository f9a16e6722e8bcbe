using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Features.Quality;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>The reports API over real HTTP with the job server running: request, progress, archive, download, roles.</summary>
public sealed class ReportsApiTests(QualityJobServerApp app) : IClassFixture<QualityJobServerApp>
{
    private static string LastMonthFrom => DateTime.UtcNow.AddMonths(-1).ToString("yyyy-MM-01", System.Globalization.CultureInfo.InvariantCulture);

    private static string LastMonthTo => new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(-1)
        .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_executive_requests_a_report_follows_its_progress_and_downloads_the_archived_bytes_again_and_again()
    {
        using var client = app.CreateClientAs(Personas.Executive);

        using var accepted = await client.PostJsonAsync("/api/v1/reports", new { kind = "executive", from = LastMonthFrom, to = LastMonthTo });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var id = (await accepted.JsonAsync())["id"]!.GetValue<int>();
        Assert.Equal($"/api/v1/reports/{id}", accepted.Headers.Location!.OriginalString);

        var report = await client.SucceededReportAsync(id);
        Assert.Equal("executive", report["kind"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(report["headline"]!.GetValue<string>()));
        var pdfEntry = report["files"]!.AsArray().Single(f => f!["format"]!.GetValue<string>() == "pdf")!;

        var pdf = await client.DownloadAsync(id, "pdf", "application/pdf");
        var again = await client.DownloadAsync(id, "pdf", "application/pdf");
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        Assert.Equal(pdfEntry["sha256"]!.GetValue<string>(), QualityTestData.Sha256Hex(pdf));
        Assert.Equal(QualityTestData.Sha256Hex(pdf), QualityTestData.Sha256Hex(again));

        var xlsx = await client.DownloadAsync(id, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        Assert.Equal("PK"u8.ToArray(), xlsx[..2]);

        using var zip = new ZipArchive(new MemoryStream(await client.DownloadAsync(id, "csv", "application/zip")));
        Assert.NotEmpty(zip.Entries);
        Assert.All(zip.Entries, e => Assert.EndsWith(".csv", e.Name, StringComparison.Ordinal));
        var table = Path.GetFileNameWithoutExtension(zip.Entries[0].Name);
        var csv = await client.DownloadAsync(id, "csv", "text/csv", table);
        using (var reader = new StreamReader(zip.Entries[0].Open()))
        {
            Assert.Equal(await reader.ReadToEndAsync(), System.Text.Encoding.UTF8.GetString(csv).TrimStart('\uFEFF'));
        }

        Assert.Equal(2, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == "report.downloaded" && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture) && e.Details!.Contains("\"pdf\""))));

        using var list = await client.GetPathAsync("/api/v1/reports?kind=executive");
        Assert.Contains((await list.JsonAsync())["items"]!.AsArray(), r => r!["id"]!.GetValue<int>() == id);
    }

    [Fact]
    public async Task The_same_period_and_as_of_gives_the_same_figures_when_generated_again()
    {
        using var client = app.CreateClientAs(Personas.Admin);
        var first = await client.RequestAndWaitAsync("usage", LastMonthFrom, LastMonthTo);
        var second = await client.RequestAndWaitAsync("usage", LastMonthFrom, LastMonthTo);

        var documents = await app.QueryAsync(db => db.Reports.Where(r => r.Id == first || r.Id == second).OrderBy(r => r.Id).Select(r => r.Content!).ToListAsync());
        var (a, b) = (ReportDocument.FromJson(documents[0]), ReportDocument.FromJson(documents[1]));
        Assert.Equal(a.AsOfUtc, b.AsOfUtc);
        Assert.Equal(Figures(a), Figures(b));
        Assert.Equal(a.Headline, b.Headline);
    }

    [Fact]
    public async Task A_security_audit_without_dates_covers_the_last_calendar_month()
    {
        using var auditor = app.CreateClientAs(Personas.Auditor);

        using var accepted = await auditor.PostJsonAsync("/api/v1/reports", new { kind = "security-audit" });

        var report = await accepted.JsonAsync();
        var firstOfMonth = new DateTime(DateTime.UtcNow.Year, DateTime.UtcNow.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(firstOfMonth.AddMonths(-1), report["from"]!.GetValue<DateTime>());
        Assert.Equal(firstOfMonth, report["to"]!.GetValue<DateTime>());
        await auditor.SucceededReportAsync(report["id"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_bad_request_names_each_field_and_records_nothing()
    {
        using var client = app.CreateClientAs(Personas.Executive);
        var before = await app.QueryAsync(db => db.Reports.CountAsync());
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        using var noKind = await client.PostJsonAsync("/api/v1/reports", new { from = "2026-11-01" });
        Assert.Contains("usage, executive or security-audit", Assert.Single((await noKind.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("kind")), StringComparison.Ordinal);
        using var badDates = await client.PostJsonAsync("/api/v1/reports", new { kind = "usage", from = "1 Nov", to = tomorrow });
        var problem = await badDates.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("yyyy-MM-dd", Assert.Single(problem.FieldErrors("from")), StringComparison.Ordinal);
        using var future = await client.PostJsonAsync("/api/v1/reports", new { kind = "usage", to = tomorrow });
        Assert.Contains("cannot end after today", Assert.Single((await future.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("to")), StringComparison.Ordinal);
        using var tooLong = await client.PostJsonAsync("/api/v1/reports", new { kind = "usage", from = "2020-01-01", to = "2026-01-01" });
        Assert.Contains("at most 731 days", Assert.Single((await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("from")), StringComparison.Ordinal);
        using var badFormat = await client.GetPathAsync("/api/v1/reports/1/download?format=docx");
        Assert.NotEmpty((await badFormat.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("format"));

        Assert.Equal(before, await app.QueryAsync(db => db.Reports.CountAsync()));
    }

    [Fact]
    public async Task Each_kind_is_read_only_by_its_roles()
    {
        using var executive = app.CreateClientAs(Personas.Executive);
        using var auditor = app.CreateClientAs(Personas.Auditor);
        using var business = app.CreateClientAs(Personas.Business);
        var executiveReport = await executive.RequestAndWaitAsync("executive", LastMonthFrom, LastMonthTo);
        var audit = await auditor.RequestAndWaitAsync("security-audit", LastMonthFrom, LastMonthTo);

        using (var refused = await executive.PostJsonAsync("/api/v1/reports", new { kind = "security-audit" }))
        {
            var problem = await refused.ProblemAsync(HttpStatusCode.Forbidden);
            Assert.Contains(PortalRoles.ComplianceAuditor, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        using (var hidden = await auditor.GetPathAsync($"/api/v1/reports/{executiveReport}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        }

        using (var hiddenFile = await auditor.GetPathAsync($"/api/v1/reports/{executiveReport}/download?format=pdf"))
        {
            Assert.Equal(HttpStatusCode.NotFound, hiddenFile.StatusCode);
        }

        using (var list = await auditor.GetPathAsync("/api/v1/reports"))
        {
            var kinds = (await list.JsonAsync())["items"]!.AsArray().Select(r => r!["kind"]!.GetValue<string>()).Distinct().ToList();
            Assert.Equal(["security-audit"], kinds);
        }

        using (var none = await business.GetPathAsync("/api/v1/reports"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, none.StatusCode);
        }

        var key = await app.CreateKeyAsync("siem-export", PortalRoles.AuditRead);
        using var siem = app.CreateClientWithKey(key.Secret);
        Assert.Equal("%PDF"u8.ToArray(), (await siem.DownloadAsync(audit, "pdf", "application/pdf"))[..4]);
    }

    [Fact]
    public async Task An_archived_report_and_its_files_cannot_be_changed_or_deleted()
    {
        using var client = app.CreateClientAs(Personas.Admin);
        var id = await client.RequestAndWaitAsync("executive", LastMonthFrom, LastMonthTo);

        await Assert.ThrowsAnyAsync<Exception>(() => app.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE Reports SET Headline = 'All is well' WHERE Id = {id}")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.QueryAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM Reports WHERE Id = {id}")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.QueryAsync(db => db.Database.ExecuteSqlAsync($"UPDATE ReportFiles SET Sha256 = 'x' WHERE ReportId = {id}")));
        await Assert.ThrowsAnyAsync<Exception>(() => app.QueryAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM ReportFiles WHERE ReportId = {id}")));
        Assert.Equal(2, await app.QueryAsync(db => db.ReportFiles.CountAsync(f => f.ReportId == id)));
    }

    [Fact]
    public async Task Api_calls_are_counted_per_client_and_area_without_a_write_per_call()
    {
        var key = await app.CreateKeyAsync("usage-counting-pipeline", PortalRoles.RegistryWrite);
        using var pipeline = app.CreateClientWithKey(key.Secret);
        for (var i = 0; i < 3; i++)
        {
            using var response = await pipeline.GetPathAsync("/api/v1/models");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var subject = "API key usage-counting-pipeline|models";
        Assert.Equal(0, await app.QueryAsync(db => db.UsageRollups.CountAsync(r => r.Subject.StartsWith("API key usage-counting-pipeline"))));
        await app.Services.GetRequiredService<MlOpsPortal.Features.Usage.UsageFlusher>().FlushAsync();
        var rows = await app.QueryAsync(db => db.UsageRollups.Where(r => r.Subject.StartsWith("API key usage-counting-pipeline")).ToListAsync());
        Assert.Equal((subject, 3L), (Assert.Single(rows).Subject, rows[0].Count));
    }

    private static string Figures(ReportDocument document) =>
        System.Text.Json.JsonSerializer.Serialize(document.Sections);
}

internal static class ReportsApiClient
{
    public static async Task<int> RequestAndWaitAsync(this HttpClient client, string kind, string from, string to)
    {
        using var accepted = await client.PostJsonAsync("/api/v1/reports", new { kind, from, to });
        var body = await accepted.Content.ReadAsStringAsync();
        Assert.True(accepted.StatusCode == HttpStatusCode.Accepted, $"{(int)accepted.StatusCode} {body}");
        var id = JsonNode.Parse(body)!["id"]!.GetValue<int>();
        await client.SucceededReportAsync(id);
        return id;
    }

    public static async Task<JsonNode> SucceededReportAsync(this HttpClient client, int id)
    {
        var report = await QualityTestData.EventuallyAsync<JsonNode>(async () =>
        {
            using var response = await client.GetPathAsync($"/api/v1/reports/{id}");
            var node = await response.JsonAsync();
            return node["state"]!.GetValue<string>() is "Succeeded" or "Failed" ? node : null;
        }, $"report {id} to finish", timeoutSeconds: 120);
        Assert.True(report["state"]!.GetValue<string>() == "Succeeded", $"Report {id} failed: {report.ToJsonString()}");
        return report;
    }

    public static async Task<byte[]> DownloadAsync(this HttpClient client, int id, string format, string contentType, string? table = null)
    {
        using var response = await client.GetPathAsync($"/api/v1/reports/{id}/download?format={format}" + (table is null ? string.Empty : $"&table={table}"));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{format}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal(contentType, response.Content.Headers.ContentType!.MediaType);
        return bytes;
    }
}
