using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsPortal.Infrastructure.Outbound;

namespace MlOpsPortal.Features.Notifications;

public static class PortalNotifications
{
    public static WebApplicationBuilder AddPortalNotifications(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<NotificationsService>();
        builder.Services.TryAddSingleton<OutboundGuard>();
        builder.Services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.SectionName);
        builder.Services.AddOptions<MailOptions>().BindConfiguration(MailOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<PortalMailer>();
        builder.Services.AddSingleton<NotificationMailer>();
        builder.Services.AddHostedService<NotificationMailerService>();
        return builder;
    }
}
