using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Signals;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>Signals with one key make one open incident; resolution is noted or resolves it; each signal is handled once.</summary>
public sealed class SignalDeduplicationTests : IAsyncLifetime
{
    private const string Key = "alert-rule:42";
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 2, 10, 0, 0, TimeSpan.Zero));
    private PortalServices portal = null!;
    private SignalSubject subject = null!;

    private IncidentSignals Signals => portal.Services.GetRequiredService<IncidentSignals>();

    private IncidentsService Incidents => portal.Services.GetRequiredService<IncidentsService>();

    public async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(clock);
        await portal.Services.GetRequiredService<ModelsService>().CreateModelAsync(
            Personas.Contributor, new ModelInput("churn-model", "Churn", "", "Dana", "Retail", "", RiskTier.High, []));
        var keys = portal.Services.GetRequiredService<RegistryKeys>();
        subject = new SignalSubject(await keys.ModelIdAsync("churn-model"), EnvironmentId: (await keys.EnvironmentAsync("production"))!.Id);
    }

    public async Task DisposeAsync() => await portal.DisposeAsync();

    [Fact]
    public async Task A_hundred_firings_of_one_rule_make_one_incident_with_a_hundred_signals_even_with_two_processors_racing()
    {
        await RaiseAsync(Enumerable.Repeat(SignalStatus.Firing, 100).ToArray());

        // Two passes at once (two instances, or the webhook and the background pass): the claim lets one take each signal.
        var handled = await Task.WhenAll(Signals.ProcessPendingAsync(), Signals.ProcessPendingAsync());

        Assert.Equal(100, handled.Sum());
        Assert.Equal(0, await Signals.ProcessPendingAsync());
        var incident = await portal.Services.ProcessedIncidentAsync(Key);
        Assert.Equal(1, await portal.QueryAsync(db => db.Incidents.CountAsync()));
        Assert.Equal((100, IncidentState.New, IncidentSource.Alert), (incident.SignalCount, incident.State, incident.Source));
        var timeline = await portal.Services.TimelineAsync(incident.Number);
        Assert.Single(timeline, t => t.Kind == TimelineKind.Opened);
        Assert.Equal(99, timeline.Count(t => t.Kind == TimelineKind.Signal && t.Text.StartsWith("Fired again", StringComparison.Ordinal)));
        var outcomes = (await portal.Services.SignalsAsync()).Select(s => s.Outcome).ToList();
        Assert.Equal($"opened {incident.Number}", outcomes[0]);
        Assert.All(outcomes.Skip(1), o => Assert.Equal($"attached to {incident.Number}", o));
    }

    [Fact]
    public async Task A_resolved_signal_is_noted_and_resolves_the_incident_only_when_the_admin_allows_it_and_a_later_firing_opens_a_new_one()
    {
        await RaiseAsync(SignalStatus.Firing, SignalStatus.Resolved);
        var first = await portal.Services.ProcessedIncidentAsync(Key);

        Assert.Equal(IncidentState.New, first.State);
        Assert.Contains(await portal.Services.TimelineAsync(first.Number), t => t.Kind == TimelineKind.Signal && t.Text.StartsWith("Resolved at the source", StringComparison.Ordinal));
        Assert.Equal($"noted on {first.Number}", (await portal.Services.SignalsAsync()).Last().Outcome);

        var policies = portal.Services.GetRequiredService<IncidentPolicies>();
        await policies.UpdateAsync(Personas.Admin, await policies.CurrentAsync() with { AutoResolveOnSignalResolved = true });
        await RaiseAsync(SignalStatus.Resolved);
        await Signals.ProcessPendingAsync();

        var resolved = (await Incidents.GetAsync(first.Number))!;
        Assert.Equal((IncidentState.Resolved, ResolutionCode.ResolvedBySource), (resolved.State, resolved.ResolutionCode));
        Assert.Equal(clock.GetUtcNow().UtcDateTime, resolved.ResolvedAtUtc);
        var audit = await portal.QueryAsync(db => db.AuditEvents.Where(e => e.Action == "incident.resolved" && e.EntityId == first.Number).ToListAsync());
        Assert.Contains("ResolvedBySource", Assert.Single(audit).Details, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromMinutes(5));
        await RaiseAsync(SignalStatus.Firing);
        var second = await portal.Services.ProcessedIncidentAsync(Key);

        Assert.NotEqual(first.Number, second.Number);
        Assert.Equal((IncidentState.New, 1), (second.State, second.SignalCount));
        Assert.Equal(IncidentState.Resolved, (await Incidents.GetAsync(first.Number))!.State);
    }

    [Fact]
    public async Task A_signal_whose_incident_cannot_be_written_stays_pending_and_the_signals_behind_it_are_still_handled()
    {
        await portal.QueryAsync(async db =>
        {
            // A model that no longer exists: opening the incident breaks its foreign key inside the claim's transaction.
            db.RaiseSignal(SignalSource.Alert, SignalStatus.Firing, Key, SignalSeverity.Critical, "Orphan", clock.GetUtcNow().UtcDateTime, new SignalSubject(999_999));
            db.RaiseSignal(SignalSource.ExternalAlert, SignalStatus.Firing, "alertmanager:behind", SignalSeverity.High, "Behind the orphan", clock.GetUtcNow().UtcDateTime);
            return await db.SaveChangesAsync();
        });

        Assert.Equal(1, await Signals.ProcessPendingAsync());

        var signals = await portal.Services.SignalsAsync();
        var orphan = Assert.Single(signals, s => s.Title == "Orphan");
        Assert.Equal((null, null), (orphan.ProcessedAtUtc, orphan.Outcome));
        var incident = Assert.Single(await portal.QueryAsync(db => db.Incidents.ToListAsync()));
        Assert.Equal("Behind the orphan", incident.Title);
        Assert.Equal(0, await Signals.ProcessPendingAsync());
    }

    private Task<int> RaiseAsync(params SignalStatus[] statuses) => portal.QueryAsync(db =>
    {
        foreach (var status in statuses)
        {
            db.RaiseSignal(SignalSource.Alert, status, Key, SignalSeverity.Critical, "model.auc below 0.75 for 10 min in production on churn-model",
                clock.GetUtcNow().UtcDateTime, subject, link: "/models/churn-model/monitoring?env=production");
        }

        return db.SaveChangesAsync();
    });
}
