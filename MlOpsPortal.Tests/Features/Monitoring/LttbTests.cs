using MlOpsPortal.Features.Monitoring;

namespace MlOpsPortal.Tests.Features.Monitoring;

public sealed class LttbTests
{
    private static readonly TimePoint[] Wave = [.. Enumerable.Range(0, 10_000).Select(i => new TimePoint(i * 1000L, Math.Sin(i / 50.0) + (i == 7_777 ? 25 : 0)))];

    [Theory]
    [InlineData(3)]
    [InlineData(100)]
    [InlineData(1_000)]
    [InlineData(9_999)]
    public void Returns_exactly_the_threshold_keeping_first_and_last(int threshold)
    {
        var sampled = Lttb.Downsample(Wave, threshold);

        Assert.Equal(threshold, sampled.Count);
        Assert.Equal(Wave[0], sampled[0]);
        Assert.Equal(Wave[^1], sampled[^1]);
        Assert.Equal(sampled.OrderBy(p => p.T), sampled);
    }

    [Fact]
    public void Keeps_a_spike_that_averaging_would_flatten()
    {
        Assert.Contains(Wave[7_777], Lttb.Downsample(Wave, 200));
    }

    [Fact]
    public void Fewer_points_than_the_threshold_come_back_unchanged()
    {
        var few = Wave[..50];

        Assert.Equal(few, Lttb.Downsample(few, 100));
    }
}
