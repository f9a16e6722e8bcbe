using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Infrastructure.Signals;
using MlOpsPortal.Tests.Features.Incidents;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

/// <summary>Failed and rolled-back deployments raise incident signals in their transition; a later deployment resolves them.</summary>
public sealed class DeploymentSignalsTests : DeploymentsTestContext
{
    private static readonly PipelineCallbackInput Run = new("https://ci.example/run/7");

    [Fact]
    public async Task A_failed_deployment_opens_an_incident_on_the_model_in_that_environment_and_the_next_deployment_resolves_it()
    {
        var request = await RequestAsync("fraud-model", "staging");
        await ForceStateAsync(request.Id, DeploymentState.Approved);

        await Requests.MarkFailedAsync(Personas.Admin, request.Id, Run);

        var failed = Assert.Single(await Services.SignalsAsync());
        Assert.Equal((SignalSource.DeploymentFailure, SignalStatus.Firing, SignalSeverity.High), (failed.Source, failed.Status, failed.Severity));
        Assert.StartsWith("deployment:", failed.DedupKey, StringComparison.Ordinal);
        Assert.Equal(("Deployment of fraud-model v1 to staging failed", $"deployment-request:{request.Id}", DeploymentLinks.Request(request.Id)),
            (failed.Title, failed.SourceRef, failed.Link));
        var incident = await Services.ProcessedIncidentAsync(failed.DedupKey);
        // fraud-model is High risk: high impact × high urgency.
        Assert.Equal((IncidentSource.DeploymentFailure, "fraud-model", 1, "staging", IncidentPriority.P1),
            (incident.Source, incident.Model, incident.Version, incident.Environment, incident.Priority));

        await Requests.MarkDeployedAsync(Personas.Admin, request.Id, Run);

        var resolved = (await Services.SignalsAsync()).Last();
        Assert.Equal((SignalStatus.Resolved, failed.DedupKey), (resolved.Status, resolved.DedupKey));
        await Services.ProcessedIncidentAsync(failed.DedupKey);
        Assert.Contains(await Services.TimelineAsync(incident.Number), t => t.Kind == TimelineKind.Signal && t.Text.Contains("fraud-model v1 deployed to staging", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_rollback_opens_a_medium_urgency_incident()
    {
        var request = await RequestAsync("churn-model", "staging");
        await ForceStateAsync(request.Id, DeploymentState.Deployed);

        await Requests.MarkRolledBackAsync(Personas.Admin, request.Id, Run);

        var rolledBack = Assert.Single(await Services.SignalsAsync());
        Assert.Equal((SignalSource.DeploymentRollback, SignalStatus.Firing, SignalSeverity.Medium), (rolledBack.Source, rolledBack.Status, rolledBack.Severity));
        var incident = await Services.ProcessedIncidentAsync(rolledBack.DedupKey);
        // churn-model is Medium risk: medium impact × medium urgency.
        Assert.Equal((IncidentSource.DeploymentRollback, "churn-model", "staging", IncidentPriority.P3), (incident.Source, incident.Model, incident.Environment, incident.Priority));
    }

    [Fact]
    public async Task A_deployment_with_nothing_wrong_before_it_raises_nothing()
    {
        var request = await RequestAsync("churn-model", "staging");
        await ForceStateAsync(request.Id, DeploymentState.Approved);

        await Requests.MarkDeployedAsync(Personas.Admin, request.Id, Run);

        Assert.Empty(await Services.SignalsAsync());
    }

    [Fact]
    public async Task A_refused_callback_raises_no_signal()
    {
        var request = await RequestAsync("churn-model", "staging");

        await Assert.ThrowsAsync<MlOpsPortal.Infrastructure.Api.PortalConflictException>(() => Requests.MarkFailedAsync(Personas.Admin, request.Id, Run));

        Assert.Empty(await Services.SignalsAsync());
    }
}
