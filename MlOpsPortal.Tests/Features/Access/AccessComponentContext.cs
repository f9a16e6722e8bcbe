using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>
/// bUnit with the portal's real access services over a temporary SQLite database and a fake clock, and MudBlazor's
/// providers around the page, so a page's request, decision or revocation is the service's real one.
/// </summary>
public abstract class AccessComponentContext : IAsyncLifetime, IAsyncDisposable
{
    private PortalServices app = default!;

    protected BunitContext Bunit { get; } = new();

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero));

    protected IServiceProvider Services => app.Services;

    protected AccessRequests Requests => Services.GetRequiredService<AccessRequests>();

    protected AccessGrants Grants => Services.GetRequiredService<AccessGrants>();

    public virtual async Task InitializeAsync()
    {
        app = await PortalServices.StartAsync(Clock);
        Bunit.UsePortalServices(app.Services, Clock,
                     typeof(AccessRequests), typeof(AccessGrants), typeof(PeopleDirectory), typeof(CurrentRoles), typeof(AuditLog), typeof(AuditNarrator), typeof(IAuthorizationService),
                     typeof(IAuthorizationPolicyProvider));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // MudBlazor's and the portal's scoped services dispose asynchronously only.
        await Bunit.DisposeAsync();
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>What the cookie sign-in records, so the people directory knows <paramref name="persona"/>.</summary>
    protected Task SignInAsync(Persona persona) => Services.RecordSignInsAsync(persona);

    /// <summary>Renders <typeparamref name="TPage"/> at <paramref name="url"/> as <paramref name="persona"/> inside the providers its dialogs and snackbars need.</summary>
    protected IRenderedComponent<IComponent> Render<TPage>(Persona persona, IReadOnlyDictionary<string, object?>? parameters = null, string? url = null)
        where TPage : IComponent
    {
        ArgumentNullException.ThrowIfNull(persona);
        if (url is not null)
        {
            Bunit.Services.GetRequiredService<NavigationManager>().NavigateTo(url);
        }

        return Bunit.RenderAs<TPage>(persona, parameters);
    }

    protected static AngleSharp.Dom.IElement Input(IRenderedComponent<IComponent> page, string testId) => page.Input(testId);
}
