using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Features.Models;

/// <summary>
/// bUnit with the real registry service over the portal's temporary SQLite database, the real policies, and MudBlazor.
/// </summary>
public abstract class RegistryComponentContext : IAsyncLifetime, IAsyncDisposable
{
    private PortalServices app = default!;

    protected RegistryComponentContext()
    {
        var Services = Bunit.Services;
        var JSInterop = Bunit.JSInterop;
        Services.AddSingleton(_ => Models);
        Services.AddSingleton(_ => Rules);
        Services.AddMudServices();
        Services.AddScoped<BrowserTimeZone>();
        Services.AddAuthorizationCore(Policies.Configure);
        Services.Replace(ServiceDescriptor.Transient<IAuthorizationService, DefaultAuthorizationService>());
        JSInterop.Mode = JSRuntimeMode.Loose;
        Bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected BunitContext Bunit { get; } = new();

    protected ModelsService Models { get; private set; } = default!;

    protected RegistryRules Rules { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        app = await PortalServices.StartAsync();
        Models = app.Services.GetRequiredService<ModelsService>();
        Rules = app.Services.GetRequiredService<RegistryRules>();
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        // MudBlazor's and the portal's scoped services dispose asynchronously only.
        await Bunit.DisposeAsync();
        await app.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
