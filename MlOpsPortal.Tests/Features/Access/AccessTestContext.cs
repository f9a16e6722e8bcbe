using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>The access services on a temporary SQLite file with a fake clock, without a web host.</summary>
public abstract class AccessTestContext : IAsyncLifetime
{
    private PortalServices? portal;

    /// <summary>A second support engineer, who may decide what the first asked for.</summary>
    public static Persona OtherSupport { get; } = Personas.Custom("test-support-2", "Sue Second", PortalRoles.SupportEngineer);

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => portal?.Services ?? throw new InvalidOperationException("Not initialised yet.");

    public AccessRequests Requests => Services.GetRequiredService<AccessRequests>();

    public AccessGrants Grants => Services.GetRequiredService<AccessGrants>();

    public CurrentRoles CurrentRoles => Services.GetRequiredService<CurrentRoles>();

    public virtual async Task InitializeAsync() => portal = await PortalServices.StartAsync(Clock);

    public virtual async Task DisposeAsync()
    {
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }
    }

    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>The roles <paramref name="persona"/> holds now, starting from those their sign-in carried.</summary>
    protected Task<IReadOnlyList<string>> RolesOfAsync(Persona persona) => CurrentRoles.OfAsync(persona.Id, persona.Roles);

    protected Task<T> DbAsync<T>(Func<PortalDbContext, Task<T>> query) => portal!.QueryAsync(query);

    protected Task<int> AuditCountAsync(string action, string personId) =>
        DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action && e.EntityId == personId));

    protected Task<List<string>> NoticesOfAsync(string personId) =>
        DbAsync(db => db.Notifications.Where(n => n.RecipientId == personId).OrderBy(n => n.Id).Select(n => n.Title).ToListAsync());
}
