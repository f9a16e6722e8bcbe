using Hangfire;
using MlOpsPortal.Infrastructure.Jobs;

namespace MlOpsPortal.Features.Access;

/// <summary>Hourly: reviews last days, so an hour late for a reminder or the end is nothing, and a failed removal is retried within the hour.</summary>
internal sealed class AccessReviewSchedule : IRecurringJobs
{
    public void Register(IRecurringJobManager jobs) =>
        jobs.AddOrUpdate<AccessReviewJob>(AccessReviewJob.RecurringId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
}
