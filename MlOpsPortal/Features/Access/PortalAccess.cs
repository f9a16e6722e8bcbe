namespace MlOpsPortal.Features.Access;

public static class PortalAccess
{
    public static WebApplicationBuilder AddPortalAccess(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<UserPreferencesService>();
        builder.Services.AddOptions<ApiKeysOptions>()
            .BindConfiguration(ApiKeysOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiKeysService>();
        return builder;
    }
}
