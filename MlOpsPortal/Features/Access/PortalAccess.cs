namespace MlOpsPortal.Features.Access;

public static class PortalAccess
{
    public static WebApplicationBuilder AddPortalAccess(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<UserPreferencesService>();
        builder.Services.AddSingleton<PeopleDirectory>();
        return builder;
    }
}
