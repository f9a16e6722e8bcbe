using MlOpsPortal.Features.Models;

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
        builder.Services.AddHostedService<SignalProcessor>();
        // After Deployments (10) and before Monitoring (20): what is wrong with a model now sits beside where it runs.
        builder.Services.AddModelTab<ModelIncidentsPanel>("incidents", "Incidents", 15, tab => new Dictionary<string, object?>
        {
            [nameof(ModelIncidentsPanel.ModelKey)] = tab.ModelKey,
        });
        return builder;
    }
}
