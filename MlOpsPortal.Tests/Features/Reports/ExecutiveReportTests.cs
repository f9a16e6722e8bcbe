using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>
/// Each section of the executive report against figures worked out by hand from <see cref="ExecutiveReportFixture"/>
/// (period 1–8 November 2026, as of 7 November 23:45).
/// </summary>
public sealed class ExecutiveReportTests(ExecutiveReportFixture data) : IClassFixture<ExecutiveReportFixture>
{
    [Fact]
    public async Task Inventory_counts_models_by_tier_unit_and_furthest_approved_environment()
    {
        var section = Section(await data.BuildAsync(), "inventory");

        // churn-model runs in production (and staging), credit-model in staging; fraud-model was rejected and pricing-model has no version.
        Assert.Equal("4 models are registered in 2 business units; 1 of them run in production.", section.Lead);
        Assert.Equal(["Low | 1", "Medium | 1", "High | 1", "Critical | 1"], Rows(section, "inventory-risk-tier"));
        Assert.Equal(["Lending | 2", "Retail | 2"], Rows(section, "inventory-business-unit"));
        Assert.Equal(["production | 1", "staging | 1", "registered only | 2"], Rows(section, "inventory-stage"));
        var chart = Assert.Single(section.Charts);
        Assert.Equal(["Lending", "Retail"], chart.Categories);
        // Lending: credit-model (staging), pricing-model (registered only); Retail: churn-model (production), fraud-model (registered only).
        Assert.Equal([0d, 1d], chart.Series.Single(s => s.Name == "production").Values);
        Assert.Equal([1d, 0d], chart.Series.Single(s => s.Name == "staging").Values);
        Assert.Equal([1d, 1d], chart.Series.Single(s => s.Name == "registered only").Values);
    }

    [Fact]
    public async Task Health_reads_the_latest_snapshot_of_the_period_and_its_daily_trend()
    {
        var body = await data.BuildAsync();
        var section = Section(body, "health");

        // 7 Nov: churn Healthy, fraud Critical, credit Warning; pricing-model has no snapshot: No data.
        Assert.Equal("2 of 4 models need attention (Warning or Critical health in production).", section.Lead);
        Assert.Equal(section.Lead, body.Headline);
        Assert.Equal([1d, 1d, 1d, 1d], section.Figures.Select(f => f.Value!.Value));
        Assert.Equal(["Healthy", "Warning", "Critical", "No data"], section.Figures.Select(f => f.Label));
        var trend = Assert.Single(section.Charts);
        Assert.Equal(["2026-11-06", "2026-11-07"], trend.Categories);
        Assert.Equal([2d, 1d], trend.Series.Single(s => s.Name == "Healthy").Values);
        Assert.Equal([1d, 1d], trend.Series.Single(s => s.Name == "Warning").Values);
        Assert.Equal([0d, 1d], trend.Series.Single(s => s.Name == "Critical").Values);
    }

    [Fact]
    public async Task Gaps_list_one_row_per_model_and_gap_including_the_shadow_deployment()
    {
        var section = Section(await data.BuildAsync(), "gaps");

        Assert.Equal("4 of 4 models have at least one governance gap (6 gaps in all).", section.Lead);
        Assert.Equal(
        [
            // Production approved 2 Nov 14:00 for 20 days: expires 22 Nov, within 30 days of 7 Nov.
            "churn-model | Approval expiring",
            // Deployed to staging, but no metric arrived; and nobody owns it.
            "credit-model | No monitoring data",
            "credit-model | No owner",
            // 2 of the 5 required card sections written (40 %); metrics from production with no approved deployment there.
            "fraud-model | Incomplete documentation",
            "fraud-model | Unapproved production metrics",
            "pricing-model | Incomplete documentation",
        ], Rows(section, "gaps").Select(r => string.Join(" | ", r.Split(" | ")[0], r.Split(" | ")[3])));
        Assert.Contains("40 % complete", Rows(section, "gaps")[3].Split(" | ")[4], StringComparison.Ordinal);
        Assert.Contains("2026-11-22", Rows(section, "gaps")[0].Split(" | ")[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quality_counts_the_periods_checks_failures_and_drift()
    {
        var section = Section(await data.BuildAsync(), "quality");

        // In the period: churn 2 Nov (DQ pass, drift pass), fraud 3 Nov (DQ fail, drift fail), fraud 5 Nov (drift fail),
        // credit 5 Nov (drift pass) = 6 checks, 3 failed; drift 2 of 4. churn's failure of 30 Oct is before the period.
        Assert.Equal("3 of 6 checks failed in the period; 50 % of drift checks found drift.", section.Lead);
        Assert.Equal([6d, 3d, 4d, 0.5], section.Figures.Select(f => f.Value!.Value));
        Assert.Equal(["fraud-model | 3 | Data quality, Data drift | 2026-11-05 08:00 UTC"], Rows(section, "quality-failing-models"));
    }

    [Fact]
    public async Task Deployments_count_requests_decisions_and_lead_times()
    {
        var section = Section(await data.BuildAsync(), "deployments");

        // Request → approved: 2 h (churn staging), 4 h (churn production), 8 h (credit staging): median 4, p90 (3rd of 3) 8.
        // Approved → deployed: 1, 6, 16 h; request → deployed: 3, 10, 24 h.
        Assert.Equal("4 deployments were requested; 3 approved and 1 rejected; approval took 4 hours at the median.", section.Lead);
        Assert.Equal([4d, 3d, 1d, 3d, 4d, 8d, 6d, 16d, 10d, 24d], section.Figures.Select(f => f.Value!.Value));
        Assert.Equal(
        [
            "production | 1 | 1 | 0 | 1 | 4",
            "staging | 3 | 2 | 1 | 2 | 5",
            "development | 0 | 0 | 0 | 0 | ",
        ], Rows(section, "deployments-by-environment"));
    }

    [Fact]
    public async Task Incidents_measure_acknowledgement_and_resolution_against_the_sla()
    {
        var section = Section(await data.BuildAsync(), "incidents");

        // P1: acknowledged after 10 min (target 15), resolved after 120 (target 4 h). P2: acknowledged after 40 min
        // (target 30: breached), resolved after 60 (target 8 h). MTTA (10 + 40) / 2 = 25, MTTR (120 + 60) / 2 = 90.
        Assert.Equal("2 incidents were detected; acknowledged in 25 min and resolved in 90 min on average; 1 SLA breach.", section.Lead);
        Assert.Equal([2d, 25d, 90d, 0.5, 1d, 1d], section.Figures.Select(f => f.Value!.Value));
        Assert.Equal(
        [
            "P1 | 1 | 15 min | 100 % | 4 h | 100 % | 0",
            "P2 | 1 | 30 min | 0 % | 8 h | 100 % | 1",
            "P3 | 0 | 4 h |  | 3 business days |  | 0",
            "P4 | 0 | 1 business day |  | 5 business days |  | 0",
        ], Rows(section, "incidents-by-priority"));
    }

    [Fact]
    public async Task Access_counts_pending_requests_and_overdue_reviews_at_the_as_of_time()
    {
        var section = Section(await data.BuildAsync(), "access");

        Assert.Equal("1 access request awaits a decision; 1 access review is overdue.", section.Lead);
        Assert.Equal(["Q4 contributors | 2026-11-06 09:00 UTC | 1"], Rows(section, "access-overdue-reviews"));
    }

    [Fact]
    public async Task Availability_is_not_measured_in_a_period_without_any_portal_sample()
    {
        // 3–6 November: the portal recorded no sample (only 2 and 7 November have some), so nothing says it was up or down.
        var quiet = new ReportScope(new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 7, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 7, 0, 0, 0, DateTimeKind.Utc));

        var section = Section(await data.BuildAsync(quiet), "performance");

        Assert.Equal("The portal recorded no health samples in this period, so its availability was not measured.", section.Lead);
        Assert.Null(section.Figures.Single(f => f.Label == "Availability").Value);
    }

    [Fact]
    public async Task Availability_is_the_share_of_minutes_with_a_portal_sample()
    {
        var section = Section(await data.BuildAsync(), "performance");

        // Minutes from 1 Nov 00:00 to 7 Nov 23:45: 6 × 1,440 + 1,425 = 10,065. Samples: 720 on 2 Nov + 15 on 7 Nov
        // before 23:45 = 735; 735 / 10,065 = 7.3 %. CPU (720 × 10 + 15 × 50) / 735 = 10.82, max 50;
        // memory (720 × 400 + 15 × 600) / 735 = 404.08, max 600. p95: page 500 ms (50 + 40 + 8 =
        // 98 of 100 reach 95 %), API 25 ms (96 of 100); 7 Nov is not over at the as-of time, so its 1,000 slow pages do not count.
        Assert.Equal("The portal was available 7.3 % of the period; 95 % of pages loaded within 500 ms.", section.Lead);
        Assert.Equal(735d / 10_065, Figure(section, "Availability"), 9);
        Assert.Equal(500, Figure(section, "Page load p95 (ms)"));
        Assert.Equal(25, Figure(section, "API latency p95 (ms)"));
        Assert.Equal(10.82, Figure(section, "CPU average (%)"));
        Assert.Equal(50, Figure(section, "CPU max (%)"));
        Assert.Equal(404.08, Figure(section, "Memory average (MB)"));
        Assert.Equal(600, Figure(section, "Memory max (MB)"));
    }

    [Fact]
    public async Task Every_section_leads_with_a_sentence_and_every_measure_is_defined()
    {
        var body = await data.BuildAsync();

        Assert.Equal(["inventory", "health", "gaps", "quality", "deployments", "incidents", "access", "performance"], body.Sections.Select(s => s.Key));
        Assert.All(body.Sections, s => Assert.EndsWith(".", s.Lead, StringComparison.Ordinal));
        Assert.True(body.Definitions.Count >= 15);
        Assert.All(body.Definitions, d => Assert.False(string.IsNullOrWhiteSpace(d.Meaning)));
    }

    [Fact]
    public async Task Data_recorded_after_the_as_of_time_does_not_change_a_regenerated_report()
    {
        var progress = new List<int>();
        var builder = data.Services.GetServices<IReportBuilder>().Single(b => b.Kind == ReportKind.Executive);
        var first = Json(await builder.BuildAsync(ExecutiveReportFixture.Scope, p => { progress.Add(p); return Task.CompletedTask; }, CancellationToken.None));

        // 8 November, after the as-of time: a new model, a production request approved and deployed, a late snapshot,
        // a quality failure, and the pending access request decided.
        data.At(8, 2);
        var models = data.Services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(Personas.Contributor, new ModelInput("late-model", "Late", "", "Dana", "Retail", "", RiskTier.High, []));
        var requests = data.Services.GetRequiredService<DeploymentRequests>();
        var request = await requests.CreateRequestAsync(Personas.Contributor, new DeploymentRequestInput("credit-model", 1, "production", "Go live.", null));
        await data.Services.GetRequiredService<DeploymentDecisions>().ApproveAsync(Personas.Approver, request.Id, null);
        await requests.MarkDeployedAsync(Personas.Admin, request.Id, new PipelineCallbackInput(null));
        await data.SnapshotsAsync(8, ("pricing-model", "Critical"));
        await data.DbAsync(async db =>
        {
            var pricing = db.Models.Single(m => m.Key == "pricing-model").Id;
            db.PortfolioSnapshots.Add(new PortfolioSnapshot
            {
                Day = new DateOnly(2026, 11, 7), ModelId = pricing, Environment = "production", Status = "Critical", TakenAtUtc = new DateTime(2026, 11, 8, 0, 30, 0, DateTimeKind.Utc),
            });
            await db.SaveChangesAsync();
        });
        await data.QualityAsync("credit-model", new DateTime(2026, 11, 8, 1, 30, 0, DateTimeKind.Utc), (CheckKind.DataDrift, QualityStatus.Fail));
        var pending = (await data.Services.GetRequiredService<AccessRequests>().ListAsync(Personas.Support, new AccessRequestQuery(AccessRequestState.Pending))).Items.Single();
        await data.Services.GetRequiredService<AccessRequests>().ApproveAsync(Personas.Support, pending.Id, "Welcome.");

        var second = Json(await builder.BuildAsync(ExecutiveReportFixture.Scope, _ => Task.CompletedTask, CancellationToken.None));

        Assert.Equal(first, second);
        Assert.Equal(100, progress[^1]);
        Assert.Equal(progress.Order(), progress);
    }

    private static string Json(ReportBody body) =>
        new ReportDocument(ReportKind.Executive, "t", ExecutiveReportFixture.From, ExecutiveReportFixture.To, ExecutiveReportFixture.AsOf,
            ExecutiveReportFixture.AsOf, "test", body.Headline, body.Sections, body.Definitions).ToJson();

    private static ReportSection Section(ReportBody body, string key) => body.Sections.Single(s => s.Key == key);

    private static double Figure(ReportSection section, string label) => section.Figures.Single(f => f.Label == label).Value!.Value;

    /// <summary>Each row's cells as the screen shows them, joined by " | ".</summary>
    private static List<string> Rows(ReportSection section, string table)
    {
        var found = section.Tables.Single(t => t.Key == table);
        return [.. found.Rows.Select(r => string.Join(" | ", r.Select((cell, i) => cell.Format(found.Columns[i].Type))))];
    }
}
