using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

public sealed class IncidentMetricsApiTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 4, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now.AddHours(-2));
    private readonly PortalAppFactory app;

    public IncidentMetricsApiTests() =>
        app = new PortalAppFactory { ConfigureServices = services => services.AddSingleton<TimeProvider>(clock) };

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_business_viewer_reads_the_measures_of_a_period_in_camelCase_with_named_units()
    {
        var incidents = app.Services.GetRequiredService<IncidentsService>();
        var work = app.Services.GetRequiredService<IncidentWork>();
        var p1 = await incidents.CreateAsync(Personas.Support, new IncidentInput("Scores stopped", "", null, null, null, Impact.High, Urgency.High));
        clock.Advance(TimeSpan.FromMinutes(12));
        await work.AcknowledgeAsync(Personas.Support, p1.Number);
        clock.SetUtcNow(Now);

        using var client = app.CreateClientAs(Personas.Business);
        using var response = await client.GetPathAsync("/api/v1/incidents/metrics?from=2026-11-04&to=2026-11-04T09:00:00Z");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal(1, json["incidents"]!.GetValue<int>());
        Assert.Equal(12, json["mttaMinutes"]!["mean"]!.GetValue<double>());
        Assert.Equal(12, json["mttaMinutes"]!["median"]!.GetValue<double>());
        Assert.Equal(0, json["mttrMinutes"]!["count"]!.GetValue<int>());
        Assert.Null(json["mttrMinutes"]!["mean"]);
        Assert.Equal("P1", json["byPriority"]![0]!["priority"]!.GetValue<string>());
        Assert.Equal(100, json["byPriority"]![0]!["responseAttainmentPercent"]!.GetValue<double>());
        Assert.Equal(1, json["backlogByAge"]!["underOneDay"]!.GetValue<int>());
        Assert.Equal("2026-11-04", json["daily"]![0]!["date"]!.GetValue<string>());
        Assert.Single(json["daily"]!.AsArray());
    }

    [Fact]
    public async Task Without_dates_it_measures_the_last_30_days()
    {
        clock.SetUtcNow(Now);
        using var client = app.CreateClientAs(Personas.Executive);
        var json = await (await client.GetPathAsync("/api/v1/incidents/metrics")).JsonAsync();

        Assert.Equal(30, json["daily"]!.AsArray().Count);
        Assert.StartsWith("2026-10-06T00:00:00", json["from"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2026-11-04&to=2026-11-01", "from")]
    [InlineData("from=2025-01-01&to=2026-11-01", "to")]
    [InlineData("from=04/11/2026", "from")]
    [InlineData("to=yesterday", "to")]
    public async Task A_bad_period_is_a_problem_naming_the_field(string query, string field)
    {
        using var client = app.CreateClientAs(Personas.Business);
        using var response = await client.GetPathAsync($"/api/v1/incidents/metrics?{query}");

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]![field]);
    }
}
