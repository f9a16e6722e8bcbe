using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Incidents;

/// <summary>
/// bUnit with the portal's real incident services over a temporary SQLite database, a fake clock shared by the services
/// and the components (so countdowns tick when the test moves time), and MudBlazor's providers around the page.
/// </summary>
public abstract class IncidentsComponentContext : IAsyncLifetime, IAsyncDisposable
{
    private PortalServices app = default!;

    protected BunitContext Bunit { get; } = new();

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 3, 10, 0, 0, TimeSpan.Zero));

    protected IServiceProvider Services => app.Services;

    protected IncidentsService Incidents => Services.GetRequiredService<IncidentsService>();

    protected IncidentWork Work => Services.GetRequiredService<IncidentWork>();

    protected IncidentPolicies Policies => Services.GetRequiredService<IncidentPolicies>();

    public virtual async Task InitializeAsync()
    {
        app = await PortalServices.StartAsync(Clock);
        Bunit.UsePortalServices(app.Services, Clock,
                     typeof(IncidentsService), typeof(IncidentWork), typeof(IncidentReviews), typeof(IncidentPolicies), typeof(ModelsService), typeof(RegistryKeys),
                     typeof(IAuthorizationService));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // MudBlazor's and the portal's scoped services dispose asynchronously only.
        await Bunit.DisposeAsync();
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected Task<IncidentView> OpenAsync(string title, Impact impact = Impact.High, Urgency urgency = Urgency.High, Persona? by = null) =>
        Incidents.CreateAsync(by ?? Personas.Support, new IncidentInput(title, "Seen in production.", null, null, null, impact, urgency));

    /// <summary>Renders <typeparamref name="TPage"/> as <paramref name="persona"/> inside the providers its dialogs, menus and snackbars need.</summary>
    protected IRenderedComponent<IComponent> Render<TPage>(Persona persona, IReadOnlyDictionary<string, object?>? parameters = null)
        where TPage : IComponent => Bunit.RenderAs<TPage>(persona, parameters);

    protected static AngleSharp.Dom.IElement Input(IRenderedComponent<IComponent> page, string testId) => page.Input(testId);
}
