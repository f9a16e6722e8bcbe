using System.Text.RegularExpressions;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Jobs;

public sealed class RecurringJobsTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static readonly Dictionary<string, string> Crons = new()
    {
        ["sample-system-metrics"] = "* * * * *",
        ["verify-audit-chain"] = "*/5 * * * *",
        ["prune-quality-reports"] = "30 3 * * *",
        ["reapprove-deployments"] = "0 6 * * *",
        ["prune-metrics"] = "0 3 * * *",
        ["incident-sla"] = "* * * * *",
        ["access-expiry"] = "0 1 * * *",
        ["access-drift"] = "0 5 * * *",
        ["access-reviews"] = "0 * * * *",
        ["portfolio-snapshot"] = "15 0 * * *",
        ["send-scheduled-reports"] = "*/15 * * * *",
        ["watch-shadow-deployments"] = "*/15 * * * *",
    };

    [Fact]
    public void Every_fixed_job_the_readme_lists_is_registered_at_start_with_its_schedule()
    {
        var listed = ReadmeJobIds();
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        var registered = connection.GetRecurringJobs().ToDictionary(j => j.Id, j => j.Cron);

        // quality-checks:{model} is one per check suite in the database, not a fixed job (see CheckSuiteTests).
        var fixedJobs = listed.Where(id => !id.Contains('{', StringComparison.Ordinal)).ToList();
        Assert.Equal(Crons.Keys.Order(), fixedJobs.Order());
        Assert.All(fixedJobs, id => Assert.Equal(Crons[id], Assert.Contains(id, registered)));
    }

    /// <summary>The first column of the README's jobs table.</summary>
    private static List<string> ReadmeJobIds()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "README.md"));
        var header = Array.FindIndex(lines, l => l.StartsWith("| job | schedule |", StringComparison.Ordinal));
        Assert.True(header >= 0, "The README has no jobs table.");
        return [.. lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|'))
            .Select(l => Regex.Match(l, @"^\|\s*`([^`]+)`").Groups[1].Value)];
    }
}
