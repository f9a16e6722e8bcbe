using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Data;

/// <summary>
/// While something else holds the SQLite write lock, an API write waits at most Database:BusyTimeoutSeconds and is
/// then refused with 503 and Retry-After, which a pipeline retries; never a 500 after half a minute.
/// </summary>
public sealed class BusyDatabaseTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(1);
    private readonly PortalAppFactory app = new() { Settings = { ["Database:BusyTimeoutSeconds"] = "1" } };

    [Fact]
    public async Task Writes_to_a_database_locked_by_another_connection_answer_503_with_Retry_After_within_the_bound()
    {
        using var registry = await app.CreateRegistryWriterAsync();
        var metricsKey = await app.CreateKeyAsync("exporter", PortalRoles.MetricsWrite);
        using var exporter = app.CreateClientWithKey(metricsKey.Secret);
        using (var created = await registry.PostJsonAsync("/api/v1/models", Model("busy-metrics")))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await using (var holder = await HoldWriteLockAsync())
        {
            foreach (var (client, path, body) in new (HttpClient, string, object)[]
            {
                (registry, "/api/v1/models", Model("busy-model")),
                (exporter, "/api/v1/metrics", new { model = "busy-metrics", environment = "production", points = new[] { new { metric = "busy.test", timestamp = DateTimeOffset.UtcNow, value = 1 } } }),
            })
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.PostJsonAsync(path, body);
                var problem = await response.ProblemAsync(HttpStatusCode.ServiceUnavailable);
                Assert.Equal("The database is busy", problem["title"]!.GetValue<string>());
                Assert.Equal(TimeSpan.FromSeconds(1), response.Headers.RetryAfter?.Delta);
                // The bound plus the request's own work, far from Microsoft.Data.Sqlite's default 30 s.
                Assert.True(watch.Elapsed < Bound * 5, $"{path} waited {watch.Elapsed.TotalSeconds:0.0} s for the lock.");
            }
        }

        // Retried once the lock is free, as Retry-After says, the same write succeeds.
        using var retried = await registry.PostJsonAsync("/api/v1/models", Model("busy-model"));
        Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
    }

    public void Dispose() => app.Dispose();

    private static object Model(string key) => new
    {
        key, displayName = "Busy", description = "", owner = "Tests", businessUnit = "QA", useCase = "", riskTier = "Low", tags = Array.Empty<string>(),
    };

    /// <summary>A second connection, as another process would have, that has begun a write and not committed.</summary>
    private async Task<SqliteConnection> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE;";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }
}
