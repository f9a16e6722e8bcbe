namespace MlOpsPortal.Features.Quality;

public static class PortalQuality
{
    public static WebApplicationBuilder AddPortalQuality(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<QualityService>();
        return builder;
    }
}
