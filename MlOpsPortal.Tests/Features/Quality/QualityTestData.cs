using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Quality;

/// <summary>Models, samples and runs for the quality tests, created the way people and pipelines create them.</summary>
public static class QualityTestData
{
    public const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    public static string NewKey(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>A model with one registered version (1), as a data scientist registers it.</summary>
    public static async Task<string> CreateModelAsync(IServiceProvider services, string prefix = "quality")
    {
        ArgumentNullException.ThrowIfNull(services);
        var key = NewKey(prefix);
        var models = services.GetRequiredService<ModelsService>();
        await models.CreateModelAsync(Personas.Contributor, new ModelInput(key, "Quality test model", null, "Dana Scientist", "Retail", null, RiskTier.High, []));
        await models.RegisterVersionAsync(Personas.Contributor, key, new VersionInput("xgboost 2.1", $"s3://models/{key}/1/model.json", Sha, null, null, null,
            null, null, new Dictionary<string, double> { ["auc"] = 0.93 }, null));
        return key;
    }

    public static Task<HttpResponseMessage> UploadJsonAsync(this HttpClient client, string model, object body) =>
        client.PostJsonAsync($"/api/v1/models/{model}/samples", body);

    public static async Task<int> UploadOkAsync(this HttpClient client, string model, int version, string role, IDictionary<string, object?[]> columns)
    {
        using var response = await client.UploadJsonAsync(model, new { version, role, columns });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Upload refused: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!["id"]!.GetValue<int>();
    }

    /// <summary>Requests a run through the API and returns its id (asserting the 202 and its Location).</summary>
    public static async Task<int> RequestRunAsync(this HttpClient client, string model, int version, params string[] checks)
    {
        using var response = await client.PostJsonAsync($"/api/v1/models/{model}/check-runs",
            checks.Length == 0 ? new { version } : new { version, checks });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Run refused: {(int)response.StatusCode} {text}");
        var id = JsonNode.Parse(text)!["id"]!.GetValue<int>();
        Assert.Equal($"/api/v1/check-runs/{id}", response.Headers.Location!.PathAndQueryOf());
        return id;
    }

    /// <summary>Polls the run until it finished (bounded by a deadline) and returns its last state.</summary>
    public static async Task<JsonNode> WaitForRunAsync(this HttpClient client, int runId, int timeoutSeconds = 90)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            using var response = await client.GetPathAsync($"/api/v1/check-runs/{runId}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var run = await response.JsonAsync();
            var state = run["state"]!.GetValue<string>();
            if (state is "Succeeded" or "Failed")
            {
                return run;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Run {runId} did not finish within {timeoutSeconds} s: {run.ToJsonString()}");
            await Task.Delay(50);
        }
    }

    public static async Task<JsonNode> SucceededRunAsync(this HttpClient client, int runId)
    {
        var run = await client.WaitForRunAsync(runId);
        Assert.True(run["state"]!.GetValue<string>() == "Succeeded", $"Run {runId} failed: {run.ToJsonString()}");
        return run;
    }

    public static async Task<JsonNode> ReportAsync(this HttpClient client, int reportId)
    {
        using var response = await client.GetPathAsync($"/api/v1/quality-reports/{reportId}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Report {reportId}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public static JsonNode Check(this JsonNode report, string kind) =>
        report["checks"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == kind)!;

    public static JsonNode Feature(this JsonNode check, string name) =>
        check["features"]!.AsArray().Single(f => f!["name"]!.GetValue<string>() == name)!;

    public static string Sha256Hex(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Polls a condition on state (bounded by a deadline); fails with the message when it never holds.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe, string what, int timeoutSeconds = 60)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Timed out after {timeoutSeconds} s waiting for {what}.");
            await Task.Delay(100);
        }
    }
}
