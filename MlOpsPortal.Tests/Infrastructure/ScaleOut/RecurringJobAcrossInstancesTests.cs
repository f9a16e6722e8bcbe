using Hangfire;
using Hangfire.Common;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.ScaleOut;

/// <summary>
/// Two instances, each running a job server on the one PostgreSQL database: a recurring job that comes due is run by
/// one of them, once. Were the instances' job stores not the same, each would keep its own schedule and both would run it.
/// </summary>
public sealed class RecurringJobAcrossInstancesTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly TwoPortals portals = new(onPostgreSql: true, runJobServers: true);

    public void Dispose() => portals.Dispose();

    [Fact]
    public async Task A_recurring_job_coming_due_runs_once_across_two_job_servers()
    {
        var storageA = portals.A.Services.GetRequiredService<JobStorage>();
        var storageB = portals.B.Services.GetRequiredService<JobStorage>();
        await WaitUntilAsync(() => storageB.GetMonitoringApi().Servers().Count == 2);
        Assert.Equal(0, PruneRuns(storageB));

        // The daily prune comes due, as if it last ran two days ago and its 03:00 has passed since: both schedulers find it.
        MakeDueNow(storageA, PruneMetricsJob.RecurringId);

        await WaitUntilAsync(() => storageB.GetMonitoringApi().SucceededJobs(0, 500).Any(j => IsPrune(j.Value.Job)));
        var recurring = storageB.GetConnection().GetRecurringJobs([PruneMetricsJob.RecurringId]).Single();
        Assert.True(recurring.NextExecution > DateTime.UtcNow, "the schedule moved on to the next day");
        Assert.Equal(1, PruneRuns(storageA));
        Assert.Equal(1, PruneRuns(storageB));
    }

    private static void MakeDueNow(JobStorage storage, string recurringJobId)
    {
        var due = DateTime.UtcNow.AddMinutes(-1);
        var lastRun = DateTime.UtcNow.AddDays(-2);
        using var connection = storage.GetConnection();
        using var transaction = connection.CreateWriteTransaction();
        transaction.SetRangeInHash($"recurring-job:{recurringJobId}", [
            new("NextExecution", JobHelper.SerializeDateTime(due)),
            new("LastExecution", JobHelper.SerializeDateTime(lastRun)),
        ]);
        transaction.AddToSet("recurring-jobs", recurringJobId, JobHelper.ToTimestamp(due));
        transaction.Commit();
    }

    // Every state a created run can be in, as the shared store reports it.
    private static int PruneRuns(JobStorage storage)
    {
        var monitoring = storage.GetMonitoringApi();
        var jobs = monitoring.Queues().SelectMany(q => monitoring.EnqueuedJobs(q.Name, 0, 500).Select(j => j.Value.Job))
            .Concat(monitoring.ProcessingJobs(0, 500).Select(j => j.Value.Job))
            .Concat(monitoring.SucceededJobs(0, 500).Select(j => j.Value.Job))
            .Concat(monitoring.FailedJobs(0, 500).Select(j => j.Value.Job))
            .Concat(monitoring.ScheduledJobs(0, 500).Select(j => j.Value.Job));
        return jobs.Count(IsPrune);
    }

    private static bool IsPrune(Job? job) => job?.Type == typeof(PruneMetricsJob);

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), timeout.Token);
        }
    }
}
