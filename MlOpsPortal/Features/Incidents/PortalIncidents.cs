using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Incidents;

public static class PortalIncidents
{
    public static WebApplicationBuilder AddPortalIncidents(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<IncidentStore>();
        builder.Services.AddSingleton<IncidentPolicies>();
        builder.Services.AddSingleton<IncidentsService>();
        builder.Services.AddSingleton<IncidentWork>();
        builder.Services.AddSingleton<IncidentReviews>();
        builder.Services.AddSingleton<IncidentSignals>();
        builder.Services.AddSingleton<AlertmanagerWebhook>();
        builder.Services.AddHostedService<SignalProcessor>();
        builder.Services.AddDemoSeeder<IncidentsDemoData>();
        return builder;
    }
}
