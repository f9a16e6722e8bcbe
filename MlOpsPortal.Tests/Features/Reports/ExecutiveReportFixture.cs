using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Features.Usage;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>
/// A small portfolio with a known week, November 1–7 2026 (the report's period), built through the portal's services
/// where they exist, with the clock moved to each event's time. The report is taken as of 7 November 23:45, so the last
/// quarter hour of the period is "after the as-of time". Every figure the tests expect is worked out in ExecutiveReportTests.
///
/// Models (all created 1 Nov 09:00):
///   churn-model   Retail   High      full card   staging (req 1 Nov 10:00, approved 12:00, deployed 13:00),
///                                                 production (req 2 Nov 10:00, approved 14:00, deployed 20:00; valid 20 days);
///                                                 production metrics 3 Nov
///   fraud-model   Retail   Critical  card 2 of 5  staging request 3 Nov 09:00, rejected 10:00; production metrics 3 Nov (shadow)
///   credit-model  Lending  Medium    full card    staging (req 4 Nov 09:00, approved 17:00, deployed 5 Nov 09:00); no owner; no metrics
///   pricing-model Lending  Low       no version
/// </summary>
public sealed class ExecutiveReportFixture : IAsyncLifetime
{
    public static readonly DateTime From = new(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime To = new(2026, 11, 8, 0, 0, 0, DateTimeKind.Utc);
    public static readonly DateTime AsOf = new(2026, 11, 7, 23, 45, 0, DateTimeKind.Utc);

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    public PortalServices Portal { get; private set; } = null!;

    public IServiceProvider Services => Portal.Services;

    public static ReportScope Scope => new(From, To, AsOf);

    public async Task InitializeAsync()
    {
        Portal = await PortalServices.StartAsync(Clock);
        await Portal.StartHostedServiceAsync<MetricsWriter>();
        await OpenPoliciesAsync();
        await ModelAsync("churn-model", "Retail", RiskTier.High, "Dana", CardSections(5));
        await ModelAsync("fraud-model", "Retail", RiskTier.Critical, "Dana", CardSections(2));
        await ModelAsync("credit-model", "Lending", RiskTier.Medium, "Lee", CardSections(5));
        await ModelAsync("pricing-model", "Lending", RiskTier.Low, "Lee", null);
        await DbAsync(db => db.Models.Where(m => m.Key == "credit-model").ExecuteUpdateAsync(s => s.SetProperty(m => m.Owner, "")));

        await DeployAsync("churn-model", "staging", Utc(1, 10), Utc(1, 12), Utc(1, 13));
        At(2, 10);
        var p1 = await IncidentAsync(Impact.High, Urgency.High);
        var production = await RequestAsync("churn-model", "production");
        At(2, 10, 10);
        await Work.AcknowledgeAsync(Personas.Support, p1);
        At(2, 12);
        await Work.ResolveAsync(Personas.Support, p1, ResolutionCode.Fixed, "Fixed.");
        At(2, 14);
        await Decisions.ApproveAsync(Personas.Approver, production, null);
        At(2, 20);
        await Requests.MarkDeployedAsync(Personas.Admin, production, new PipelineCallbackInput(null));

        At(3, 9);
        await MetricsAsync("churn-model", "production", Utc(3, 9));
        await MetricsAsync("fraud-model", "production", Utc(3, 9));
        var rejected = await RequestAsync("fraud-model", "staging");
        At(3, 10);
        await Services.GetRequiredService<DeploymentDecisions>().RejectAsync(Personas.Approver, rejected, "Documentation first.");
        var p2 = await IncidentAsync(Impact.High, Urgency.Medium);
        At(3, 10, 40);
        await Work.AcknowledgeAsync(Personas.Support, p2);
        At(3, 11);
        await Work.ResolveAsync(Personas.Support, p2, ResolutionCode.Fixed, "Fixed.");

        await DeployAsync("credit-model", "staging", Utc(4, 9), Utc(4, 17), Utc(5, 9));
        At(5, 10);
        await Services.GetRequiredService<AccessRequests>().SubmitAsync(Personas.Newcomer, new AccessRequestInput("Models.Contributor", "I join the churn team.", 90));

        await QualityAsync("churn-model", Utc(2, 8), (CheckKind.DataQuality, QualityStatus.Pass), (CheckKind.DataDrift, QualityStatus.Pass));
        await QualityAsync("fraud-model", Utc(3, 8), (CheckKind.DataQuality, QualityStatus.Fail), (CheckKind.DataDrift, QualityStatus.Fail));
        await QualityAsync("fraud-model", Utc(5, 8), (CheckKind.DataDrift, QualityStatus.Fail));
        await QualityAsync("credit-model", Utc(5, 8), (CheckKind.DataDrift, QualityStatus.Pass));
        // Before the period: left out.
        await QualityAsync("churn-model", new DateTime(2026, 10, 30, 8, 0, 0, DateTimeKind.Utc), (CheckKind.DataQuality, QualityStatus.Fail));

        await SnapshotsAsync(6, ("churn-model", "Healthy"), ("fraud-model", "Warning"), ("credit-model", "Healthy"));
        await SnapshotsAsync(7, ("churn-model", "Healthy"), ("fraud-model", "Critical"), ("credit-model", "Warning"));
        await OverdueReviewAsync();
        await UsageAsync();
        await PortalSamplesAsync();
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 8, 1, 0, 0, TimeSpan.Zero));
    }

    public async Task DisposeAsync() => await Portal.DisposeAsync();

    public Task<ReportBody> BuildAsync(ReportScope? scope = null) =>
        Services.GetServices<IReportBuilder>().Single(b => b.Kind == ReportKind.Executive).BuildAsync(scope ?? Scope, _ => Task.CompletedTask, CancellationToken.None);

    private DeploymentRequests Requests => Services.GetRequiredService<DeploymentRequests>();

    private DeploymentDecisions Decisions => Services.GetRequiredService<DeploymentDecisions>();

    private IncidentWork Work => Services.GetRequiredService<IncidentWork>();

    public static DateTime Utc(int day, int hour, int minute = 0) => new(2026, 11, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>Moves the clock to that time of November 2026 and returns it.</summary>
    public DateTime At(int day, int hour, int minute = 0)
    {
        var at = Utc(day, hour, minute);
        Clock.SetUtcNow(at);
        return at;
    }

    public Task DbAsync(Func<PortalDbContext, Task> action) => Portal.QueryAsync(async db =>
    {
        await action(db);
        return 0;
    });

    /// <summary>One approval for every tier, no gates, production approvals valid 20 days (so they expire within 30 days of the as-of time).</summary>
    private async Task OpenPoliciesAsync()
    {
        var policies = Services.GetRequiredService<EnvironmentPolicies>();
        foreach (var view in await policies.ListPoliciesAsync())
        {
            await policies.UpdatePolicyAsync(Personas.Admin, view.Environment, view.Policy with
            {
                ApprovalsLow = 1, ApprovalsMedium = 1, ApprovalsHigh = 1, ApprovalsCritical = 1,
                ValidityDays = view.Environment == "production" ? 20 : 180,
                QualityGate = GateMode.Off, DocumentationGate = GateMode.Off, NamingGate = GateMode.Off, CiGate = GateMode.Off, AlertsGate = GateMode.Off,
            });
        }
    }

    private static ModelCard? CardSections(int filled)
    {
        var card = new ModelCard();
        foreach (var section in new[] { CardSection.IntendedUse, CardSection.TrainingData, CardSection.EvaluationData, CardSection.Metrics, CardSection.Limitations }.Take(filled))
        {
            card[section] = "Written.";
        }

        return card;
    }

    private async Task ModelAsync(string key, string unit, RiskTier tier, string owner, ModelCard? card)
    {
        var models = Services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(Personas.Contributor, new ModelInput(key, key, "", owner, unit, "", tier, []));
        if (card is not null)
        {
            await models.RegisterVersionAsync(Personas.Contributor, key, new VersionInput("xgboost", "s3://m/model.bin", new string('a', 64), null, null, null, [],
                null, null, card));
        }
    }

    private async Task<int> RequestAsync(string model, string environment) =>
        (await Requests.CreateRequestAsync(Personas.Contributor, new DeploymentRequestInput(model, 1, environment, "Quarterly retrain.", null))).Id;

    private async Task DeployAsync(string model, string environment, DateTime requested, DateTime approved, DateTime deployed)
    {
        Clock.SetUtcNow(requested);
        var id = await RequestAsync(model, environment);
        Clock.SetUtcNow(approved);
        await Decisions.ApproveAsync(Personas.Approver, id, "ok");
        Clock.SetUtcNow(deployed);
        await Requests.MarkDeployedAsync(Personas.Admin, id, new PipelineCallbackInput(null));
    }

    private async Task<string> IncidentAsync(Impact impact, Urgency urgency) =>
        (await Services.GetRequiredService<IncidentsService>().CreateAsync(Personas.Support,
            new IncidentInput("Scores missing", "The churn scores are missing.", null, null, null, impact, urgency))).Number;

    private async Task MetricsAsync(string model, string environment, DateTime at)
    {
        var keys = Services.GetRequiredService<RegistryKeys>();
        var modelRef = (await keys.ModelAsync(model))!;
        var env = (await keys.EnvironmentAsync(environment))!;
        await Services.GetRequiredService<MetricsWriter>().WriteAsync(new PendingBatch("test", null, modelRef.Id, model, env.Id, env.Key,
            [new PendingPoint(MetricNames.Auc, new DateTimeOffset(at).ToUnixTimeMilliseconds(), 0.9)]), CancellationToken.None);
    }

    public Task QualityAsync(string model, DateTime at, params (CheckKind Kind, QualityStatus Status)[] checks) => DbAsync(async db =>
    {
        var version = await db.ModelVersions.SingleAsync(v => v.Model!.Key == model && v.Number == 1);
        var run = new CheckRun { ModelId = version.ModelId, ModelVersionId = version.Id, RequestedBy = "test", RequestedAtUtc = at };
        db.CheckRuns.Add(run);
        await db.SaveChangesAsync();
        db.QualityReports.Add(new QualityReport
        {
            RunId = run.Id, ModelId = version.ModelId, ModelVersionId = version.Id, Status = checks.Max(c => c.Status), CreatedAtUtc = at,
            Content = "{}", Sha256 = new string('b', 64),
            Checks = [.. checks.Select(c => new QualityReportCheck { Kind = c.Kind, Status = c.Status, Summary = c.Status.ToString() })],
        });
        await db.SaveChangesAsync();
    });

    public Task SnapshotsAsync(int day, params (string Model, string Status)[] rows) => DbAsync(async db =>
    {
        var ids = await db.Models.ToDictionaryAsync(m => m.Key, m => m.Id);
        var date = new DateOnly(2026, 11, day);
        db.PortfolioSnapshots.AddRange(rows.Select(r => new PortfolioSnapshot
        {
            Day = date, ModelId = ids[r.Model], Environment = "production", Status = r.Status, Score = r.Status == "Healthy" ? 90 : 50,
            TakenAtUtc = date.ToDateTime(new TimeOnly(0, 15), DateTimeKind.Utc),
        }));
        await db.SaveChangesAsync();
    });

    /// <summary>A quarterly review due 6 November, still running: overdue at the as-of time, with its one item undecided.</summary>
    private Task OverdueReviewAsync() => DbAsync(async db =>
    {
        db.Set<AccessReview>().Add(new AccessReview
        {
            Name = "Q4 contributors", Roles = ["Models.Contributor"], DurationDays = 5, State = AccessReviewState.Running,
            StartedAtUtc = new DateTime(2026, 11, 1, 9, 0, 0, DateTimeKind.Utc), DueAtUtc = new DateTime(2026, 11, 6, 9, 0, 0, DateTimeKind.Utc), StartedById = "dev-admin", StartedByName = "Ada Admin",
            Items = [new AccessReviewItem { PersonId = "dev-contributor", PersonName = "Dana", Role = "Models.Contributor", Source = "portal" }],
        });
        await db.SaveChangesAsync();
    });

    /// <summary>
    /// Page loads on 2 November: 50 within 100 ms, 40 within 250, 8 within 500, 2 within 1,000 (p95 = 500 ms); API calls
    /// 96 within 25 ms, 4 within 50 (p95 = 25 ms). 7 November is not over at the as-of time, so its slow pages do not count.
    /// </summary>
    private Task UsageAsync()
    {
        var day = new DateOnly(2026, 11, 2);
        var last = new DateOnly(2026, 11, 7);
        return Services.GetRequiredService<UsageCounts>().AddHistoryAsync(
        [
            new(day, UsageKinds.PageLatency, "100", 50), new(day, UsageKinds.PageLatency, "250", 40), new(day, UsageKinds.PageLatency, "500", 8),
            new(day, UsageKinds.PageLatency, "1000", 2), new(day, UsageKinds.ApiLatency, "25", 96), new(day, UsageKinds.ApiLatency, "50", 4),
            new(last, UsageKinds.PageLatency, "10000", 1000),
        ], []);
    }

    /// <summary>
    /// The portal's own samples, one a minute: 2 November 00:00–11:59 (720, CPU 10 %, memory 400 MB) and 7 November
    /// 23:30–23:59 (30, CPU 50 %, memory 600 MB), of which only 23:30–23:44 (15) fall before the as-of time.
    /// </summary>
    private async Task PortalSamplesAsync()
    {
        var env = (await Services.GetRequiredService<RegistryKeys>().EnvironmentAsync("production"))!;
        var points = new List<PendingPoint>();
        void Minutes(DateTime start, int count, double cpu, double memory)
        {
            for (var i = 0; i < count; i++)
            {
                var ms = new DateTimeOffset(start.AddMinutes(i)).ToUnixTimeMilliseconds();
                points.Add(new PendingPoint(MetricNames.SystemCpu, ms, cpu));
                points.Add(new PendingPoint(MetricNames.SystemMemory, ms, memory));
            }
        }

        Minutes(new DateTime(2026, 11, 2, 0, 0, 0, DateTimeKind.Utc), 720, 10, 400);
        Minutes(new DateTime(2026, 11, 7, 23, 30, 0, DateTimeKind.Utc), 30, 50, 600);
        await Services.GetRequiredService<MetricsWriter>().WriteAsync(
            new PendingBatch(SampleSystemMetricsJob.ClientId, "test-samples", null, null, env.Id, env.Key, points), CancellationToken.None);
    }
}
