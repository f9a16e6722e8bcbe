using Microsoft.Extensions.Logging;
using MlOpsPortal.Features.Monitoring;

/// <summary>
/// Completes when the demo simulator has written its history and started ticking (its "started" log line, event 4101):
/// until then its backfill takes a share of the CPU that would otherwise land in the first measured rounds.
/// </summary>
internal sealed class SimulatorStarted : ILoggerProvider, ILogger
{
    private const int StartedEventId = 4101;

    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The category the simulator logs under, which must be enabled at Information for the line to arrive.</summary>
    public static string Category { get; } = typeof(MetricsSimulator).FullName!;

    public Task Task => started.Task;

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id == StartedEventId)
        {
            started.TrySetResult();
        }
    }

    public void Dispose()
    {
    }
}
