using Hangfire;

namespace MlOpsPortal.Infrastructure.Jobs;

/// <summary>
/// A feature's fixed recurring jobs (ids and crons the README's jobs table names), added by its own
/// <c>AddPortal&lt;Feature&gt;()</c> and registered once at start by <see cref="PortalJobs.MapPortalJobs"/>.
/// Schedules that live in the database (a quality suite's cron) are not fixed: their feature keeps them in step itself.
/// </summary>
public interface IRecurringJobs
{
    /// <summary>Adds or updates the jobs; called once per start, so it must be an upsert.</summary>
    void Register(IRecurringJobManager jobs);
}

public static class RecurringJobsServiceCollectionExtensions
{
    public static IServiceCollection AddRecurringJobs<T>(this IServiceCollection services)
        where T : class, IRecurringJobs
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.AddSingleton<IRecurringJobs, T>();
    }
}
