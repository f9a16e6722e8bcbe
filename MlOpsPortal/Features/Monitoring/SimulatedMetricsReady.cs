using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// Whether the demo's last 24 hours of metric points are written: demo data that judges them (the quality checks'
/// model performance) waits for it, or it would find no points and warn about every model. Complete from the start
/// when no simulator runs.
/// </summary>
[FeatureContract]
public sealed class SimulatedMetricsReady(bool simulated)
{
    private readonly TaskCompletionSource written = Completed(!simulated);

    public Task Written => written.Task;

    internal void MarkWritten() => written.TrySetResult();

    private static TaskCompletionSource Completed(bool completed)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (completed)
        {
            source.SetResult();
        }

        return source;
    }
}
