using MlOpsPortal.Infrastructure.Jobs;

namespace MlOpsPortal.Features.Access;

public static class PortalAccess
{
    public static WebApplicationBuilder AddPortalAccess(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<UserPreferencesService>();
        builder.Services.AddSingleton<PeopleDirectory>();
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (builder.Configuration[$"{AccessOptions.SectionName}:{nameof(AccessOptions.Provisioning)}"] == AccessOptions.Graph)
        {
            builder.Services.AddSingleton<IRoleProvisioner, GraphRoleProvisioner>();
        }
        else
        {
            builder.Services.AddSingleton<IRoleProvisioner, PortalRoleProvisioner>();
        }

        builder.Services.AddSingleton<AccessGrants>();
        builder.Services.AddSingleton<AccessRequests>();
        builder.Services.AddSingleton<AccessReviews>();
        builder.Services.AddTransient<AccessReviewJob>();
        builder.Services.AddRecurringJobs<AccessReviewSchedule>();
        return builder;
    }
}
