namespace MlOpsPortal.Features.Overview;

public static class PortalOverview
{
    public static WebApplicationBuilder AddPortalOverview(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<PortfolioRows>();
        builder.Services.AddSingleton<PortfolioCache>();
        return builder;
    }
}
