using Hangfire;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Jobs;

namespace MlOpsPortal.Features.Access;

public static class PortalAccess
{
    public static WebApplicationBuilder AddPortalAccess(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<UserPreferencesService>();
        builder.Services.AddSingleton<PeopleDirectory>();
        builder.Services.AddSingleton<AccessAuditFacts>();
        builder.Services.AddSingleton<SignedInPeople>();
        builder.Services.AddSingleton<Notifications.INoticeRecipients, NoticeRecipients>();
        builder.Services.AddSingleton<IAuditVocabulary, PortalAuditVocabulary>();
        builder.Services.AddSingleton<AuditSentences>();
        builder.Services.AddSingleton<AuditNarrator>();
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (builder.Configuration[$"{AccessOptions.SectionName}:{nameof(AccessOptions.Provisioning)}"] == AccessOptions.Graph)
        {
            builder.Services.AddGraphRoleProvisioning();
        }
        else
        {
            builder.Services.AddSingleton<IRoleProvisioner, PortalRoleProvisioner>();
        }

        builder.Services.AddSingleton<AccessGrants>();
        builder.Services.AddSingleton<AccessRequests>();
        builder.Services.AddSingleton<AccessFigures>();
        builder.Services.AddSingleton<AccessDrift>();
        builder.Services.AddTransient<AccessExpiryJob>();
        builder.Services.AddTransient<AccessDriftJob>();
        builder.Services.AddSingleton<AccessReviews>();
        builder.Services.AddTransient<AccessReviewJob>();
        builder.Services.AddRecurringJobs<AccessJobs>();
        builder.Services.AddDemoSeeder<AccessDemoData>();
        return builder;
    }

    private sealed class AccessJobs : IRecurringJobs
    {
        public void Register(IRecurringJobManager jobs)
        {
            // Daily: roles stop working at their end date without it (CurrentRoles reads the date); the job tells people
            // beforehand, removes ended grants where they live, and expires requests nobody decided.
            jobs.AddOrUpdate<AccessExpiryJob>(AccessExpiryJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Daily(1));

            // Daily: Entra's app role assignments compared with the portal's grants (drift), after the expiry run.
            jobs.AddOrUpdate<AccessDriftJob>(AccessDriftJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Daily(5));

            // Hourly: reviews last days, so an hour late for a reminder or the end is nothing, and a failed removal is retried within the hour.
            jobs.AddOrUpdate<AccessReviewJob>(AccessReviewJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        }
    }
}
