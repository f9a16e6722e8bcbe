using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace MlOpsPortal.Components.Shared;

/// <summary>
/// The stylesheets MudThemeProvider writes for <see cref="PortalTheme.Value"/> (the theme's CSS variables, about 12 KB, and
/// the scrollbar's), rendered once per process for each mode and shared by every page and circuit.
/// </summary>
/// <remarks>
/// MudThemeProvider itself built them again at every render of the layout, built and kept a default MudTheme of its own in
/// every circuit (about a hundred colour objects each), and called JavaScript when disposed, which fails while a page is
/// prerendered: 4 % of the layout's CPU under load (PageBench). The rest of what it offers the portal does not use: the
/// mode is the person's stored choice, not the system's (no watching), and nothing asks it for the system's mode.
/// </remarks>
public sealed class PortalThemeProvider : ComponentBase
{
    private static readonly ConcurrentDictionary<bool, Task<string>> Stylesheets = new();

    private string stylesheets = string.Empty;

    /// <summary>The dark palette rather than the light one.</summary>
    [Parameter]
    public bool IsDarkMode { get; set; }

    [Inject]
    private IServiceProvider Services { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var rendering = Stylesheets.GetOrAdd(IsDarkMode, dark => RenderMudThemeProviderAsync(Services, dark));
        try
        {
            stylesheets = await rendering;
        }
        catch
        {
            // A failed rendering is not kept: the next page tries again rather than failing for the process's lifetime.
            Stylesheets.TryRemove(new KeyValuePair<bool, Task<string>>(IsDarkMode, rendering));
            throw;
        }
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddMarkupContent(0, stylesheets);
    }

    /// <summary>What MudThemeProvider renders for the portal's theme in this mode, as HTML.</summary>
    private static async Task<string> RenderMudThemeProviderAsync(IServiceProvider services, bool dark)
    {
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, scope.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = ParameterView.FromDictionary(new Dictionary<string, object?>
            {
                [nameof(MudThemeProvider.Theme)] = PortalTheme.Value,
                [nameof(MudThemeProvider.IsDarkMode)] = dark,
                [nameof(MudThemeProvider.ObserveSystemDarkModeChange)] = false,
            });
            return (await renderer.RenderComponentAsync<MudThemeProvider>(parameters)).ToHtmlString();
        });
    }
}
