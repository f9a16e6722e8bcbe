using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Quality;

/// <summary>Check runs from request to archived report: lifecycle, downloads, idempotency, resumption, immutability, alerts, health.</summary>
public sealed class QualityRunsTests(QualityJobServerApp app) : IClassFixture<QualityJobServerApp>
{
    private static readonly Dictionary<string, object?[]> Reference = new()
    {
        ["income"] = [.. Enumerable.Range(0, 200).Select(i => (object?)(i % 100))],
        ["tenure"] = [.. Enumerable.Range(0, 200).Select(i => (object?)(i % 37))],
        ["prediction"] = [.. Enumerable.Range(0, 200).Select(i => (object?)(i % 2 == 0 ? "yes" : "no"))],
    };

    private static readonly Dictionary<string, object?[]> Drifting = new()
    {
        ["income"] = [.. Enumerable.Range(0, 200).Select(i => (object?)(60 + (i % 100)))],
        ["tenure"] = [.. Enumerable.Range(0, 200).Select(i => (object?)(i % 37))],
        ["prediction"] = [.. Enumerable.Range(0, 200).Select(i => (object?)(i % 2 == 0 ? "yes" : "no"))],
    };

    private static readonly string[] UnknownChecks = ["data_drift", "vibes"];

    [Fact]
    public async Task A_run_reaches_100_percent_and_its_report_downloads_exactly_as_hashed()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services, "lifecycle");
        using var client = app.CreateClientAs(Personas.Contributor);
        await client.UploadOkAsync(model, 1, "reference", Reference);
        await client.UploadOkAsync(model, 1, "current", Drifting);

        var runId = await client.RequestRunAsync(model, 1, "data_drift", "data_quality");
        var run = await client.SucceededRunAsync(runId);

        Assert.Equal(100, run["progress"]!.GetValue<int>());
        var reportId = run["reportId"]!.GetValue<int>();
        var report = await client.ReportAsync(reportId);
        Assert.Equal(model, report["model"]!.GetValue<string>());
        Assert.Equal(1, report["version"]!.GetValue<int>());
        Assert.Equal("Fail", report["status"]!.GetValue<string>());
        var sha = report["sha256"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{64}$", sha);
        Assert.Equal(["data_quality", "data_drift"], report["checks"]!.AsArray().Select(c => c!["kind"]!.GetValue<string>()).ToArray());
        var drift = report.Check("data_drift");
        Assert.True(drift.Feature("income")["drifted"]!.GetValue<bool>());
        Assert.False(drift.Feature("tenure")["drifted"]!.GetValue<bool>());
        Assert.DoesNotContain(drift["features"]!.AsArray(), f => f!["name"]!.GetValue<string>() == "prediction");

        using var json = await client.GetPathAsync($"/api/v1/quality-reports/{reportId}/download?format=json");
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType?.MediaType);
        var bytes = await json.Content.ReadAsByteArrayAsync();
        Assert.Equal(sha, QualityTestData.Sha256Hex(bytes));
        var downloaded = JsonNode.Parse(bytes)!;
        Assert.Equal(model, downloaded["model"]!.GetValue<string>());
        Assert.Equal(runId, downloaded["runId"]!.GetValue<int>());

        using var html = await client.GetPathAsync($"/api/v1/quality-reports/{reportId}/download?format=html");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType?.MediaType);
        Assert.Contains(".html", html.Content.Headers.ContentDisposition?.FileName ?? string.Empty, StringComparison.Ordinal);
        var page = await html.Content.ReadAsStringAsync();
        Assert.Contains(model, page, StringComparison.Ordinal);
        Assert.Contains(sha, page, StringComparison.Ordinal);
        Assert.Contains("class=\"badge Fail\">Fail<", page, StringComparison.Ordinal);
        Assert.Contains("income", page, StringComparison.Ordinal);
        Assert.Contains("<svg", page, StringComparison.Ordinal);
        // Self-contained: nothing runs, nothing is fetched.
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("@import", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(new Regex("https?://", RegexOptions.IgnoreCase), page);
        Assert.DoesNotMatch(new Regex("(src|href)\\s*=", RegexOptions.IgnoreCase), page);

        using var badFormat = await client.GetPathAsync($"/api/v1/quality-reports/{reportId}/download?format=pdf");
        Assert.NotEmpty((await badFormat.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("format"));
        using var missing = await client.GetPathAsync($"/api/v1/quality-reports/{reportId + 100_000}/download?format=json");
        await missing.ProblemAsync(HttpStatusCode.NotFound);

        // The health score reads the report: drift and data quality are scored and say which report they come from.
        using var healthResponse = await client.GetPathAsync($"/api/v1/models/{model}/health");
        Assert.Equal(HttpStatusCode.OK, healthResponse.StatusCode);
        var parts = (await healthResponse.JsonAsync())["parts"]!.AsArray();
        foreach (var component in new[] { "Drift", "DataQuality" })
        {
            var part = parts.Single(p => p!["component"]!.GetValue<string>() == component)!;
            Assert.NotEqual("NoData", part["status"]!.GetValue<string>());
            Assert.NotNull(part["score"]);
            Assert.Contains($"Report {reportId}", part["explanation"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        var driftPart = parts.Single(p => p!["component"]!.GetValue<string>() == "Drift")!;
        Assert.Equal("Critical", driftPart["status"]!.GetValue<string>());
        Assert.Equal(50.0, driftPart["score"]!.GetValue<double>());
    }

    [Fact]
    public async Task Without_checks_the_run_takes_the_models_suite()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services, "suite-run");
        await app.Services.GetRequiredService<CheckSuites>().SaveSuiteAsync(Personas.Contributor, model,
            new CheckSuiteInput(false, "0 2 * * *", [CheckKind.NamingRules, CheckKind.Documentation], null));
        using var client = app.CreateClientAs(Personas.Contributor);

        var run = await client.SucceededRunAsync(await client.RequestRunAsync(model, 1));

        var report = await client.ReportAsync(run["reportId"]!.GetValue<int>());
        Assert.Equal(["documentation", "naming_rules"], report["checks"]!.AsArray().Select(c => c!["kind"]!.GetValue<string>()).Order().ToArray());
    }

    [Fact]
    public async Task An_unknown_check_is_400_naming_the_valid_ones_and_queues_nothing()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services, "bad-check");
        using var client = app.CreateClientAs(Personas.Contributor);

        using var response = await client.PostJsonAsync($"/api/v1/models/{model}/check-runs", new { version = 1, checks = UnknownChecks });

        var message = Assert.Single((await response.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("checks"));
        Assert.Contains("'vibes'", message, StringComparison.Ordinal);
        foreach (var kind in CheckKinds.All)
        {
            Assert.Contains(kind.ApiName(), message, StringComparison.Ordinal);
        }

        using var unknownVersion = await client.PostJsonAsync($"/api/v1/models/{model}/check-runs", new { version = 9 });
        Assert.NotEmpty((await unknownVersion.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("version"));
        using var business = app.CreateClientAs(Personas.Business);
        using var refused = await business.PostJsonAsync($"/api/v1/models/{model}/check-runs", new { version = 1 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.False(await app.QueryAsync(db => db.CheckRuns.AnyAsync(r => db.Models.Any(m => m.Id == r.ModelId && m.Key == model))));
    }

    [Fact]
    public async Task A_run_without_samples_fails_saying_why_and_raises_an_alert()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services, "no-samples");
        using var client = app.CreateClientAs(Personas.Support);

        var run = await client.SucceededRunAsync(await client.RequestRunAsync(model, 1, "data_quality", "data_drift"));

        var report = await client.ReportAsync(run["reportId"]!.GetValue<int>());
        Assert.Equal("Fail", report["status"]!.GetValue<string>());
        var quality = report.Check("data_quality");
        Assert.Equal("Fail", quality["status"]!.GetValue<string>());
        Assert.Contains("no current sample", quality["summary"]!.GetValue<string>(), StringComparison.Ordinal);
        var drift = report.Check("data_drift");
        Assert.Equal("Fail", drift["status"]!.GetValue<string>());
        Assert.Contains("no reference sample", drift["summary"]!.GetValue<string>(), StringComparison.Ordinal);

        var alerts = app.Services.GetRequiredService<AlertsService>();
        var alert = await QualityTestData.EventuallyAsync<AlertView>(
            async () => (await alerts.ListAlertsAsync(model)).FirstOrDefault(a => a.Metric == RunQualityChecksJob.FailedChecksMetric && a.ResolvedAtUtc is null),
            $"a firing {RunQualityChecksJob.FailedChecksMetric} alert on {model}");
        Assert.Equal(2, alert.Value);
    }

    [Fact]
    public async Task Executing_a_finished_run_again_writes_no_second_report()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services, "idempotent");
        using var client = app.CreateClientAs(Personas.Contributor);
        var runId = await client.RequestRunAsync(model, 1, "naming_rules");
        var first = await client.SucceededRunAsync(runId);
        var reportId = first["reportId"]!.GetValue<int>();

        await app.Services.GetRequiredService<RunQualityChecksJob>().RunAsync(runId, CancellationToken.None);
        await app.Services.GetRequiredService<RunQualityChecksJob>().RunAsync(runId, CancellationToken.None);

        var again = await client.SucceededRunAsync(runId);
        Assert.Equal(reportId, again["reportId"]!.GetValue<int>());
        Assert.Equal(1, await app.QueryAsync(db => db.QualityReports.CountAsync(r => r.RunId == runId)));
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == "quality-report.created" && e.EntityId == reportId.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(1, await app.QueryAsync(db => db.CheckRuns.Where(r => r.Id == runId).Select(r => r.Attempts).SingleAsync()));
    }

    [Fact]
    public async Task A_run_requested_before_a_restart_is_executed_by_the_next_process()
    {
        int runId;
        string path;
        var first = new PortalAppFactory { RunJobServer = false, OwnsDatabase = false };
        try
        {
            path = first.DatabasePath;
            var model = await QualityTestData.CreateModelAsync(first.Services, "resume");
            var run = await first.Services.GetRequiredService<CheckRuns>().RequestRunAsync(Personas.Contributor, model, 1, ["naming_rules"], CheckRunTrigger.Api);
            runId = run.Id;
            Assert.Equal(CheckRunState.Queued, run.State);
        }
        finally
        {
            await first.DisposeAsync();
        }

        await using var second = new PortalAppFactory { DatabasePath = path, RunJobServer = true };
        var runs = second.Services.GetRequiredService<CheckRuns>();
        var finished = await QualityTestData.EventuallyAsync<CheckRunView>(
            async () => await runs.GetRunAsync(runId) is { State: CheckRunState.Succeeded or CheckRunState.Failed } r ? r : null,
            $"run {runId} to be resumed");

        Assert.Equal(CheckRunState.Succeeded, finished.State);
        Assert.NotNull(finished.ReportId);
        Assert.Equal(1, await second.QueryAsync(db => db.QualityReports.CountAsync(r => r.RunId == runId)));
    }

    [Fact]
    public async Task Reports_are_immutable_and_only_passing_ones_expire()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var local = new PortalAppFactory { ConfigureServices = services => services.AddSingleton<TimeProvider>(clock) };
        var model = await QualityTestData.CreateModelAsync(local.Services, "retention");
        var runs = local.Services.GetRequiredService<CheckRuns>();
        var reports = local.Services.GetRequiredService<QualityReports>();
        var job = local.Services.GetRequiredService<RunQualityChecksJob>();

        var passing = await runs.RequestRunAsync(Personas.Contributor, model, 1, ["naming_rules"], CheckRunTrigger.Api);
        await job.RunAsync(passing.Id, CancellationToken.None);
        var failing = await runs.RequestRunAsync(Personas.Contributor, model, 1, ["data_drift"], CheckRunTrigger.Api);
        await job.RunAsync(failing.Id, CancellationToken.None);
        var passReport = (await runs.GetRunAsync(passing.Id))!.ReportId!.Value;
        var failReport = (await runs.GetRunAsync(failing.Id))!.ReportId!.Value;
        Assert.Equal(QualityStatus.Pass, (await reports.GetReportAsync(passReport))!.Status);
        Assert.Equal(QualityStatus.Fail, (await reports.GetReportAsync(failReport))!.Status);

        var update = await Assert.ThrowsAnyAsync<DbException>(() => local.QueryAsync(db =>
            db.Database.ExecuteSqlRawAsync("UPDATE \"QualityReports\" SET \"Status\" = 'Pass' WHERE \"Id\" = {0}", failReport)));
        Assert.Contains(QualityReportTriggers.Message, update.Message, StringComparison.Ordinal);
        var content = await Assert.ThrowsAnyAsync<DbException>(() => local.QueryAsync(db =>
            db.Database.ExecuteSqlRawAsync("UPDATE \"QualityReports\" SET \"Content\" = 'tampered' WHERE \"Id\" = {0}", passReport)));
        Assert.Contains(QualityReportTriggers.Message, content.Message, StringComparison.Ordinal);
        var checks = await Assert.ThrowsAnyAsync<DbException>(() => local.QueryAsync(db =>
            db.Database.ExecuteSqlRawAsync("UPDATE \"QualityReportChecks\" SET \"Status\" = 'Pass' WHERE \"ReportId\" = {0}", failReport)));
        Assert.Contains(QualityReportTriggers.Message, checks.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => local.QueryAsync(db =>
            db.Database.ExecuteSqlRawAsync("DELETE FROM \"QualityReports\" WHERE \"Id\" = {0}", failReport)));
        Assert.Contains("a Fail is kept", delete.Message, StringComparison.Ordinal);
        Assert.Equal(QualityStatus.Fail, (await reports.GetReportAsync(failReport))!.Status);

        var prune = local.Services.GetRequiredService<PruneQualityReportsJob>();
        clock.Advance(TimeSpan.FromDays(179));
        Assert.Equal(0, await prune.RunAsync(CancellationToken.None));
        Assert.NotNull(await reports.GetReportAsync(passReport));

        clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await prune.RunAsync(CancellationToken.None));

        Assert.Null(await reports.GetReportAsync(passReport));
        Assert.NotNull(await reports.GetReportAsync(failReport));
        Assert.Null((await runs.GetRunAsync(passing.Id))!.ReportId);
        Assert.Equal(failReport, (await runs.GetRunAsync(failing.Id))!.ReportId);
        Assert.False(await local.QueryAsync(db => db.QualityReportChecks.AnyAsync(c => c.ReportId == passReport)));
        Assert.True(await local.QueryAsync(db => db.AuditEvents.AnyAsync(e => e.Action == "quality-report.pruned")));
    }
}
