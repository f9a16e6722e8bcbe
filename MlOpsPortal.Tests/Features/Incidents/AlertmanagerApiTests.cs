using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>The Alertmanager webhook over real HTTP with hand-made payloads of Alertmanager's shape (version 4).</summary>
public sealed class AlertmanagerApiTests : IAsyncLifetime, IDisposable
{
    private const string Route = "/api/v1/integrations/alertmanager";
    private readonly PortalAppFactory app = new();
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        await app.Services.GetRequiredService<ModelsService>().CreateModelAsync(
            Personas.Contributor, new ModelInput("churn-model", "Churn", "", "Dana", "Retail", "", RiskTier.High, []));
        client = app.CreateClientWithKey((await app.CreateKeyAsync("alertmanager", PortalRoles.IncidentsWrite)).Secret);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        client.Dispose();
        app.Dispose();
    }

    [Fact]
    public async Task A_firing_alert_opens_an_incident_on_its_model_a_repeat_changes_nothing_and_its_resolution_is_noted()
    {
        var firing = Alert("a1b2c3d4e5f60718", "firing", model: "churn-model", severity: "critical");

        var opened = await PostOkAsync(Payload(firing));

        var number = opened["incident"]!.GetValue<string>();
        Assert.Equal(("a1b2c3d4e5f60718", "firing", $"opened {number}"),
            (opened["fingerprint"]!.GetValue<string>(), opened["status"]!.GetValue<string>(), opened["outcome"]!.GetValue<string>()));
        var incident = (await app.Services.GetRequiredService<IncidentsService>().GetAsync(number))!;
        Assert.Equal((IncidentSource.ExternalAlert, "churn-model", "production", IncidentPriority.P1), (incident.Source, incident.Model, incident.Environment, incident.Priority));
        Assert.Equal(("Churn AUC below 0.75", "AUC has been below 0.75 for 10 minutes.", "http://prometheus.example:9090/graph?g0.expr=auc"),
            (incident.Title, incident.Description, incident.SourceLink));
        // startsAt carries nanoseconds; the portal stores microseconds on every provider (PostgreSQL's precision).
        Assert.Equal(new DateTime(2026, 11, 2, 9, 50, 0, DateTimeKind.Utc).AddTicks(1_234_560), incident.ImpactStartUtc);

        var repeated = await PostOkAsync(Payload(firing));
        Assert.Equal((number, "unchanged since the last notification"), (repeated["incident"]!.GetValue<string>(), repeated["outcome"]!.GetValue<string>()));

        var resolved = await PostOkAsync(Payload(Alert("a1b2c3d4e5f60718", "resolved", model: "churn-model", severity: "critical")));
        Assert.Equal((number, $"noted on {number}"), (resolved["incident"]!.GetValue<string>(), resolved["outcome"]!.GetValue<string>()));
        Assert.Equal(1, (await app.Services.GetRequiredService<IncidentsService>().GetAsync(number))!.SignalCount);
    }

    [Fact]
    public async Task An_alert_without_a_model_label_opens_an_incident_without_a_model_its_priority_from_its_severity()
    {
        var answer = await PostOkAsync(Payload(Alert("0000000000000abc", "firing", model: null, severity: "warning")));

        var incident = (await app.Services.GetRequiredService<IncidentsService>().GetAsync(answer["incident"]!.GetValue<string>()))!;
        // No model: medium impact; warning: medium urgency.
        Assert.Equal((null, "production", IncidentPriority.P3), (incident.Model, incident.Environment, incident.Priority));
    }

    [Fact]
    public async Task A_payload_with_an_unknown_model_is_refused_naming_it_and_writes_nothing()
    {
        var payload = Payload(Alert("1111111111111111", "firing", model: "churn-model", severity: "critical"), Alert("2222222222222222", "firing", model: "no-such-model", severity: "critical"));

        using var response = await client.PostJsonAsync(Route, payload);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("no-such-model", Assert.Single(problem.FieldErrors("alerts[1].labels.model")), StringComparison.Ordinal);
        Assert.False(await app.QueryAsync(db => db.Signals.AnyAsync()));
        Assert.False(await app.QueryAsync(db => db.Incidents.AnyAsync()));
    }

    [Fact]
    public async Task Another_payload_version_or_a_bad_alert_is_refused_with_problem_details()
    {
        var payload = Payload(Alert("", "pending", model: null, severity: null));
        payload["version"] = "3";

        using var response = await client.PostJsonAsync(Route, payload);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Single(problem.FieldErrors("version"));
        Assert.Single(problem.FieldErrors("alerts[0].fingerprint"));
        Assert.Single(problem.FieldErrors("alerts[0].status"));
        Assert.False(await app.QueryAsync(db => db.Signals.AnyAsync()));
    }

    [Fact]
    public async Task A_portal_key_is_accepted_as_a_bearer_token_and_needs_the_incidents_scope()
    {
        var key = (await app.CreateKeyAsync("alertmanager-bearer", PortalRoles.IncidentsWrite)).Secret;
        using var bearer = app.CreateClientAs(null);
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var accepted = await bearer.PostJsonAsync(Route, Payload(Alert("3333333333333333", "firing", model: "churn-model", severity: "high")));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);

        using var metrics = app.CreateClientAs(null);
        metrics.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await app.CreateKeyAsync("exporter", PortalRoles.MetricsWrite)).Secret);
        using var refused = await metrics.PostJsonAsync(Route, Payload(Alert("4444444444444444", "firing", model: null, severity: null)));
        Assert.Contains(PortalRoles.IncidentsWrite, (await refused.ProblemAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var wrong = app.CreateClientAs(null);
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key[..^2] + "xx");
        using var unauthorized = await wrong.PostJsonAsync(Route, Payload(Alert("5555555555555555", "firing", model: null, severity: null)));
        await unauthorized.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    private async Task<JsonNode> PostOkAsync(JsonObject payload)
    {
        using var response = await client.PostJsonAsync(Route, payload);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        return Assert.Single(JsonNode.Parse(text)!["alerts"]!.AsArray())!;
    }

    /// <summary>A notification as Alertmanager 0.25 sends it: every field, in its own spelling.</summary>
    private static JsonObject Payload(params JsonObject[] alerts) => new()
    {
        ["receiver"] = "portal",
        ["status"] = alerts[0]["status"]!.GetValue<string>(),
        ["alerts"] = new JsonArray([.. alerts.Select(a => a.DeepClone())]),
        ["groupLabels"] = new JsonObject { ["alertname"] = "ChurnAucLow" },
        ["commonLabels"] = new JsonObject { ["alertname"] = "ChurnAucLow" },
        ["commonAnnotations"] = new JsonObject(),
        ["externalURL"] = "http://alertmanager.example:9093",
        ["version"] = "4",
        ["groupKey"] = "{}:{alertname=\"ChurnAucLow\"}",
        ["truncatedAlerts"] = 0,
    };

    private static JsonObject Alert(string fingerprint, string status, string? model, string? severity)
    {
        var labels = new JsonObject { ["alertname"] = "ChurnAucLow", ["environment"] = "production" };
        if (model is not null)
        {
            labels["model"] = model;
        }

        if (severity is not null)
        {
            labels["severity"] = severity;
        }

        return new JsonObject
        {
            ["status"] = status,
            ["labels"] = labels,
            ["annotations"] = new JsonObject { ["summary"] = "Churn AUC below 0.75", ["description"] = "AUC has been below 0.75 for 10 minutes." },
            ["startsAt"] = "2026-11-02T09:50:00.123456789Z",
            ["endsAt"] = status == "resolved" ? "2026-11-02T10:20:00Z" : "0001-01-01T00:00:00Z",
            ["generatorURL"] = "http://prometheus.example:9090/graph?g0.expr=auc",
            ["fingerprint"] = fingerprint,
        };
    }
}
