namespace MlOpsPortal.Features.Reports;

/// <summary>
/// Asks again every second while a report is being generated, for the pages and the dialog that show its progress.
/// The timer runs on the injected clock (tests advance a fake one) and stops when its owner is disposed.
/// </summary>
public sealed class ReportPoller(TimeProvider clock) : IDisposable
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource stop = new();
    private PeriodicTimer? timer;

    public bool Running => timer is not null;

    /// <summary>Calls <paramref name="tick"/> every second until it returns false or the poller is disposed.</summary>
    public async Task RunAsync(Func<Task<bool>> tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        if (timer is not null || stop.IsCancellationRequested)
        {
            return;
        }

        timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token) && await tick())
            {
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed with its page or dialog: nobody is waiting for the answer any more.
        }
        finally
        {
            timer?.Dispose();
            timer = null;
        }
    }

    public void Dispose()
    {
        if (!stop.IsCancellationRequested)
        {
            stop.Cancel();
        }

        stop.Dispose();
    }
}
