using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace MlOpsPortal.Infrastructure.Security;

/// <summary>
/// Transport and browser hardening: forwarded headers from configured proxies only, HSTS for a year, the
/// security headers on every response, and Blazor circuits from the portal's own origin only.
/// </summary>
public static class PortalSecurity
{
    public static readonly TimeSpan HstsMaxAge = TimeSpan.FromDays(365);

    public static WebApplicationBuilder AddPortalSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Bound here rather than by BindConfiguration, which would drop the comma-separated form Fill accepts.
        builder.Services.AddOptions<SecurityOptions>()
            .Configure<IConfiguration>((settings, configuration) => Bind(settings, configuration.GetSection(SecurityOptions.SectionName)))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddHsts(options => options.MaxAge = HstsMaxAge);
        // The API reference would fetch its fonts from Scalar's CDN; the policy allows fonts from the portal only.
        builder.Services.Configure<Scalar.AspNetCore.ScalarOptions>(options => options.DefaultFonts = false);
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<SecurityOptions>>((options, security) =>
        {
            var settings = security.Value;
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; only what the settings name is trusted here.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline, so every later step (HSTS, cookies, redirects) sees the client's scheme.</summary>
    public static WebApplication UsePortalSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<IOptions<SecurityOptions>>().Value;
        // With no proxy named the middleware would trust every sender, so it only runs when one is.
        if (settings.KnownProxies.Count > 0 || settings.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<CircuitOriginMiddleware>();
        return app;
    }

    /// <summary>Fills the lists; <see cref="SecurityOptions.Validate"/> checks them with the other options at start.</summary>
    private static void Bind(SecurityOptions settings, IConfigurationSection section)
    {
        Fill(settings.AllowedOrigins, section.GetSection(nameof(SecurityOptions.AllowedOrigins)));
        Fill(settings.KnownProxies, section.GetSection(nameof(SecurityOptions.KnownProxies)));
        Fill(settings.KnownNetworks, section.GetSection(nameof(SecurityOptions.KnownNetworks)));
    }

    /// <summary>Accepts a JSON array or one comma-separated string (handy in environment variables).</summary>
    private static void Fill(IList<string> target, IConfigurationSection section)
    {
        // An empty JSON array reads as an empty value, and later sources may still add elements to it.
        var children = section.GetChildren().Select(c => c.Value?.Trim()).OfType<string>().Where(v => v.Length > 0).ToList();
        IEnumerable<string> values = children.Count > 0
            ? children
            : (section.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var value in values)
        {
            target.Add(value);
        }
    }
}
