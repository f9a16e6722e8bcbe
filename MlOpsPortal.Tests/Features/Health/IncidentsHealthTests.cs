using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Components.Shared;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Tests.Support;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Features.Health;

/// <summary>The health score's Incidents part: the model's open incidents here, weighted by priority.</summary>
public sealed class IncidentsHealthTests : IAsyncLifetime
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 17, 0, 0, TimeSpan.Zero));
    private PortalServices portal = default!;

    private HealthScore Health => portal.Services.GetRequiredService<HealthScore>();

    private IncidentsService Incidents => portal.Services.GetRequiredService<IncidentsService>();

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(clock);
        var models = portal.Services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(Personas.Contributor, new ModelInput("churn-model", "Churn", "", "Dana", "Retail", "", RiskTier.High, []));
        await models.CreateModelAsync(Personas.Contributor, new ModelInput("fraud-model", "Fraud", "", "Dana", "Retail", "", RiskTier.High, []));
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task Without_open_incidents_the_part_is_healthy_and_says_so()
    {
        var part = await PartAsync("churn-model", "production");

        Assert.Equal(HealthStatus.Healthy, part.Status);
        Assert.Equal(100, part.Score);
        Assert.Equal("No open incidents.", part.Explanation);
    }

    [Fact]
    public async Task An_open_P1_makes_the_part_and_the_model_critical_and_names_the_incident()
    {
        var p1 = await OpenAsync("churn-model", null, Impact.High, Urgency.High);

        var report = await Health.ComputeAsync("churn-model", "production");
        var part = report.Parts.Single(p => p.Component == HealthComponent.Incidents);

        Assert.Equal(HealthStatus.Critical, part.Status);
        Assert.Equal(40, part.Score);
        Assert.Equal($"1 open P1 incident: {p1.Number}.", part.Explanation);
        Assert.Equal(HealthStatus.Critical, report.Status);
        Assert.Equal(HealthStatus.Healthy, (await PartAsync("fraud-model", "production")).Status);
    }

    [Fact]
    public async Task A_dashboard_opened_after_an_incident_is_opened_shows_it_though_one_opened_before_was_shared()
    {
        var before = await Health.SharedAsync("churn-model", "production");
        Assert.Same(before, await Health.SharedAsync("churn-model", "production"));

        await OpenAsync("churn-model", null, Impact.High, Urgency.High);

        var after = await Health.SharedAsync("churn-model", "production");
        Assert.Equal(HealthStatus.Healthy, before.Parts.Single(p => p.Component == HealthComponent.Incidents).Status);
        Assert.Equal(HealthStatus.Critical, after.Parts.Single(p => p.Component == HealthComponent.Incidents).Status);
    }

    [Fact]
    public async Task P2s_warn_but_never_make_it_critical_and_P3s_and_P4s_only_deduct()
    {
        var first = await OpenAsync("churn-model", null, Impact.High, Urgency.Medium);
        var second = await OpenAsync("churn-model", null, Impact.Medium, Urgency.High);
        var third = await OpenAsync("churn-model", null, Impact.High, Urgency.Medium);
        await OpenAsync("churn-model", null, Impact.Low, Urgency.Low);

        var p2s = await PartAsync("churn-model", "production");
        Assert.Equal(HealthStatus.Warning, p2s.Status);
        Assert.Equal(50, p2s.Score);
        Assert.Equal($"4 open incidents (3 P2, 1 P4): {first.Number}, {second.Number}, {third.Number}, ….", p2s.Explanation);

        await OpenAsync("fraud-model", null, Impact.Medium, Urgency.Medium);
        var p3 = await PartAsync("fraud-model", "production");
        Assert.Equal(HealthStatus.Healthy, p3.Status);
        Assert.Equal(90, p3.Score);
    }

    [Fact]
    public async Task An_incident_raised_in_staging_does_not_count_against_production()
    {
        await OpenAsync("churn-model", "staging", Impact.High, Urgency.High);

        Assert.Equal(HealthStatus.Healthy, (await PartAsync("churn-model", "production")).Status);
        Assert.Equal(HealthStatus.Critical, (await PartAsync("churn-model", "staging")).Status);
        var counts = await Incidents.OpenCountsAsync(["churn-model", "fraud-model"], "staging");
        Assert.Equal(1, Assert.Single(counts).Value.P1);
    }

    [Fact]
    public async Task The_breakdown_links_a_model_with_open_incidents_to_its_incidents_queue()
    {
        await OpenAsync("churn-model", "production", Impact.Medium, Urgency.Medium);
        await using var bunit = new BunitContext();
        bunit.Services.AddSingleton(Health);
        bunit.Services.AddMudServices();
        bunit.Services.AddScoped<BrowserTimeZone>();
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;

        var withIncidents = bunit.Render<HealthBreakdown>(ps => ps.Add(p => p.Model, "churn-model").Add(p => p.Environment, "production"));
        var without = bunit.Render<HealthBreakdown>(ps => ps.Add(p => p.Model, "fraud-model").Add(p => p.Environment, "production"));

        withIncidents.WaitForElement("[data-testid=health-incidents-link]");
        Assert.Equal(IncidentLinks.ForModel("churn-model"), withIncidents.Find("[data-testid=health-incidents-link]").GetAttribute("href"));
        without.WaitForElement("[data-testid=health-status]");
        Assert.Empty(without.FindAll("[data-testid=health-incidents-link]"));
    }

    private async Task<HealthPart> PartAsync(string model, string environment) =>
        (await Health.ComputeAsync(model, environment)).Parts.Single(p => p.Component == HealthComponent.Incidents);

    private Task<IncidentView> OpenAsync(string model, string? environment, Impact impact, Urgency urgency) =>
        Incidents.CreateAsync(Personas.Support, new IncidentInput("Scores look wrong", "", model, null, environment, impact, urgency));
}
