using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

public sealed class IncidentsDemoDataTests : IAsyncLifetime
{
    private PortalServices? portal;

    public async Task InitializeAsync() => portal = await PortalServices.StartAsync(seedDemoData: true);

    public async Task DisposeAsync() => await portal!.DisposeAsync();

    [Fact]
    public async Task The_demo_has_ninety_days_of_incidents_in_every_state_with_times_in_order()
    {
        var incidents = await portal!.QueryAsync(db => db.Incidents.AsNoTracking().Include(i => i.Holds).ToListAsync());

        Assert.Equal(Enum.GetValues<IncidentState>().Order(), incidents.Select(i => i.State).Distinct().Order());
        Assert.Equal(Enum.GetValues<IncidentPriority>().Order(), incidents.Select(i => i.Priority).Distinct().Order());
        var now = DateTime.UtcNow;
        Assert.InRange(incidents.Min(i => i.DetectedAtUtc), now.AddDays(-90), now.AddDays(-80));
        Assert.All(incidents, i =>
        {
            Assert.True(i.ImpactStartUtc <= i.DetectedAtUtc, i.Title);
            Assert.True(i.AcknowledgedAtUtc is null || i.AcknowledgedAtUtc >= i.DetectedAtUtc, i.Title);
            Assert.True(i.ResolvedAtUtc is null || i.ResolvedAtUtc >= (i.AcknowledgedAtUtc ?? i.DetectedAtUtc), i.Title);
            Assert.True(i.ClosedAtUtc is null || (i.ResolvedAtUtc is not null && i.ClosedAtUtc >= i.ResolvedAtUtc), i.Title);
            Assert.True(i.ChangedAtUtc <= now, i.Title);
        });
        Assert.All(incidents.Where(i => i.State == IncidentState.Resolved), i => Assert.True(i.ResolvedAtUtc > now.AddDays(-3), $"{i.Title} would have closed by now"));
        var reviewed = await portal.QueryAsync(db => db.IncidentReviews.Select(r => r.IncidentId).ToListAsync());
        Assert.All(incidents.Where(i => i.State == IncidentState.Closed && i.Priority == IncidentPriority.P1),
            i => Assert.True(reviewed.Contains(i.Id), $"{i.Title} closed without its review"));
    }

    [Fact]
    public async Task Support_finds_one_incident_breaching_soon_one_already_breached_and_one_on_hold()
    {
        var incidents = portal!.Services.GetRequiredService<IncidentsService>();

        var soon = await incidents.ListAsync(new IncidentQuery(BreachingSoon: true));
        var open = await incidents.ListAsync(new IncidentQuery(States: IncidentStates.Open, PageSize: 50));

        Assert.Equal(
            ["Credit scoring latency above 2 s", "False-positive rate tripled on card payments"],
            soon.Items.Select(i => i.Title).Order());
        var breached = Assert.Single(open.Items, i => i.Sla.Any(s => s.Stage == SlaStage.Breached));
        Assert.Equal((IncidentPriority.P2, IncidentState.New, "credit-default"), (breached.Priority, breached.State, breached.Model));
        var amber = Assert.Single(open.Items, i => i.Priority == IncidentPriority.P1);
        Assert.InRange(amber.SlaOf(SlaTargetKind.Resolution).PercentUsed, 75, 99.9);
        var held = Assert.Single(open.Items, i => i.State == IncidentState.OnHold);
        Assert.Equal((HoldReason.AwaitingData, SlaStage.Paused), (held.HoldReason!.Value, held.SlaOf(SlaTargetKind.Resolution).Stage));
        var policy = await portal.Services.GetRequiredService<IncidentPolicies>().CurrentAsync();
        Assert.Equal("Sam Support", Assert.Single(policy.Roster.L1).Name);
    }
}
