using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

/// <summary>
/// The portal's services on a temporary SQLite file with a fake clock, and two models registered by Dana with every
/// piece of evidence the gates ask for: "churn-model" (Medium risk) and "fraud-model" (High risk), one version each.
/// Only tests that call the API get the web host.
/// </summary>
public abstract class DeploymentsTestContext : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory? app;
    private PortalServices? portal;

    protected DeploymentsTestContext(bool overHttp = false)
    {
        if (overHttp)
        {
            app = new PortalAppFactory { ConfigureServices = services => services.AddSingleton<TimeProvider>(Clock) };
        }
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));

    public PortalAppFactory App => app ?? throw new InvalidOperationException("No web host here: a test class that calls the API passes overHttp: true.");

    public IServiceProvider Services => app?.Services ?? portal?.Services ?? throw new InvalidOperationException("Not initialised yet.");

    public DeploymentRequests Requests => Services.GetRequiredService<DeploymentRequests>();

    public DeploymentDecisions Decisions => Services.GetRequiredService<DeploymentDecisions>();

    public RunningDeployments Running => Services.GetRequiredService<RunningDeployments>();

    public EnvironmentPolicies EnvironmentPolicies => Services.GetRequiredService<EnvironmentPolicies>();

    public DeploymentWebhooks Webhooks => Services.GetRequiredService<DeploymentWebhooks>();

    public ModelsService Models => Services.GetRequiredService<ModelsService>();

    public virtual async Task InitializeAsync()
    {
        if (app is null)
        {
            portal = await PortalServices.StartAsync(Clock);
        }

        // These models have no quality report, so production's quality gate only advises here and the other rules can
        // be tested; GateTests holds the quality gate's own cases.
        var production = (await EnvironmentPolicies.ListPoliciesAsync()).Single(p => p.Environment == "production").Policy;
        await EnvironmentPolicies.UpdatePolicyAsync(Personas.Admin, "production", production with { QualityGate = GateMode.Advisory });
        await RegisterAsync("churn-model", RiskTier.Medium, Personas.Contributor);
        await RegisterAsync("fraud-model", RiskTier.High, Personas.Contributor);
    }

    public async Task DisposeAsync()
    {
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }
    }

    public void Dispose()
    {
        app?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A model with one fully documented version, clean CI evidence and a fresh passing quality report.</summary>
    public Task RegisterAsync(string key, RiskTier tier, ClaimsPrincipal registrant, bool evidence = true) =>
        RegisterApprovableAsync(Services, key, tier, registrant, evidence);

    public Task AddQualityReportAsync(string key, int number, QualityStatus status, DateTime createdAtUtc) =>
        AddQualityReportAsync(Services, key, number, status, createdAtUtc);

    /// <inheritdoc cref="RegisterAsync"/>
    /// <remarks>For any portal's services, so that tests with portals of their own (two instances, say) set up alike.</remarks>
    public static async Task RegisterApprovableAsync(IServiceProvider services, string key, RiskTier tier, ClaimsPrincipal registrant, bool evidence = true)
    {
        var models = services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(registrant, new ModelInput(key, key, "", "Owner", "Retail", "", tier, []));
        var card = SampleCards.Complete();

        await models.RegisterVersionAsync(registrant, key, new VersionInput("xgboost", "s3://m/model.bin", new string('a', 64), null, null, null, [],
            null, null, evidence ? card : null));
        if (evidence)
        {
            await models.RecordCiEvidenceAsync(registrant, key, 1, new CiEvidenceInput(120, 0, 88, 1, new VulnerabilityCounts(0, 0, 1, 2), null));
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            await AddQualityReportAsync(services, key, 1, QualityStatus.Pass, now.AddDays(-1));
        }
    }

    private static async Task AddQualityReportAsync(IServiceProvider services, string key, int number, QualityStatus status, DateTime createdAtUtc)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var version = await db.ModelVersions.SingleAsync(v => v.Model!.Key == key && v.Number == number);
        var run = new CheckRun { ModelId = version.ModelId, ModelVersionId = version.Id, RequestedBy = "test", RequestedAtUtc = createdAtUtc };
        db.CheckRuns.Add(run);
        await db.SaveChangesAsync();
        db.QualityReports.Add(new QualityReport
        {
            RunId = run.Id, ModelId = version.ModelId, ModelVersionId = version.Id, Status = status, CreatedAtUtc = createdAtUtc,
            Content = "{}", Sha256 = new string('b', 64),
        });
        await db.SaveChangesAsync();
    }

    public Task<DeploymentRequestView> RequestAsync(string model = "churn-model", string environment = "staging", ClaimsPrincipal? by = null) =>
        RequestAsync(Services, model, environment, by);

    /// <inheritdoc cref="RequestAsync(string, string, ClaimsPrincipal?)"/>
    /// <remarks>For any portal's services, as <see cref="RegisterApprovableAsync"/>.</remarks>
    public static Task<DeploymentRequestView> RequestAsync(IServiceProvider services, string model, string environment = "staging", ClaimsPrincipal? by = null) =>
        services.GetRequiredService<DeploymentRequests>().CreateRequestAsync(by ?? Personas.Contributor, new DeploymentRequestInput(model, 1, environment, "Quarterly retrain.", null));

    /// <summary>Puts a request into a state directly, as if its history had happened.</summary>
    public Task ForceStateAsync(int id, DeploymentState state) => DbAsync(db =>
    {
        var now = Clock.GetUtcNow().UtcDateTime;
        var approved = state is not (DeploymentState.Pending or DeploymentState.Rejected or DeploymentState.Withdrawn);
        return db.DeploymentRequests.Where(r => r.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.State, state)
            .SetProperty(r => r.ApprovedAtUtc, approved ? now : null)
            .SetProperty(r => r.ApprovalExpiresAtUtc, approved ? now.AddDays(180) : null)
            .SetProperty(r => r.DeployedAtUtc, state is DeploymentState.Deployed or DeploymentState.ReapprovalRequired ? now : null)
            .SetProperty(r => r.StateChangedBy, "test"));
    });

    public Task<int> AuditCountAsync(int id, string? action = null) => DbAsync(db =>
        db.AuditEvents.CountAsync(e => e.EntityType == DeploymentRequestStore.EntityType && e.EntityId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)
            && (action == null || e.Action == action)));

    /// <summary>A critical alert rule of the model in the environment and an alert of it firing, written as the alert evaluator writes them (no audit event).</summary>
    public Task FireCriticalAlertAsync(string modelKey, string environmentKey) => DbAsync(async db =>
    {
        var rule = new AlertRule
        {
            ModelId = await db.Models.Where(m => m.Key == modelKey).Select(m => m.Id).SingleAsync(),
            EnvironmentId = await db.Environments.Where(e => e.Key == environmentKey).Select(e => e.Id).SingleAsync(),
            MetricName = "model.auc", Condition = AlertCondition.Below, Threshold = 0.8, Severity = AlertSeverity.Critical,
            CreatedBy = "test", CreatedAtUtc = Clock.GetUtcNow().UtcDateTime,
        };
        db.AlertRules.Add(rule);
        await db.SaveChangesAsync();
        db.Alerts.Add(new Alert { RuleId = rule.Id, FiredAtUtc = Clock.GetUtcNow().UtcDateTime, Value = 0.7, Message = "model.auc below 0.8" });
        return await db.SaveChangesAsync();
    });

    public Task<T> DbAsync<T>(Func<PortalDbContext, Task<T>> query) => app is not null ? app.QueryAsync(query) : portal!.QueryAsync(query);
}
