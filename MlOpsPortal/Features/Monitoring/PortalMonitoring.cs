namespace MlOpsPortal.Features.Monitoring;

public static class PortalMonitoring
{
    public static WebApplicationBuilder AddPortalMonitoring(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ProcessMetricsSampler>();
        builder.Services.AddSingleton<SystemMetricsFeed>();
        builder.Services.AddSingleton<SystemMetricsService>();
        builder.Services.AddTransient<SampleSystemMetricsJob>();
        return builder;
    }

    /// <summary>Counts requests for the portal's own requests-per-minute metric.</summary>
    public static WebApplication UseRequestCounting(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var sampler = app.Services.GetRequiredService<ProcessMetricsSampler>();
        app.Use((context, next) =>
        {
            sampler.CountRequest();
            return next(context);
        });
        return app;
    }
}
