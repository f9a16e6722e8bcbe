using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

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
        var settings = Read(builder.Configuration);
        builder.Services.AddSingleton(settings);
        builder.Services.AddHsts(options => options.MaxAge = HstsMaxAge);
        // The API reference would fetch its fonts from Scalar's CDN; the policy allows fonts from the portal only.
        builder.Services.Configure<Scalar.AspNetCore.ScalarOptions>(options => options.DefaultFonts = false);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
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
        var settings = app.Services.GetRequiredService<SecurityOptions>();
        // With no proxy named the middleware would trust every sender, so it only runs when one is.
        if (settings.KnownProxies.Count > 0 || settings.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseMiddleware<CircuitOriginMiddleware>();
        return app;
    }

    private static SecurityOptions Read(ConfigurationManager configuration)
    {
        var settings = new SecurityOptions();
        var section = configuration.GetSection(SecurityOptions.SectionName);
        Fill(settings.AllowedOrigins, section.GetSection(nameof(SecurityOptions.AllowedOrigins)));
        Fill(settings.KnownProxies, section.GetSection(nameof(SecurityOptions.KnownProxies)));
        Fill(settings.KnownNetworks, section.GetSection(nameof(SecurityOptions.KnownNetworks)));
        foreach (var proxy in settings.KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
        {
            throw new InvalidOperationException($"Security:KnownProxies has '{proxy}', which is not an IP address.");
        }

        foreach (var network in settings.KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
        {
            throw new InvalidOperationException($"Security:KnownNetworks has '{network}', which is not a CIDR network such as 10.0.0.0/24.");
        }

        return settings;
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
