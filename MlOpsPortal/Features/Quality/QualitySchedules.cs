using Hangfire;

namespace MlOpsPortal.Features.Quality;

/// <summary>Keeps one recurring Hangfire job per enabled suite, named after the model, in step with the database.</summary>
public sealed class QualitySchedules(IRecurringJobManager recurring)
{
    public static string JobId(string modelKey) => "quality-checks:" + modelKey;

    public void Apply(string modelKey, CheckSuite suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        if (suite.Enabled)
        {
            recurring.AddOrUpdate<RunQualityChecksJob>(JobId(modelKey), job => job.RunScheduledAsync(modelKey, CancellationToken.None),
                suite.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            recurring.RemoveIfExists(JobId(modelKey));
        }
    }
}
