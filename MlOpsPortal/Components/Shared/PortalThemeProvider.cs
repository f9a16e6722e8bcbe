using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.RenderTree;
using MudBlazor;

namespace MlOpsPortal.Components.Shared;

/// <summary>
/// MudThemeProvider whose stylesheets (the theme's CSS variables, about 12 KB, and the scrollbar's) are built once per
/// process for <see cref="PortalTheme.Value"/> in each mode and shared by every circuit: MudThemeProvider builds them
/// again at every render of the layout, and each open circuit held its own copies in its render trees.
/// </summary>
/// <remarks>
/// The styles are shared only while the mode is the one the layout passes (<c>ObserveSystemDarkModeChange</c> off: the
/// portal's theme is the person's stored choice), and only when MudThemeProvider's own output is nothing but markup;
/// otherwise it renders as MudThemeProvider does.
/// </remarks>
public sealed class PortalThemeProvider : MudThemeProvider
{
    private static readonly Lazy<string[]?>[] Shared = new Lazy<string[]?>[4];
    private static readonly Lock SharedLock = new();

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        ArgumentNullException.ThrowIfNull(__builder);
        if (SharedStyles() is not { } styles)
        {
            base.BuildRenderTree(__builder);
            return;
        }

        foreach (var style in styles)
        {
            __builder.AddMarkupContent(0, style);
        }
    }

    private string[]? SharedStyles()
    {
        // MudThemeProvider reads the mode from its parameter state, which differs from the parameter only after the system's
        // mode changed while observed; unobserved, the parameter is the mode its stylesheet is built for.
#pragma warning disable MUD0010
        if (!ReferenceEquals(Theme, PortalTheme.Value) || ObserveSystemDarkModeChange)
        {
            return null;
        }

        var slot = (IsDarkMode ? 1 : 0) + (DefaultScrollbar ? 2 : 0);
#pragma warning restore MUD0010
        lock (SharedLock)
        {
            Shared[slot] ??= new Lazy<string[]?>(Capture);
        }

        return Shared[slot].Value;
    }

    /// <summary>What MudThemeProvider renders in this mode, when that is markup alone (its style elements).</summary>
    private string[]? Capture()
    {
        var scratch = new RenderTreeBuilder();
        base.BuildRenderTree(scratch);
#pragma warning disable BL0006 // Reading the frames MudThemeProvider wrote is how its markup is captured once; a non-markup frame falls back to MudThemeProvider's own rendering.
        var frames = scratch.GetFrames();
        var styles = new string[frames.Count];
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames.Array[i];
            if (frame.FrameType != RenderTreeFrameType.Markup)
            {
                return null;
            }

            styles[i] = frame.MarkupContent;
        }
#pragma warning restore BL0006

        return styles;
    }
}
