using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Components.Shared;
using MudBlazor;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// bUnit around the portal's real services: the services a page injects are taken from a <see cref="PortalServices"/>
/// (real SQLite, the test's clock), and pages render as a persona inside the providers their dialogs, menus and
/// snackbars need.
/// </summary>
public static class PortalComponents
{
    /// <summary>
    /// MudBlazor, the clock, the browser time zone, and <paramref name="bridged"/> taken from <paramref name="portal"/>;
    /// components render as in a live circuit (interactive), which is what these tests click through.
    /// </summary>
    public static void UsePortalServices(this BunitContext bunit, IServiceProvider portal, TimeProvider clock, params Type[] bridged)
    {
        ArgumentNullException.ThrowIfNull(bunit);
        ArgumentNullException.ThrowIfNull(portal);
        bunit.Services.AddMudServices();
        bunit.Services.AddSingleton(clock);
        bunit.Services.AddScoped<BrowserTimeZone>();
        foreach (var type in bridged)
        {
            bunit.Services.AddSingleton(type, portal.GetRequiredService(type));
        }

        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    /// <summary>Renders <typeparamref name="TPage"/> as <paramref name="persona"/> with its parameters, inside MudBlazor's providers.</summary>
    public static IRenderedComponent<IComponent> RenderAs<TPage>(this BunitContext bunit, Persona persona, IReadOnlyDictionary<string, object?>? parameters = null)
        where TPage : IComponent
    {
        ArgumentNullException.ThrowIfNull(bunit);
        ArgumentNullException.ThrowIfNull(persona);
        return bunit.Render(builder =>
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
    }

    /// <summary>The input or text area a Mud field's test id names: MudBlazor puts the attribute on the input or on its wrapper.</summary>
    public static AngleSharp.Dom.IElement Input(this IRenderedComponent<IComponent> page, string testId)
    {
        ArgumentNullException.ThrowIfNull(page);
        var element = page.Find($"[data-testid={testId}]");
        return element.TagName is "INPUT" or "TEXTAREA" ? element : element.QuerySelector("input, textarea")!;
    }
}
