using System.Diagnostics;
using Microsoft.AspNetCore.Components.Endpoints;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Usage;

public static class PortalUsage
{
    public static WebApplicationBuilder AddPortalUsage(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<UsageOptions>().BindConfiguration(UsageOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<UsageTracker>();
        builder.Services.AddSingleton<UsageFlusher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<UsageFlusher>());
        builder.Services.AddSingleton<UsageCounts>();
        return builder;
    }

    /// <summary>
    /// Counts API calls by client and area, and times API calls and full page loads; after authentication, so the
    /// caller is known. Page views inside a circuit are counted by the layout (<see cref="UsageTracker.CountPageView"/>).
    /// </summary>
    public static WebApplication UseUsageCounting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var tracker = app.Services.GetRequiredService<UsageTracker>();
        app.Use(async (context, next) =>
        {
            var started = Stopwatch.GetTimestamp();
            await next(context);
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api/v1", out var rest))
            {
                tracker.Count(UsageKinds.ApiCall, $"{ClientOf(context)}|{AreaOf(rest)}");
                tracker.Count(UsageKinds.ApiLatency, UsageKinds.LatencyBucket(Stopwatch.GetElapsedTime(started).TotalMilliseconds));
                tracker.MarkActive(context.User);
            }
            else if (HttpMethods.IsGet(context.Request.Method) && context.GetEndpoint()?.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            {
                tracker.Count(UsageKinds.PageLatency, UsageKinds.LatencyBucket(Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            }
        });
        return app;
    }

    /// <summary>API calls made with a person's own sign-in (the browser) rather than a key or an app.</summary>
    public const string SignedInPeople = "signed-in people";

    private static string ClientOf(HttpContext context) => context.User.Identity?.IsAuthenticated == true
        ? context.User.Identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName ? context.User.DisplayName() : SignedInPeople
        : "anonymous";

    private static string AreaOf(PathString rest)
    {
        var segment = rest.Value?.TrimStart('/').Split('/')[0];
        return string.IsNullOrEmpty(segment) ? "root" : segment.ToLowerInvariant();
    }
}
