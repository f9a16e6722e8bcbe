using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Tests.Support;

/// <summary>Calls <c>/api/v1</c> as a pipeline would: JSON over HTTP with an API key issued by an administrator.</summary>
public static class ApiTestClient
{
    public const string ApiKeyHeader = "X-Api-Key";

    public static async Task<CreatedApiKey> CreateKeyAsync(this PortalAppFactory app, string name, params string[] scopes)
    {
        ArgumentNullException.ThrowIfNull(app);
        var keys = app.Services.GetRequiredService<ApiKeysService>();
        return await keys.CreateAsync(Personas.Admin, new ApiKeyInput(name, scopes, null));
    }

    public static HttpClient CreateClientWithKey(this PortalAppFactory app, string secret)
    {
        ArgumentNullException.ThrowIfNull(app);
        var client = app.CreateClientAs(null);
        client.DefaultRequestHeaders.Add(ApiKeyHeader, secret);
        return client;
    }

    public static async Task<HttpClient> CreateRegistryWriterAsync(this PortalAppFactory app, string name = "ci-pipeline")
    {
        var key = await app.CreateKeyAsync(name, PortalRoles.RegistryWrite);
        return app.CreateClientWithKey(key.Secret);
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, object body) =>
        client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);

    /// <summary>Sends points of one model through the metrics API, as an exporter does, and checks they were accepted.</summary>
    public static async Task SendMetricsAsync(
        this HttpClient exporter, string model, string environment, IEnumerable<(string Metric, DateTimeOffset At, double Value)> points)
    {
        using var response = await exporter.PostJsonAsync("/api/v1/metrics", new
        {
            model,
            environment,
            points = points.Select(p => new { metric = p.Metric, timestamp = p.At.ToString("O", System.Globalization.CultureInfo.InvariantCulture), value = p.Value }),
        });
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    public static async Task<HttpResponseMessage> PostRawAsync(this HttpClient client, string path, string json)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static Task<HttpResponseMessage> GetPathAsync(this HttpClient client, string path) =>
        client.GetAsync(new Uri(path, UriKind.Relative));

    public static async Task<JsonNode> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Asserts an RFC 7807 answer with the status and returns its body.</summary>
    public static async Task<JsonNode> ProblemAsync(this HttpResponseMessage response, System.Net.HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        return problem;
    }

    public static string[] FieldErrors(this JsonNode problem, string field) =>
        problem["errors"]?[field]?.AsArray().Select(e => e!.GetValue<string>()).ToArray() ?? [];

    public static async Task<T> QueryAsync<T>(this PortalAppFactory app, Func<PortalDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(query);
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await query(db);
    }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
