using MlOpsPortal.Features.Monitoring;

namespace MlOpsPortal.Tests.Features.Monitoring;

/// <summary>Demo data that judges metrics waits for the simulator's history, and only when a simulator runs.</summary>
public sealed class SimulatedMetricsReadyTests
{
    [Fact]
    public void Without_a_simulator_there_is_nothing_to_wait_for()
    {
        Assert.True(new SimulatedMetricsReady(simulated: false).Written.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task With_a_simulator_the_wait_ends_when_its_history_is_written()
    {
        var ready = new SimulatedMetricsReady(simulated: true);
        var waiting = ready.Written.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(waiting.IsCompleted);
        ready.MarkWritten();
        await waiting;
        ready.MarkWritten(); // the supervised simulator backfills again after a restart: no error
        Assert.True(ready.Written.IsCompletedSuccessfully);
    }
}
