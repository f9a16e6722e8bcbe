using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

public sealed class DeploymentApiTests : DeploymentsTestContext
{
    // The receivers below listen on loopback, which outbound calls reach only when an administrator allows it.
    public DeploymentApiTests()
        : base(overHttp: true) => App.Settings["Outbound:AllowedHosts:0"] = "127.0.0.1";

    [Fact]
    public async Task A_pipeline_requests_waits_and_reports_the_deployment()
    {
        using var pipeline = await App.CreateRegistryWriterAsync("release-pipeline");

        var created = await pipeline.PostJsonAsync("/api/v1/deployment-requests",
            new { model = "churn-model", version = 1, environment = "staging", justification = "Quarterly retrain", plannedAt = "2026-11-20T10:00:00Z" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var id = body["id"]!.GetValue<int>();
        Assert.Equal($"/api/v1/deployment-requests/{id}", created.Headers.Location?.OriginalString);
        Assert.Equal("Pending", body["state"]!.GetValue<string>());
        var gate = body["gates"]!.AsArray()[0]!;
        Assert.Equal(["name", "passed", "blocking", "reason"], gate.AsObject().Select(p => p.Key));

        await (await pipeline.PostJsonAsync($"/api/v1/deployment-requests/{id}/deployed", new { pipelineRunUrl = "https://ci.example/1" }))
            .ProblemAsync(HttpStatusCode.Conflict);

        await Decisions.ApproveAsync(Personas.Approver, id, null);
        var polled = await (await pipeline.GetPathAsync($"/api/v1/deployment-requests/{id}")).JsonAsync();
        Assert.Equal("Approved", polled["state"]!.GetValue<string>());

        var failed = await pipeline.PostJsonAsync($"/api/v1/deployment-requests/{id}/failed", new { pipelineRunUrl = "https://ci.example/1" });
        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        var deployed = await pipeline.PostJsonAsync($"/api/v1/deployment-requests/{id}/deployed", new { pipelineRunUrl = "https://ci.example/2" });
        Assert.Equal(HttpStatusCode.OK, deployed.StatusCode);
        Assert.Equal("Deployed", (await deployed.JsonAsync())["state"]!.GetValue<string>());
        var twice = await (await pipeline.PostJsonAsync($"/api/v1/deployment-requests/{id}/deployed", new { pipelineRunUrl = "https://ci.example/2" }))
            .ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("is Deployed", twice["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        var rolledBack = await pipeline.PostJsonAsync($"/api/v1/deployment-requests/{id}/rolled-back", new { pipelineRunUrl = "https://ci.example/3" });
        Assert.Equal("RolledBack", (await rolledBack.JsonAsync())["state"]!.GetValue<string>());

        var actions = (await Requests.TimelineAsync(id)).Select(e => e.Action).ToList();
        Assert.Equal(
            ["deployment-request.created", "deployment-request.approved", "deployment-request.deployment-failed", "deployment-request.deployed", "deployment-request.rolled-back"],
            actions);
    }

    [Fact]
    public async Task Invalid_requests_are_problem_details_and_unknown_ones_404()
    {
        using var pipeline = await App.CreateRegistryWriterAsync();

        var invalid = await (await pipeline.PostJsonAsync("/api/v1/deployment-requests", new { model = "churn-model", environment = "moon" })).ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(invalid.FieldErrors("version"));
        Assert.NotEmpty(invalid.FieldErrors("justification"));
        var moon = await (await pipeline.PostJsonAsync("/api/v1/deployment-requests", new { model = "churn-model", version = 1, environment = "moon", justification = "x" }))
            .ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("There is no environment 'moon'. Use one of: production, staging, development.", Assert.Single(moon.FieldErrors("environment")));
        await (await pipeline.PostJsonAsync("/api/v1/deployment-requests", new { model = "nope", version = 1, environment = "staging", justification = "x" }))
            .ProblemAsync(HttpStatusCode.NotFound);
        await (await pipeline.GetPathAsync("/api/v1/deployment-requests/999")).ProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = App.CreateClientAs(null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostJsonAsync("/api/v1/deployment-requests", new { })).StatusCode);
        using var metricsOnly = App.CreateClientWithKey((await App.CreateKeyAsync("metrics", "Metrics.Write")).Secret);
        Assert.Equal(HttpStatusCode.Forbidden, (await metricsOnly.PostJsonAsync("/api/v1/deployment-requests", new { })).StatusCode);
    }

    [Fact]
    public void The_signature_is_the_hmac_sha256_of_the_body()
    {
        var body = Encoding.UTF8.GetBytes("{\"event\":\"created\"}");

        var header = DeploymentWebhooks.Sign("a-shared-secret-of-16+", body);

        Assert.Equal("sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes("a-shared-secret-of-16+"), body)), header);
    }

    [Fact]
    public async Task Webhooks_reach_a_receiver_signed_with_the_admins_secret()
    {
        const string secret = "webhook-secret-for-tests";
        var received = new List<(string Event, string Signature, byte[] Body)>();
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", async (HttpContext context) =>
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            lock (received)
            {
                received.Add((context.Request.Headers["X-MlOpsPortal-Event"].ToString(), context.Request.Headers[DeploymentWebhooks.SignatureHeader].ToString(), buffer.ToArray()));
                if (received.Count == 6)
                {
                    allArrived.TrySetResult();
                }
            }

            return Results.Ok();
        });
        await receiver.StartAsync();
        var address = receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        await Webhooks.UpdateWebhookAsync(Personas.Admin, new WebhookSettingsInput($"{address}/hook", secret));

        var request = await RequestAsync("churn-model", "staging");
        await Decisions.ApproveAsync(Personas.Approver, request.Id, null);
        await Requests.MarkDeployedAsync(Personas.Admin, request.Id, new PipelineCallbackInput(null));
        var rejected = await RequestAsync("fraud-model", "staging");
        await Decisions.RejectAsync(Personas.SecondApprover, rejected.Id, "Not this week.");
        Clock.Advance(TimeSpan.FromDays(180));
        await App.Services.GetRequiredService<ReapproveDeploymentsJob>().RunAsync(CancellationToken.None);
        await allArrived.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(["created", "approved", "deployed", "created", "rejected", "expired"], received.Select(r => r.Event));
        foreach (var (eventName, signature, body) in received)
        {
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
            Assert.True(CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature)), eventName);
            var json = JsonNode.Parse(body)!;
            Assert.Equal(eventName, json["event"]!.GetValue<string>());
            Assert.Contains(json["request"]!["id"]!.GetValue<int>(), new[] { request.Id, rejected.Id });
        }
    }

    [Fact]
    public async Task The_webhook_client_follows_no_redirect_and_reaches_no_unlisted_inside_address()
    {
        var followed = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var receiver = builder.Build();
        receiver.MapPost("/hook", () => Results.Redirect("/stolen"));
        receiver.MapPost("/stolen", () => Interlocked.Increment(ref followed));
        receiver.MapGet("/stolen", () => Interlocked.Increment(ref followed));
        await receiver.StartAsync();
        var port = new Uri(receiver.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        using var client = App.Services.GetRequiredService<IHttpClientFactory>().CreateClient(DeploymentWebhooks.HttpClientName);

        using var redirected = await client.PostAsync(new Uri($"http://127.0.0.1:{port}/hook"), new StringContent("{}"));
        var unlisted = await Assert.ThrowsAsync<HttpRequestException>(() => client.PostAsync(new Uri($"http://127.0.0.2:{port}/hook"), new StringContent("{}")));

        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.Equal(0, followed);
        Assert.Contains("loopback", unlisted.InnerException?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "link-local")]
    [InlineData("http://admin:hunter2@hooks.example.com/hook", "user name or password")]
    [InlineData("http://[::ffff:10.0.0.1]/hook", "private")]
    public async Task An_inside_webhook_url_is_refused_when_saved(string url, string says)
    {
        var refused = await Assert.ThrowsAsync<MlOpsPortal.Infrastructure.Api.PortalValidationException>(
            () => Webhooks.UpdateWebhookAsync(Personas.Admin, new WebhookSettingsInput(url, "webhook-secret-for-tests")));

        Assert.Contains(says, Assert.Single(refused.Errors["url"]), StringComparison.Ordinal);
        Assert.Null((await Webhooks.GetWebhookAsync(Personas.Admin)).Url);
    }
}
