using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MlOpsPortal.Infrastructure.Hosting;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Hosting;

/// <summary>
/// Issue 10: an exception that escaped a background service stopped the whole portal. Now the portal keeps
/// answering, and readiness says which service is not running.
/// </summary>
public sealed class BackgroundFailureHostTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_throwing_background_service_leaves_the_portal_running_and_readiness_degraded()
    {
        var hostErrors = new HostErrorSignal();
        using var app = new PortalAppFactory
        {
            ConfigureServices = services =>
            {
                services.AddSingleton<ILoggerProvider>(hostErrors);
                services.AddHostedService<AlwaysFailingService>();
                // One that is not supervised: the host's own setting decides what its exception does.
                services.AddHostedService<UnsupervisedThrowingService>();
            },
        };
        using var client = app.CreateClientAs(null);

        // The host logs the unsupervised service's fault as an error, then, if it stops for it, a critical entry.
        await hostErrors.First.WaitAsync(Within);

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Degraded", body.RootElement.GetProperty("status").GetString());
        var check = body.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == BackgroundServiceHealth.CheckName);
        Assert.Equal("Degraded", check.GetProperty("status").GetString());
        Assert.Contains(nameof(AlwaysFailingService), check.GetProperty("description").GetString(), StringComparison.Ordinal);

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.DoesNotContain(LogLevel.Critical, hostErrors.Levels);
        Assert.False(app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }

    private sealed class AlwaysFailingService(BackgroundServiceHealth health, TimeProvider clock, ILogger<AlwaysFailingService> logger)
        : SupervisedBackgroundService(health, clock, logger)
    {
        protected override Task RunAsync(CancellationToken stoppingToken) => throw new InvalidOperationException("SQLite Error 5: 'database is locked'.");
    }

    private sealed class UnsupervisedThrowingService : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await Task.Yield();
            throw new InvalidOperationException("SQLite Error 5: 'database is locked'.");
        }
    }

    /// <summary>The levels of the hosting infrastructure's error and critical entries; completes at the first.</summary>
    private sealed class HostErrorSignal : ILoggerProvider, ILogger
    {
        private readonly TaskCompletionSource first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly System.Collections.Concurrent.ConcurrentQueue<LogLevel> levels = new();

        public Task First => first.Task;

        public IReadOnlyCollection<LogLevel> Levels => levels;

        public ILogger CreateLogger(string categoryName) =>
            categoryName == "Microsoft.Extensions.Hosting.Internal.Host" ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error)
            {
                levels.Enqueue(logLevel);
                first.TrySetResult();
            }
        }

        public void Dispose()
        {
        }
    }
}
