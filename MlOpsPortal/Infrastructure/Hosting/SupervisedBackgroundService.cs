namespace MlOpsPortal.Infrastructure.Hosting;

/// <summary>
/// A background service whose failure is logged, reported to readiness (Degraded) and retried with exponential
/// back-off, instead of escaping to the host, which by default stops the whole portal for it (issue 10: the quality
/// start-up service did that on a busy database). Derived services put their work in <see cref="RunAsync"/>; work that
/// completes, or calls <see cref="ReportRecovered"/>, clears the report.
/// </summary>
public abstract partial class SupervisedBackgroundService(BackgroundServiceHealth health, TimeProvider clock, ILogger logger) : BackgroundService
{
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>The derived service's own logger and clock, handed over once so it does not keep a second copy.</summary>
    protected ILogger Logger { get; } = logger;

    protected TimeProvider Clock { get; } = clock;

    /// <summary>The name readiness reports.</summary>
    public virtual string Name => GetType().Name;

    /// <summary>Twice as long after each failure in a row, so a database that stays down is not hammered.</summary>
    public static TimeSpan RetryDelay(int failures) =>
        TimeSpan.FromTicks(Math.Min(LongestRetryDelay.Ticks, FirstRetryDelay.Ticks << Math.Clamp(failures - 1, 0, 20)));

    protected abstract Task RunAsync(CancellationToken stoppingToken);

    private int failuresInARow;

    /// <summary>
    /// For services that never complete: a unit of work succeeded again after a failure. The back-off starts over, so
    /// a service that fails once a day waits 2 s after each failure, not the longest delay.
    /// </summary>
    protected void ReportRecovered()
    {
        Interlocked.Exchange(ref failuresInARow, 0);
        health.Recovered(Name);
    }

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
                health.Recovered(Name);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // the point of this class: no failure of one service may stop the host
            catch (Exception ex)
#pragma warning restore CA1031
            {
                var failures = Interlocked.Increment(ref failuresInARow);
                var delay = RetryDelay(failures);
                LogFailed(Logger, ex, Name, failures, delay.TotalSeconds);
                health.Failed(Name, ex, failures, Clock.GetUtcNow() + delay);
                try
                {
                    await Task.Delay(delay, Clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = "{Service} failed ({Failures} in a row); it starts again in {Seconds} s")]
    private static partial void LogFailed(ILogger logger, Exception exception, string service, int failures, double seconds);
}
