using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>
/// Debian's real Alertmanager notifying the portal on a real loopback port, configured as the README shows: an
/// alert posted to Alertmanager becomes an incident on its model, and its resolution lands on the incident's timeline.
/// </summary>
public sealed class AlertmanagerEndToEndTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly PortalAppFactory app = new();
    private AlertmanagerProcess? alertmanager;

    public async Task InitializeAsync()
    {
        app.UseKestrel(0);
        app.StartServer();
        await app.Services.GetRequiredService<ModelsService>().CreateModelAsync(
            Personas.Contributor, new ModelInput("churn-model", "Churn", "", "Dana", "Retail", "", RiskTier.High, []));
        var key = await app.CreateKeyAsync("alertmanager", PortalRoles.IncidentsWrite);
        var portal = $"http://127.0.0.1:{app.ClientOptions.BaseAddress.Port}";
        alertmanager = await AlertmanagerProcess.StartAsync(new Dictionary<string, string>
        {
            ["alertmanager.yml"] = $"""
                global:
                  resolve_timeout: 5m
                route:
                  receiver: mlops-portal
                  group_by: [alertname, model, environment]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: mlops-portal
                    webhook_configs:
                      - url: {portal}{AlertmanagerEndpoints.Route}
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials_file: {"{folder}"}/portal-api-key
                """,
            ["portal-api-key"] = key.Secret,
        }, TimeSpan.FromSeconds(30));
    }

    public async Task DisposeAsync()
    {
        if (alertmanager is not null)
        {
            await alertmanager.DisposeAsync();
        }
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task An_alert_sent_through_alertmanager_opens_an_incident_on_its_model_and_its_resolution_is_noted()
    {
        var startsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        await PostAlertAsync(startsAt, endsAt: null);

        var incident = await EventuallyAsync(
            () => app.QueryAsync(db => db.Incidents.AsNoTracking().Where(i => i.SignalKey!.StartsWith("alertmanager:")).SingleOrDefaultAsync()),
            "an incident opened by Alertmanager's notification");
        var churn = await app.Services.GetRequiredService<RegistryKeys>().ModelIdAsync("churn-model");
        Assert.Equal((churn, IncidentSource.ExternalAlert, IncidentPriority.P1, "Churn AUC below 0.75"), (incident.ModelId, incident.Source, incident.Priority, incident.Title));

        await PostAlertAsync(startsAt, endsAt: DateTimeOffset.UtcNow.AddSeconds(-1));

        await EventuallyAsync(
            async () => (await app.Services.GetRequiredService<IncidentsService>().TimelineAsync(incident.Number))
                .FirstOrDefault(t => t.Kind == TimelineKind.Signal && t.Text.StartsWith("Resolved at the source", StringComparison.Ordinal)),
            $"the resolution noted on {incident.Number}");
    }

    /// <summary>As Prometheus sends an alert to Alertmanager's API; an end in the past resolves it.</summary>
    private async Task PostAlertAsync(DateTimeOffset startsAt, DateTimeOffset? endsAt)
    {
        var alert = new JsonObject
        {
            ["labels"] = new JsonObject { ["alertname"] = "ChurnAucLow", ["model"] = "churn-model", ["environment"] = "production", ["severity"] = "critical" },
            ["annotations"] = new JsonObject { ["summary"] = "Churn AUC below 0.75", ["description"] = "AUC has been below 0.75 for 10 minutes." },
            ["startsAt"] = startsAt.ToString("O"),
            ["generatorURL"] = "http://prometheus.example:9090/graph?g0.expr=auc",
        };
        if (endsAt is { } end)
        {
            alert["endsAt"] = end.ToString("O");
        }

        using var client = new HttpClient { BaseAddress = alertmanager!.BaseAddress };
        using var response = await client.PostJsonAsync("/api/v2/alerts", new JsonArray(alert));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Alertmanager refused the alert: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Polls until the condition holds; past the deadline, fails with Alertmanager's log, which says what it sent and what it was answered.</summary>
    private async Task<T> EventuallyAsync<T>(Func<Task<T?>> read, string what)
        where T : class
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            if (await read() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No {what} within {Deadline.TotalSeconds:0} s. Alertmanager's log:{Environment.NewLine}{alertmanager!.Output}");
            await Task.Delay(200);
        }
    }
}
