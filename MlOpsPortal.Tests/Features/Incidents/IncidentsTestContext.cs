using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>
/// The incidents services on a temporary SQLite file with a fake clock that starts on a Wednesday at 10:00 UTC (inside
/// London business hours), without a web host.
/// </summary>
public abstract class IncidentsTestContext : IAsyncLifetime
{
    private PortalServices? portal;

    /// <summary>A second support engineer, to race the first.</summary>
    public static Persona OtherSupport { get; } = Personas.Custom("test-support-2", "Sue Second", PortalRoles.SupportEngineer);

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => portal?.Services ?? throw new InvalidOperationException("Not initialised yet.");

    public IncidentsService Incidents => Services.GetRequiredService<IncidentsService>();

    public IncidentWork Work => Services.GetRequiredService<IncidentWork>();

    public IncidentPolicies Policies => Services.GetRequiredService<IncidentPolicies>();

    public IncidentReviews Reviews => Services.GetRequiredService<IncidentReviews>();

    public IncidentSignals Signals => Services.GetRequiredService<IncidentSignals>();

    public virtual async Task InitializeAsync() => portal = await PortalServices.StartAsync(Clock);

    public virtual async Task DisposeAsync()
    {
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }
    }

    protected Task<IncidentView> OpenAsync(Impact impact, Urgency urgency, string title = "Scores stopped arriving", ClaimsPrincipal? by = null) =>
        Incidents.CreateAsync(by ?? Personas.Support, new IncidentInput(title, "The churn scores are missing since 09:40.", null, null, null, impact, urgency));

    protected Task<T> DbAsync<T>(Func<PortalDbContext, Task<T>> query) => portal!.QueryAsync(query);

    protected Task<int> AuditCountAsync(string number, string action) =>
        DbAsync(db => db.AuditEvents.CountAsync(e => e.EntityType == IncidentStore.EntityType && e.EntityId == number && e.Action == action));
}
