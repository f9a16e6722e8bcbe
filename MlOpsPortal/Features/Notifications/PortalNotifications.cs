namespace MlOpsPortal.Features.Notifications;

public static class PortalNotifications
{
    public static WebApplicationBuilder AddPortalNotifications(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<NotificationsService>();
        return builder;
    }
}
