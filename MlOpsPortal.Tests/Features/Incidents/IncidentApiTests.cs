using System.Net;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>The incidents API over real HTTP (DESIGN §11c): a pipeline with Incidents.Write, and support engineers' sessions.</summary>
public sealed class IncidentApiTests : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_pipeline_opens_an_incident_and_reads_it_back_with_its_sla_records()
    {
        var key = await app.CreateKeyAsync("monitoring-pipeline", PortalRoles.IncidentsWrite);
        using var pipeline = app.CreateClientWithKey(key.Secret);

        var created = await pipeline.PostJsonAsync("/api/v1/incidents",
            new { title = "Fraud scores all zero", description = "Since 09:40", impact = "High", urgency = "Medium" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var number = body["number"]!.GetValue<string>();
        Assert.Equal($"/api/v1/incidents/{number}", created.Headers.Location?.OriginalString);
        Assert.Equal(("P2", "New"), (body["priority"]!.GetValue<string>(), body["state"]!.GetValue<string>()));
        var sla = body["sla"]!.AsArray();
        Assert.Equal(["Response", "Resolution"], sla.Select(s => s!["target"]!.GetValue<string>()));
        Assert.All(sla, s => Assert.Equal("Running", s!["stage"]!.GetValue<string>()));

        var read = await (await pipeline.GetPathAsync($"/api/v1/incidents/{number}")).JsonAsync();
        Assert.Equal("Fraud scores all zero", read["title"]!.GetValue<string>());
        var list = await (await pipeline.GetPathAsync("/api/v1/incidents?state=open&page=1")).JsonAsync();
        Assert.Equal(1, list["total"]!.GetValue<int>());
        Assert.Equal(number, list["items"]![0]!["number"]!.GetValue<string>());
        var comment = await pipeline.PostJsonAsync($"/api/v1/incidents/{number}/comments", new { text = "Retrain job started." });
        Assert.Equal(HttpStatusCode.Created, comment.StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_problem_details_naming_each_field_and_writes_nothing()
    {
        using var support = app.CreateClientAs(Personas.Support);

        var problem = await (await support.PostJsonAsync("/api/v1/incidents",
            new { title = " ", model = "no-such-model", version = 3, environment = "moon", impact = "High" })).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.NotEmpty(problem.FieldErrors("title"));
        Assert.Contains("no-such-model", problem.FieldErrors("model")[0], StringComparison.Ordinal);
        Assert.Contains("production", problem.FieldErrors("environment")[0], StringComparison.Ordinal);
        Assert.NotEmpty(problem.FieldErrors("urgency"));
        Assert.Equal(0, await app.QueryAsync(db => db.Incidents.CountAsync()));
        var badEnum = await (await support.PostJsonAsync("/api/v1/incidents", new { title = "t", impact = "Huge", urgency = "High" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("High, Medium, Low", badEnum.FieldErrors("impact")[0], StringComparison.Ordinal);
        await (await support.GetPathAsync("/api/v1/incidents/INC-999999")).ProblemAsync(HttpStatusCode.NotFound);
        await (await support.GetPathAsync("/api/v1/incidents?state=sleeping")).ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_invalid_transition_is_409_with_the_actions_allowed_now()
    {
        using var support = app.CreateClientAs(Personas.Support);
        var number = (await (await support.PostJsonAsync("/api/v1/incidents", new { title = "Drift on churn", impact = "Low", urgency = "Low" })).JsonAsync())["number"]!.GetValue<string>();

        var conflict = await (await support.PostJsonAsync($"/api/v1/incidents/{number}/resolve", new { code = "Fixed", notes = "done" })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(["acknowledge", "cancel"], conflict["allowed"]!.AsArray().Select(a => a!.GetValue<string>()));
        Assert.Equal("New", conflict["state"]!.GetValue<string>());

        var acknowledged = await (await support.PostJsonAsync($"/api/v1/incidents/{number}/acknowledge", new { })).JsonAsync();
        Assert.Equal(("InProgress", "Sam Support"), (acknowledged["state"]!.GetValue<string>(), acknowledged["assigneeName"]!.GetValue<string>()));
        var again = await (await support.PostJsonAsync($"/api/v1/incidents/{number}/acknowledge", new { })).ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("already acknowledged by Sam Support", again["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        using var contributor = app.CreateClientAs(Personas.Contributor);
        await (await contributor.PostJsonAsync($"/api/v1/incidents/{number}/resolve", new { code = "Fixed", notes = "done" })).ProblemAsync(HttpStatusCode.Forbidden);
    }
}
