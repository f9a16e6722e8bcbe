using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>
/// The portal's services on a temporary SQLite file with a fake clock starting on Monday 2 November 2026, 09:00 UTC,
/// and a roster: Sam (the support persona) on L1, Lee on L2, Kim on L3.
/// </summary>
public abstract class SlaTestContext : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private PortalServices? portal;

    protected FakeTimeProvider Clock { get; } = new(Start);

    protected static Persona Lee { get; } = Personas.Custom("l2-lee", "Lee Second");

    protected static Persona Kim { get; } = Personas.Custom("l3-kim", "Kim Third");

    protected IServiceProvider Services => portal?.Services ?? throw new InvalidOperationException("Not initialised yet.");

    protected IncidentsService Incidents => Services.GetRequiredService<IncidentsService>();

    protected IncidentWork Work => Services.GetRequiredService<IncidentWork>();

    protected IncidentSlaJob Job => Services.GetRequiredService<IncidentSlaJob>();

    protected NotificationsService Notifications => Services.GetRequiredService<NotificationsService>();

    public virtual async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(Clock);
        await SetPolicyAsync(p => p);
    }

    public async Task DisposeAsync()
    {
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }
    }

    protected async Task SetPolicyAsync(Func<IncidentPolicy, IncidentPolicy> change)
    {
        var roster = new SupportRoster([new RosterMember(Personas.Support.Id, Personas.Support.Name)], [new RosterMember(Lee.Id, Lee.Name)], [new RosterMember(Kim.Id, Kim.Name)]);
        await Services.GetRequiredService<IncidentPolicies>().UpdateAsync(Personas.Admin, change(IncidentPolicy.Default with { Roster = roster }));
    }

    /// <summary>Opened by the administrator, so the L1 roster's "new incident" notice reaches Sam and no SLA notice is hidden behind it.</summary>
    protected Task<IncidentView> OpenAsync(Impact impact, Urgency urgency, DateTime? impactStartUtc = null, string title = "Scores stopped arriving") =>
        Incidents.CreateAsync(Personas.Admin, new IncidentInput(title, "", null, null, null, impact, urgency, impactStartUtc));

    protected void Advance(TimeSpan by) => Clock.Advance(by);

    internal IncidentWork WorkAt => Work;

    internal void AdvanceTo(DateTime utc) => Clock.SetUtcNow(new DateTimeOffset(utc, TimeSpan.Zero));

    internal Task<IncidentView> OpenAtAsync(Impact impact, Urgency urgency, DateTime? impactStartUtc) => OpenAsync(impact, urgency, impactStartUtc);

    protected async Task<IReadOnlyList<string>> SlaNoticesAsync(ClaimsPrincipal person) =>
        [.. (await Notifications.ListAsync(person, 100)).Select(n => n.Title).Where(t => t.Contains("SLA", StringComparison.Ordinal)).Reverse()];

    protected Task<T> DbAsync<T>(Func<PortalDbContext, Task<T>> query) => portal!.QueryAsync(query);

    protected Task<int> AuditCountAsync() => DbAsync(db => db.AuditEvents.CountAsync());

    protected Task<int> NoticeCountAsync() => DbAsync(db => db.Notifications.CountAsync());
}
