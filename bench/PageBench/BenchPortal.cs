using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

/// <summary>
/// The real portal on Kestrel (loopback) over a fresh SQLite file: the development demo data (what `dotnet run` seeds,
/// simulator on, so the dashboard has live series), plus <see cref="ExtraModels"/> models deployed to production with
/// their accuracy reported, every third with a production request awaiting approval, so lists are long enough to show
/// per-item costs. Any portal type locates its entry point; the portal's own Program would clash with this file's.
/// </summary>
internal sealed partial class BenchPortal : WebApplicationFactory<MetricsWriter>
{
    public const int ExtraModels = 300;
    public const string DashboardModel = "fraud-detector";
    public const string Persona = "dev-approver";
    private const int PointsPerModel = 30;

    private readonly string path = Path.Combine(Path.GetTempPath(), $"page-bench-{Guid.NewGuid():N}.db");
    private readonly SimulatorStarted simulatorStarted = new();
    private string metricsKey = default!;

    /// <summary>What the database holds once seeded, for the printout.</summary>
    public string Seeded { get; private set; } = "";

    public static async Task<BenchPortal> StartAsync()
    {
        var portal = new BenchPortal();
        portal.UseKestrel(0);
        portal.StartServer();
        await portal.Services.GetRequiredService<DemoSeeders>().BackgroundSeeded;
        var admin = DevelopmentPersonas.ToPrincipal(DevelopmentPersonas.All.Single(p => p.Role == PortalRoles.Admin));
        portal.metricsKey = (await portal.Services.GetRequiredService<ApiKeysService>()
            .CreateAsync(admin, new ApiKeyInput("page-bench", [PortalRoles.MetricsWrite], null))).Secret;
        await portal.SeedAsync();
        // The simulator's backfill (a day of points and months of history for the demo models) runs in the background
        // after start; measuring while it runs put 5-9 % of the process's CPU into the first rounds (perf).
        await portal.simulatorStarted.Task.WaitAsync(TimeSpan.FromMinutes(5));
        return portal;
    }

    /// <summary><paramref name="count"/> clients, each with its own cookies, signed in through the development sign-in form.</summary>
    public async Task<List<HttpClient>> SignInAsync(int count)
    {
        var clients = new List<HttpClient>(count);
        for (var i = 0; i < count; i++)
        {
            var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() })
            {
                BaseAddress = ClientOptions.BaseAddress, Timeout = TimeSpan.FromMinutes(2),
            };
            await DevSignIn.SignInAsync(client, Persona);
            clients.Add(client);
        }

        return clients;
    }

    /// <summary>One connection pool for many concurrent clients, carrying the Metrics.Write key.</summary>
    public Task<HttpClient> IngestClientAsync()
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = ClientOptions.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-Api-Key", metricsKey);
        return Task.FromResult(http);
    }

    private async Task SeedAsync()
    {
        var factory = Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var now = DateTime.UtcNow;
        var tiers = Enum.GetValues<RiskTier>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            var environments = await db.Environments.ToDictionaryAsync(e => e.Key, e => e.Id);
            var seeded = new List<Model>(ExtraModels);
            for (var i = 0; i < ExtraModels; i++)
            {
                var version = new ModelVersion
                {
                    Number = 1, CreatedBy = "bench", CreatedAtUtc = now.AddDays(-60),
                    Card = new ModelCard { IntendedUse = "x", TrainingData = "x", EvaluationData = "x", Metrics = "x", Limitations = i % 7 == 0 ? null : "x" },
                };
                var model = new Model
                {
                    Key = $"bench-{i:000}", DisplayName = $"Bench model {i}", Owner = $"Owner {i % 37}", BusinessUnit = $"Unit {i % 12}", RiskTier = tiers[i % tiers.Length],
                    LatestVersion = 1, CreatedBy = "bench", UpdatedBy = "bench", CreatedAtUtc = now.AddDays(-60), UpdatedAtUtc = now.AddDays(-60), Versions = [version],
                };
                model.RefreshSearchText();
                db.Models.Add(model);
                seeded.Add(model);
            }

            // Requests name their model and version by id only.
            await db.SaveChangesAsync();
            foreach (var (model, i) in seeded.Select((m, i) => (m, i)))
            {
                var version = model.Versions[0];
                var approved = now.AddDays(-30 - (i % 20));
                db.DeploymentRequests.Add(new DeploymentRequest
                {
                    ModelId = model.Id, ModelVersionId = version.Id, EnvironmentId = environments["production"], RiskTier = RiskTier.Medium, RequiredApprovals = 1, ApprovalCount = 1,
                    Justification = "Bench.", RequesterId = "bench", RequesterName = "Bench", RegistrantName = "Bench", CreatedAtUtc = approved.AddHours(-3),
                    ApprovedAtUtc = approved, DeployedAtUtc = approved.AddHours(1), ApprovalExpiresAtUtc = approved.AddDays(180 + (i % 200)),
                    State = DeploymentState.Deployed, StateChangedAtUtc = approved.AddHours(1),
                });
                if (i % 3 == 0)
                {
                    db.DeploymentRequests.Add(new DeploymentRequest
                    {
                        ModelId = model.Id, ModelVersionId = version.Id, EnvironmentId = environments[i % 2 == 0 ? "production" : "staging"], RiskTier = RiskTier.Medium, RequiredApprovals = 1,
                        Justification = "Bench.", RequesterId = "bench", RequesterName = "Bench", RegistrantName = "Bench", CreatedAtUtc = now.AddHours(-(i % 48)),
                        State = DeploymentState.Pending, StateChangedAtUtc = now.AddHours(-(i % 48)),
                    });
                }
            }

            await db.SaveChangesAsync();
        }

        // Accuracy through the API, as an exporter would report it: one request per model.
        using var http = await IngestClientAsync();
        var nowMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000;
        await Parallel.ForEachAsync(Enumerable.Range(0, ExtraModels), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, cancellationToken) =>
        {
            var points = string.Join(',', Enumerable.Range(0, PointsPerModel).Select(p => string.Create(CultureInfo.InvariantCulture,
                $"{{\"metric\":\"{MetricNames.Accuracy}\",\"timestamp\":\"{DateTimeOffset.FromUnixTimeMilliseconds(nowMs - ((PointsPerModel - p) * 60_000L)):yyyy-MM-ddTHH:mm:ssZ}\",\"value\":{0.80 + (i % 17 / 100.0) + (p % 3 / 1000.0):0.000}}}")));
            using var content = new StringContent($"{{\"model\":\"bench-{i:000}\",\"environment\":\"production\",\"points\":[{points}]}}", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("/api/v1/metrics", UriKind.Relative), content, cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"Seeding metrics answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
        });

        await using (var db = await factory.CreateDbContextAsync())
        {
            var (models, pending, points) = (await db.Models.CountAsync(), await db.DeploymentRequests.CountAsync(r => r.State == DeploymentState.Pending), await db.MetricPoints.CountAsync());
            Seeded = string.Create(CultureInfo.InvariantCulture, $"{models} models, {pending} pending requests, {points} metric points");
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + ".audit-anchor" })
        {
            File.Delete(file);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Portal", $"Data Source={path}");
        builder.UseSetting("Audit:AnchorPath", path + ".audit-anchor");
        builder.UseSetting("DemoData:Enabled", "true");
        builder.UseSetting("Jobs:ServerEnabled", "false");
        builder.UseSetting("Monitoring:Simulator:Enabled", "true");
        // One key for every client; the per-client limit protects a real deployment, not this run.
        builder.UseSetting("Monitoring:Ingestion:RequestsPerMinutePerClient", "1000000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting($"Logging:LogLevel:{SimulatorStarted.Category}", "Information");
        builder.ConfigureLogging(logging => logging.AddProvider(simulatorStarted));
    }
}
