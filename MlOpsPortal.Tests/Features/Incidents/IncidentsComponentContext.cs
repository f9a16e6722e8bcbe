using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;
using MudBlazor;
using MudBlazor.Services;

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
        var services = Bunit.Services;
        services.AddMudServices();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddScoped<BrowserTimeZone>();
        foreach (var type in new[]
                 {
                     typeof(IncidentsService), typeof(IncidentWork), typeof(IncidentReviews), typeof(IncidentPolicies), typeof(ModelsService), typeof(RegistryKeys),
                     typeof(IAuthorizationService),
                 })
        {
            services.AddSingleton(type, app.Services.GetRequiredService(type));
        }

        Bunit.JSInterop.Mode = JSRuntimeMode.Loose;
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
        where TPage : IComponent => Bunit.Render(builder =>
    {
        builder.OpenComponent<CascadingValue<Task<AuthenticationState>>>(0);
        builder.AddComponentParameter(1, nameof(CascadingValue<Task<AuthenticationState>>.Value), persona.AuthenticationState);
        builder.AddComponentParameter(2, nameof(CascadingValue<Task<AuthenticationState>>.ChildContent), (RenderFragment)(inner =>
        {
            inner.OpenComponent<MudPopoverProvider>(0);
            inner.CloseComponent();
            inner.OpenComponent<MudDialogProvider>(1);
            inner.CloseComponent();
            inner.OpenComponent<MudSnackbarProvider>(2);
            inner.CloseComponent();
            inner.OpenComponent<TPage>(3);
            foreach (var (name, value) in parameters ?? new Dictionary<string, object?>())
            {
                inner.AddComponentParameter(4, name, value);
            }

            inner.CloseComponent();
        }));
        builder.CloseComponent();
    });

    /// <summary>The input or text area a Mud field's test id names: MudBlazor puts the attribute on the input or on its wrapper.</summary>
    protected static AngleSharp.Dom.IElement Input(IRenderedComponent<IComponent> page, string testId)
    {
        var element = page.Find($"[data-testid={testId}]");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input, textarea")!;
    }
}
