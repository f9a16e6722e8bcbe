using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Features.Usage;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;
using static MlOpsPortal.Tests.Features.Reports.ReportTestSupport;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>
/// The usage report's figures on a small fixed data set (1–14 Oct 2026, 14 whole days), each checked against numbers
/// worked out by hand in the comments; names stay hidden behind stable pseudonyms that only readers may reveal, audited.
/// </summary>
public sealed class UsageReportTests : IAsyncLifetime
{
    // Active days (roles, business unit):
    //   Alice  1, 2, 9, 14 Oct   Executive.Viewer                          Finance
    //   Bob    1, 3 Oct          Models.Contributor, Deployments.Approver  Risk
    //   Carol  2, 12 Oct         Models.Contributor                        Risk
    //   Dan    5 Oct             (no role)                                 Unassigned
    private static readonly Persona Alice = Personas.Custom("p-alice", "Alice Archer", PortalRoles.ExecutiveViewer);
    private static readonly Persona Bob = Personas.Custom("p-bob", "Bob Builder", PortalRoles.ModelsContributor, PortalRoles.DeploymentsApprover);
    private static readonly Persona Carol = Personas.Custom("p-carol", "Carol Coder", PortalRoles.ModelsContributor);
    private static readonly Persona Dan = Personas.Custom("p-dan", "Dan Newman");

    private static readonly ReportScope October = new(Utc(10, 1), Utc(10, 15), Utc(10, 15));

    private readonly FakeTimeProvider clock = new(Utc(9, 30, 8));
    private PortalServices portal = null!;

    private IServiceProvider Services => portal.Services;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(clock);
        await Services.RecordSignInsAsync(Alice, Bob, Carol, Dan);
        await Services.GetRequiredService<UsageCounts>().AddHistoryAsync(
            [
                // Page views: models 10 (2 Oct) + 20 (10 Oct); incidents 8 (3 Oct) + 2 (4 Oct); reports 5 (13 Oct) = 45.
                new(new DateOnly(2026, 10, 2), UsageKinds.PageView, "models", 10),
                new(new DateOnly(2026, 10, 10), UsageKinds.PageView, "models", 20),
                new(new DateOnly(2026, 10, 3), UsageKinds.PageView, "incidents", 8),
                new(new DateOnly(2026, 10, 4), UsageKinds.PageView, "incidents", 2),
                new(new DateOnly(2026, 10, 13), UsageKinds.PageView, "reports", 5),
                // API calls: ci-pipeline 30 + 10, monitor 20, signed-in people 5 = 65.
                new(new DateOnly(2026, 10, 1), UsageKinds.ApiCall, "ci-pipeline|models", 30),
                new(new DateOnly(2026, 10, 8), UsageKinds.ApiCall, "ci-pipeline|deployments", 10),
                new(new DateOnly(2026, 10, 4), UsageKinds.ApiCall, "monitor|metrics", 20),
                new(new DateOnly(2026, 10, 6), UsageKinds.ApiCall, $"{PortalUsage.SignedInPeople}|reports", 5),
                // Not usage of a feature, and outside the period: none of these count.
                new(new DateOnly(2026, 10, 6), UsageKinds.PageLatency, "250", 99),
                new(new DateOnly(2026, 9, 30), UsageKinds.PageView, "models", 1000),
            ],
            [
                Active(Alice, 10, 1), Active(Alice, 10, 2), Active(Alice, 10, 9), Active(Alice, 10, 14, "Finance"),
                Active(Bob, 10, 1, "Risk"), Active(Bob, 10, 3, "Risk"),
                Active(Carol, 10, 2, "Risk"), Active(Carol, 10, 12, "Risk"),
                Active(Dan, 10, 5, UsageTracker.NoBusinessUnit),
                Active(Dan, 9, 30, UsageTracker.NoBusinessUnit),
            ]);

        // Actions: 2 models and 1 version registered (registry 3), a deployment request made and approved (deployments 2),
        // an incident opened (1), a report downloaded (1) = 7; sign-ins and a key's daily use are not actions.
        var audit = Services.GetRequiredService<AuditLog>();
        clock.SetUtcNow(Utc(10, 2, 10));
        await RecordAsync(audit, "model.created", "model.created", "model-version.registered", AuditActions.SignIn, "api-key.used");
        clock.SetUtcNow(Utc(10, 3, 10));
        await RecordAsync(audit, "deployment-request.created", "deployment-request.approved");
        clock.SetUtcNow(Utc(10, 5, 10));
        await RecordAsync(audit, "incident.opened", "report.downloaded");
        clock.SetUtcNow(Utc(11, 4, 10));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task Active_people_are_counted_per_day_over_7_and_30_days_by_role_and_business_unit()
    {
        var section = (await Services.BuildAsync(ReportKind.Usage, October)).Section("active-people");

        // Four different people; in the last 7 days (8–14 Oct) Alice (9, 14) and Carol (12): 2. The period is shorter than 30 days: all 4.
        Assert.Equal("4 people used the portal in these 14 days, 2 of them in the last 7.", section.Lead);
        Assert.Equal(4, section.Figure("People active in the period"));
        Assert.Equal(2, section.Figure("Active in the last 7 days"));
        Assert.Equal(4, section.Figure("Active in the last 30 days"));
        // 9 person-days over 14 days = 0.642… → 0.64.
        Assert.Equal(0.64, section.Figure("Average daily active people"));
        // 1 Oct Alice, Bob; 2 Oct Alice, Carol; 3 Oct Bob; 5 Oct Dan; 9 Oct Alice; 12 Oct Carol; 14 Oct Alice; the rest none.
        Assert.Equal(new double[] { 2, 2, 1, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 1 }, section.Charts[0].Series[0].Values);
        Assert.Equal("2026-10-01", section.Charts[0].Categories[0]);
        // Bob counts once for each of his two roles; Dan has none.
        Assert.Equal(
            [["Models.Contributor", "2"], ["Deployments.Approver", "1"], ["Executive.Viewer", "1"], ["No portal role", "1"]],
            section.Tables.Single(t => t.Key == "active-by-role").Texts());
        // Alice's first three days carry no department ("Unassigned") and her last "Finance": she counts once in each.
        Assert.Equal(
            [["Risk", "2"], ["Unassigned", "2"], ["Finance", "1"]],
            section.Tables.Single(t => t.Key == "active-by-business-unit").Texts());
    }

    [Fact]
    public async Task Feature_use_shows_views_share_and_the_trend_between_the_halves_of_the_period()
    {
        var section = (await Services.BuildAsync(ReportKind.Usage, October)).Section("feature-use");

        // Halves of 7 days: 1–7 Oct and 8–14 Oct. models 10 → 20 (+100 %), incidents 10 → 0 (−100 %), reports 0 → 5 (new);
        // all features 20 → 25: +25 %. Shares of 45: 30 = 66.7 %, 10 = 22.2 %, 5 = 11.1 %.
        Assert.Equal("People viewed 45 pages in these 14 days; models was used most (66.7 % of views). Use rose 25 % from the first half of the period to the second.", section.Lead);
        Assert.Equal(
            [["models", "30", "66.7 %", "100 %"], ["incidents", "10", "22.2 %", "-100 %"], ["reports", "5", "11.1 %", "new"]],
            section.Tables.Single().Texts());
        var weekly = section.Charts.Single();
        Assert.Equal(["2026-10-01", "2026-10-08"], weekly.Categories);
        Assert.Equal(new double[] { 10, 20 }, weekly.Series.Single(s => s.Name == "models").Values);
        Assert.Equal(new double[] { 10, 0 }, weekly.Series.Single(s => s.Name == "incidents").Values);
        Assert.Equal(new double[] { 0, 5 }, weekly.Series.Single(s => s.Name == "reports").Values);
    }

    [Fact]
    public async Task Actions_are_counted_per_family_from_the_audit_log_and_api_calls_per_client_and_area()
    {
        var body = await Services.BuildAsync(ReportKind.Usage, October);

        Assert.Equal("People and pipelines recorded 7 actions in this period, most of them in registry (3).", body.Section("actions").Lead);
        Assert.Equal(
            [
                ["Registry", "Models registered", "2"], ["Registry", "Model versions registered", "1"],
                ["Deployments", "Deployment requests approved", "1"], ["Deployments", "Deployment requests made", "1"],
                ["Incidents", "Incidents opened", "1"], ["Reports", "Reports downloaded", "1"],
            ],
            body.Table("actions").Texts());
        // ci-pipeline 40 of 65 = 61.5 %, monitor 20 = 30.8 %, signed-in people 5 = 7.7 %.
        Assert.Equal("Pipelines and other clients made 65 API calls from 3 clients; ci-pipeline made the most (61.5 %).", body.Section("api-use").Lead);
        Assert.Equal([["ci-pipeline", "40", "61.5 %"], ["monitor", "20", "30.8 %"], ["signed-in people", "5", "7.7 %"]], body.Table("api-clients").Texts());
        Assert.Equal([["models", "30"], ["metrics", "20"], ["deployments", "10"], ["reports", "5"]], body.Table("api-areas").Texts().Select(r => r[..2]).ToList());
        Assert.Equal("4 people used the portal in these 14 days: 45 page views, 7 actions and 65 API calls.", body.Headline);
    }

    [Fact]
    public async Task People_appear_as_stable_pseudonyms_and_the_report_holds_no_name_or_id()
    {
        var pseudonyms = Services.GetRequiredService<ReportPseudonyms>();
        var first = await Services.BuildAsync(ReportKind.Usage, October);
        var second = await Services.BuildAsync(ReportKind.Usage, October);

        // Alice 4 days, then Bob and Carol 2 each (ordered by pseudonym), then Dan 1.
        var most = first.Table("most-active-people").Texts();
        Assert.Equal([pseudonyms.Of(Alice.Id), "4", "2026-10-14"], most[0]);
        Assert.Equal([.. new[] { pseudonyms.Of(Bob.Id), pseudonyms.Of(Carol.Id) }.Order(StringComparer.Ordinal)], most.Skip(1).Take(2).Select(r => r[0]));
        Assert.Equal([pseudonyms.Of(Dan.Id), "1", "2026-10-05"], most[3]);
        Assert.Equal(4, most.Select(r => r[0]).Distinct().Count());
        Assert.All(most, r => Assert.Matches("^Person [0-9a-f]{6}$", r[0]));
        Assert.Equal(most, second.Table("most-active-people").Texts());

        var json = first.Document(ReportKind.Usage, October).ToJson();
        foreach (var person in new[] { Alice, Bob, Carol, Dan })
        {
            Assert.DoesNotContain(person.Name, json, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(person.Id, json, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_report_gives_the_same_figures_when_built_again_after_later_data_arrives()
    {
        // As of 8 Oct 12:00: only the whole days 1–7 Oct count. Alice (1, 2), Bob (1, 3), Carol (2), Dan (5): 4 people,
        // all in the last 7 days; page views models 10 + incidents 10 = 20; actions of 2–5 Oct: 7.
        var asOfEighth = October with { AsOfUtc = Utc(10, 8, 12) };
        var before = (await Services.BuildAsync(ReportKind.Usage, asOfEighth)).Document(ReportKind.Usage, asOfEighth).ToJson();
        var beforeOctober = (await Services.BuildAsync(ReportKind.Usage, October)).Document(ReportKind.Usage, October).ToJson();

        await Services.GetRequiredService<UsageCounts>().AddHistoryAsync(
            [new(new DateOnly(2026, 10, 15), UsageKinds.PageView, "models", 500), new(new DateOnly(2026, 10, 16), UsageKinds.ApiCall, "late|models", 9)],
            [Active(Carol, 10, 15, "Risk"), Active(Bob, 10, 16, "Risk")]);
        await RecordAsync(Services.GetRequiredService<AuditLog>(), "model.created", "report.downloaded");

        var again = await Services.BuildAsync(ReportKind.Usage, asOfEighth);
        Assert.Equal(before, again.Document(ReportKind.Usage, asOfEighth).ToJson());
        Assert.Equal(beforeOctober, (await Services.BuildAsync(ReportKind.Usage, October)).Document(ReportKind.Usage, October).ToJson());
        Assert.Equal("4 people used the portal in these 7 days.", again.Section("active-people").Lead);
        Assert.Equal(20, again.Section("feature-use").Figure("Page views"));
        Assert.Equal(7, again.Section("actions").Figure("Actions"));
    }

    [Fact]
    public async Task Names_are_revealed_to_readers_of_usage_reports_each_time_audited_and_refused_to_others()
    {
        var id = await ArchiveAsync(await Services.BuildAsync(ReportKind.Usage, October));
        var reveal = Services.GetRequiredService<ReportNameReveal>();
        var pseudonyms = Services.GetRequiredService<ReportPseudonyms>();

        var names = await reveal.RevealAsync(Personas.Executive, id);
        await reveal.RevealAsync(Personas.Admin, id);

        Assert.Equal(
            new Dictionary<string, string>
            {
                [pseudonyms.Of(Alice.Id)] = Alice.Name, [pseudonyms.Of(Bob.Id)] = Bob.Name, [pseudonyms.Of(Carol.Id)] = Carol.Name, [pseudonyms.Of(Dan.Id)] = Dan.Name,
            }.OrderBy(p => p.Key),
            names.OrderBy(p => p.Key));
        Assert.Equal([Personas.Executive.Id, Personas.Admin.Id], await RevealedByAsync(id));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => reveal.RevealAsync(Personas.Auditor, id));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => reveal.RevealAsync(Personas.NoRole, id));
        Assert.Equal(2, (await RevealedByAsync(id)).Count);
    }

    private static ActiveDay Active(Persona person, int month, int day, string unit = UsageTracker.NoBusinessUnit) =>
        new(new DateOnly(2026, month, day), person.Id, person.Roles, unit);

    private static async Task RecordAsync(AuditLog audit, params string[] actions)
    {
        foreach (var action in actions)
        {
            await audit.RecordAsync(new AuditActor("p-pipeline", "CI pipeline"), action, "Test", null, null, CancellationToken.None);
        }
    }

    /// <summary>A generated usage report in the archive, as the generation job leaves it.</summary>
    private Task<int> ArchiveAsync(ReportBody body) => portal.QueryAsync(async db =>
    {
        var json = body.Document(ReportKind.Usage, October).ToJson();
        var report = new Report
        {
            Kind = ReportKind.Usage, FromUtc = October.FromUtc, ToUtc = October.ToUtc, AsOfUtc = October.AsOfUtc, State = ReportState.Succeeded,
            Trigger = ReportTrigger.OnDemand, RequestedById = Personas.Executive.Id, RequestedByName = Personas.Executive.Name,
            RequestedAtUtc = clock.GetUtcNow().UtcDateTime, GeneratedAtUtc = clock.GetUtcNow().UtcDateTime, Headline = body.Headline,
            Content = json, ContentSha256 = ReportDocument.Sha256Of(json),
        };
        db.Reports.Add(report);
        await db.SaveChangesAsync();
        return report.Id;
    });

    private Task<List<string>> RevealedByAsync(int id) => portal.QueryAsync(db =>
        db.AuditEvents.Where(e => e.Action == ReportNameReveal.RevealedAction && e.EntityType == nameof(Report) && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .OrderBy(e => e.Sequence).Select(e => e.ActorId).ToListAsync());
}
