using MlOpsPortal.Features.Incidents;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>
/// The support home's "Incidents by SLA": every open incident counts and any of them may be the nearest breach, however
/// many are open (it read one page of 200 and said "200 open" beyond that).
/// </summary>
public sealed class NearestBreachesTests : IncidentsTestContext
{
    [Fact]
    public async Task With_more_than_a_page_open_the_count_is_all_of_them_and_the_newest_P1_comes_first_once_breached()
    {
        const int lowOnes = IncidentQuery.MaxPageSize + 2;
        for (var i = 0; i < lowOnes; i++)
        {
            await OpenAsync(Impact.Low, Urgency.Low, $"Slow batch {i}");
        }

        Clock.Advance(TimeSpan.FromMinutes(30));
        var p1 = await OpenAsync(Impact.High, Urgency.High, "Scores stopped arriving");
        Clock.Advance(TimeSpan.FromMinutes(20));

        var queue = await Incidents.NearestBreachesAsync(6);

        Assert.Equal(lowOnes + 1, queue.Open);
        Assert.Equal(1, queue.Breached);
        Assert.Equal(6, queue.Nearest.Count);
        Assert.Equal(p1.Number, queue.Nearest[0].Number);
        Assert.Equal(SlaStage.Breached, queue.Nearest[0].NextSla!.Stage);
        Assert.All(queue.Nearest.Skip(1), i => Assert.Equal(IncidentPriority.P4, i.Priority));
    }

    [Fact]
    public async Task Without_open_incidents_the_queue_is_empty()
    {
        var queue = await Incidents.NearestBreachesAsync(6);

        Assert.Equal(0, queue.Open);
        Assert.Empty(queue.Nearest);
    }
}
