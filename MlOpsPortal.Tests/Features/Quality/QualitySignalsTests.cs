using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Infrastructure.Signals;
using MlOpsPortal.Tests.Features.Incidents;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Quality;

/// <summary>A report with a failed check raises an incident signal in its own transaction; a later clean report of those checks resolves it.</summary>
public sealed class QualitySignalsTests : IAsyncLifetime
{
    private PortalServices portal = null!;
    private string model = null!;

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync();
        // The job publishes each verdict as a metric point, and ingestion answers once the writer committed it.
        await portal.StartHostedServiceAsync<MetricsWriter>();
        model = await QualityTestData.CreateModelAsync(portal.Services, "signals");
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task A_failed_check_opens_an_incident_linked_to_its_report_and_a_clean_rerun_of_that_check_resolves_it()
    {
        // No current sample yet: the data quality check fails, saying so.
        var failing = await RunAsync("data_quality");

        var fired = Assert.Single(await portal.Services.SignalsAsync());
        var ids = await IdsAsync();
        Assert.Equal((SignalSource.QualityReport, SignalStatus.Firing, SignalSeverity.High), (fired.Source, fired.Status, fired.Severity));
        Assert.Equal($"quality:{ids.ModelId}:{ids.ProductionId}", fired.DedupKey);
        Assert.Equal(($"1 failed check on {model} v1 in production", $"quality-report:{failing}", QualityLinks.Report(failing)), (fired.Title, fired.SourceRef, fired.Link));
        Assert.Contains("Data quality", fired.Detail, StringComparison.Ordinal);
        var incident = await portal.Services.ProcessedIncidentAsync(fired.DedupKey);
        // The model is High risk and a failed check is High severity.
        Assert.Equal((IncidentSource.QualityReport, model, 1, "production", IncidentPriority.P1),
            (incident.Source, incident.Model, incident.Version, incident.Environment, incident.Priority));
        Assert.Equal(QualityLinks.Report(failing), incident.SourceLink);

        // A clean run of other checks says nothing about the data.
        await RunAsync("naming_rules");
        Assert.Single(await portal.Services.SignalsAsync());

        await UploadCurrentSampleAsync();
        var clean = await RunAsync("data_quality");

        var resolved = (await portal.Services.SignalsAsync()).Last();
        Assert.Equal((SignalStatus.Resolved, fired.DedupKey, $"quality-report:{clean}"), (resolved.Status, resolved.DedupKey, resolved.SourceRef));
        await portal.Services.ProcessedIncidentAsync(fired.DedupKey);
        Assert.Contains(await portal.Services.TimelineAsync(incident.Number), t => t.Kind == TimelineKind.Signal && t.Text.StartsWith("Resolved at the source", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_failed_checks_alert_of_the_same_report_opens_no_second_incident()
    {
        await RunAsync("data_quality");
        var evaluator = portal.Services.GetRequiredService<AlertEvaluator>();

        // What the metrics feed hands the evaluator once the job's verdict point is committed (its system rule is Critical).
        await evaluator.EvaluateAsync([new CommittedPoint(model, "production", RunQualityChecksJob.FailedChecksMetric, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), 1)]);

        Assert.Contains(await portal.Services.GetRequiredService<AlertsService>().ListAlertsAsync(model), a => a.Metric == RunQualityChecksJob.FailedChecksMetric);
        Assert.Equal([SignalSource.QualityReport], (await portal.Services.SignalsAsync()).Select(s => s.Source));
    }

    private async Task<int> RunAsync(params string[] checks)
    {
        var run = await portal.Services.GetRequiredService<CheckRuns>().RequestRunAsync(Personas.Support, model, 1, checks, CheckRunTrigger.Manual);
        var report = await portal.Services.GetRequiredService<RunQualityChecksJob>().ExecuteAsync(run.Id, null, CancellationToken.None);
        Assert.True(report is not null, $"Run {run.Id} wrote no report.");
        return report.Value;
    }

    private async Task UploadCurrentSampleAsync()
    {
        var income = Enumerable.Range(0, 200).Select(i => (string?)(i % 100).ToString(CultureInfo.InvariantCulture)).ToArray();
        await portal.Services.GetRequiredService<QualitySamples>().UploadSampleAsync(
            Personas.Support, model, 1, SampleRole.Current, new SampleTable(["income"], [income]));
    }

    private async Task<(int ModelId, int ProductionId)> IdsAsync()
    {
        var keys = portal.Services.GetRequiredService<RegistryKeys>();
        return ((await keys.ModelIdAsync(model))!.Value, (await keys.EnvironmentAsync("production"))!.Id);
    }
}
