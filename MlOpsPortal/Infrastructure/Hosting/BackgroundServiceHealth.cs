using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MlOpsPortal.Infrastructure.Hosting;

/// <summary>
/// Readiness of the background services: Degraded while one is waiting to retry after a failure. Degraded, not
/// Unhealthy: the portal still serves requests (readiness answers 200), but an operator sees what is not running.
/// </summary>
public sealed class BackgroundServiceHealth : IHealthCheck
{
    public const string CheckName = "background-services";

    private readonly ConcurrentDictionary<string, Failure> failing = new(StringComparer.Ordinal);

    public void Failed(string service, Exception exception, int failures, DateTimeOffset retryAt) =>
        failing[service] = new Failure(exception.GetType().Name, exception.Message, failures, retryAt);

    public void Recovered(string service) => failing.TryRemove(service, out _);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = failing.ToArray();
        if (now.Length == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Every background service runs."));
        }

        // The probe is anonymous: the exception's type and message only, no stack trace.
        var data = now.ToDictionary(f => f.Key, f => (object)$"{f.Value.Failures} failure(s), last {f.Value.Error}: {f.Value.Message}; retry at {f.Value.RetryAt:O}");
        return Task.FromResult(HealthCheckResult.Degraded(
            $"Failed and waiting to retry: {string.Join(", ", now.Select(f => f.Key).Order(StringComparer.Ordinal))}. See the portal log.", data: data));
    }

    private sealed record Failure(string Error, string Message, int Failures, DateTimeOffset RetryAt);
}
