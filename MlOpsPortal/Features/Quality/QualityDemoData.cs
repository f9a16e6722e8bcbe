using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Quality;

/// <summary>
/// Samples for every demo model and four weekly reports each, written by the real checks as of their dates.
/// churn-model drifts a little more each week until its report fails; ticket-router has gaps in one column.
/// </summary>
public sealed class QualityDemoData(
    IDbContextFactory<PortalDbContext> dbFactory, RegistryKeys keys, CheckSuites suites, QualitySamples samples, CheckRuns runs, RunQualityChecksJob runner,
    SimulatedMetricsReady metrics, TimeProvider clock) : IDemoSeeder
{
    /// <summary>How long the checks wait for the simulator's history before they run without it.</summary>
    public static readonly TimeSpan MetricsWait = TimeSpan.FromMinutes(3);

    public const string DriftingModel = "churn-model";
    public const string GappyModel = "ticket-router";
    private const int Weeks = 4;

    public int Order => DemoSeedOrder.Quality;

    /// <summary>It runs the real checks for four weeks of every model: far too slow to keep the port closed for.</summary>
    public bool RunsInBackground => true;

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.CheckSuites.AnyAsync(cancellationToken) || await db.DataSamples.AnyAsync(cancellationToken))
            {
                return; // demo data goes only into a portal that has none
            }
        }

        // The model-performance check reads the last 24 hours of points: without the simulator's history every report
        // would warn "no points" while the dashboards show them.
        try
        {
            await metrics.Written.WaitAsync(MetricsWait, cancellationToken);
        }
        catch (TimeoutException)
        {
            // A simulator that cannot write (a busy disk) must not hold the demo's reports back for good.
        }

        var models = await keys.ModelsWithVersionsAsync(cancellationToken);
        var contributor = DevelopmentPersonas.ToPrincipal(DevelopmentPersonas.All.Single(p => p.Role == PortalRoles.ModelsContributor));
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var (key, version) in models.Select(m => (m.Key, m.LatestVersion)))
        {
            await suites.SaveSuiteAsync(contributor, key, new CheckSuiteInput(true, "0 2 * * *", CheckKinds.All, new CheckSuiteSettings()), cancellationToken);
            var seed = key.Aggregate(17, (h, c) => (h * 31) + c);
            var start = now.AddDays(-7 * Weeks).AddHours(-2);
            await samples.UploadSampleAsync(contributor, key, version, SampleRole.Reference, Sample(seed, 800, 0, gaps: false), start, cancellationToken);
            for (var week = 1; week <= Weeks; week++)
            {
                var at = now.AddDays(-7 * (Weeks - week)).AddHours(-1);
                var drift = key == DriftingModel ? (week - 1) / (double)(Weeks - 1) : 0;
                await samples.UploadSampleAsync(contributor, key, version, SampleRole.Current, Sample(seed + week, 600, drift, key == GappyModel && week >= 3), at.AddMinutes(-30), cancellationToken);
                var run = await runs.AddHistoricalRunAsync(key, at, cancellationToken);
                await runner.ExecuteAsync(run, at, cancellationToken);
            }
        }
    }

    /// <summary>Customer-like rows; <paramref name="drift"/> from 0 (as the reference) to 1 (shifted well past every threshold).</summary>
    private static SampleTable Sample(int seed, int rows, double drift, bool gaps)
    {
        var random = new Random(seed);
        string[] segments = ["retail", "premium", "business", "student"];
        string[] channels = ["app", "web", "branch", "phone"];
        var columns = new Dictionary<string, string?[]>
        {
            ["age"] = new string?[rows],
            ["income"] = new string?[rows],
            ["tenure_months"] = new string?[rows],
            ["monthly_spend"] = new string?[rows],
            ["segment"] = new string?[rows],
            ["channel"] = new string?[rows],
            ["prediction"] = new string?[rows],
        };
        for (var i = 0; i < rows; i++)
        {
            var age = Math.Clamp(Normal(random, 44 - (8 * drift), 12), 18, 90);
            var tenure = Math.Clamp(Math.Round(Normal(random, 60 - (30 * drift), 25)), 1, 180);
            columns["age"][i] = N(Math.Round(age));
            columns["income"][i] = N(Math.Round(Math.Exp(Normal(random, 10.6, 0.45)), 2));
            columns["tenure_months"][i] = N(tenure);
            columns["monthly_spend"][i] = gaps && random.NextDouble() < 0.14 ? null : N(Math.Round(Math.Max(5, Normal(random, 85, 30)), 2));
            columns["segment"][i] = segments[Pick(random, [0.55, 0.2, 0.15, 0.1])];
            columns["channel"][i] = channels[Pick(random, drift > 0 ? [0.45 + (0.3 * drift), 0.3 - (0.15 * drift), 0.15 - (0.1 * drift), 0.1 - (0.05 * drift)] : [0.45, 0.3, 0.15, 0.1])];
            var score = 1 / (1 + Math.Exp(-((tenure < 24 ? 1.2 : -0.8) + Normal(random, 0, 1) + (1.5 * drift))));
            columns["prediction"][i] = N(Math.Round(score, 4));
        }

        return new SampleTable([.. columns.Keys], [.. columns.Values]);
    }

    private static int Pick(Random random, double[] weights)
    {
        var x = random.NextDouble() * weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x <= 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static double Normal(Random random, double mean, double sd) =>
        mean + (sd * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
