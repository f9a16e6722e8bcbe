// Models list and search at registry scale: the page-load queries at 10,000 models / 100,000 versions against
// 100 models / 1,000 versions, measured in the same run and reported as ratios (machines here are noisy).
// Run: dotnet run -c Release --project bench/RegistryBench
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

const int Runs = 41;
var small = await Registry.CreateAsync(models: 100, versionsPerModel: 10);
var large = await Registry.CreateAsync(models: 10_000, versionsPerModel: 10);

var queries = new (string Name, ModelQuery Query)[]
{
    ("first page, newest first", new ModelQuery()),
    ("free-text search", new ModelQuery { Search = "fraud" }),
    ("risk tier + business unit, by key", new ModelQuery { RiskTier = RiskTier.High, BusinessUnit = "Unit 3", SortBy = ModelSort.Key, Descending = false }),
    ("page 20, by owner", new ModelQuery { SortBy = ModelSort.Owner, PageIndex = 19 }),
};

Console.WriteLine($"{"query",-36} {"100 models ms",14} {"10,000 models ms",17} {"ratio",7}");
var worst = 0d;
foreach (var (name, query) in queries)
{
    // Interleaved, so a burst of load from elsewhere lands on both sizes alike; the ratio is the median of pair ratios.
    await small.TimeMsAsync(query);
    await large.TimeMsAsync(query);
    var pairs = new List<(double Small, double Large)>();
    for (var run = 0; run < Runs; run++)
    {
        pairs.Add((await small.TimeMsAsync(query), await large.TimeMsAsync(query)));
    }

    var smallMs = Median(pairs.Select(p => p.Small));
    var largeMs = Median(pairs.Select(p => p.Large));
    var ratio = Median(pairs.Select(p => p.Large / p.Small));
    worst = Math.Max(worst, ratio);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-36} {smallMs,14:0.00} {largeMs,17:0.00} {ratio,7:0.00}"));
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"worst ratio {worst:0.00} (target <= 3.00): {(worst <= 3 ? "met" : "NOT met")}"));
small.Dispose();
large.Dispose();

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

internal sealed class Registry : IDisposable
{
    private static readonly string[] ModelParameters = ["$key", "$name", "$description", "$owner", "$unit", "$tier", "$latest", "$at"];
    private readonly string path;
    private readonly ServiceProvider services;

    private Registry(string path, ServiceProvider services)
    {
        this.path = path;
        this.services = services;
    }

    public ModelsService Models => services.GetRequiredService<ModelsService>();

    public static async Task<Registry> CreateAsync(int models, int versionsPerModel)
    {
        var path = Path.Combine(Path.GetTempPath(), $"registry-bench-{models}-{Guid.NewGuid():N}.db");
        var connectionString = $"Data Source={path}";
        var services = new ServiceCollection()
            .AddLogging()
            .AddAuthorizationCore(Policies.Configure)
            .AddSingleton(TimeProvider.System)
            .AddDbContextFactory<SqlitePortalDbContext>(o => o.UseSqlite(connectionString, PortalData.ConfigureSqlite).AddInterceptors(new SqlitePragmaInterceptor()))
            .AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>()
            .AddSingleton<ModelsService>()
            .BuildServiceProvider();
        await using (var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.Database.MigrateAsync();
        }

        await FillAsync(connectionString, models, versionsPerModel);
        return new Registry(path, services);
    }

    public async Task<double> TimeMsAsync(ModelQuery query)
    {
        var watch = Stopwatch.StartNew();
        var page = await Models.ListModelsAsync(query);
        watch.Stop();
        return page.TotalCount >= 0 ? watch.Elapsed.TotalMilliseconds : double.NaN;
    }

    /// <summary>Bulk rows through one prepared command per table: seeding 110,000 rows through the service would measure seeding.</summary>
    private static async Task FillAsync(string connectionString, int models, int versionsPerModel)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var tiers = Enum.GetNames<RiskTier>();
        var words = new[] { "churn", "fraud", "credit", "claims", "demand", "ticket", "turbine", "offer", "conversion", "pricing" };
        var start = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = (SqliteTransaction)transaction;
            insert.CommandText = """
                INSERT INTO Models (Key, DisplayName, Description, Owner, BusinessUnit, UseCase, RiskTier, Tags, LatestVersion, CreatedBy, CreatedAtUtc, UpdatedBy, UpdatedAtUtc, SearchText)
                VALUES ($key, $name, $description, $owner, $unit, '', $tier, '["bench"]', $latest, 'bench', $at, 'bench', $at, lower($key || char(10) || $name || char(10) || $description || char(10) || char(10) || $owner))
                """;
            var p = ModelParameters.Select(n => insert.Parameters.Add(new SqliteParameter(n, null))).ToArray();
            for (var i = 0; i < models; i++)
            {
                var word = words[i % words.Length];
                p[0].Value = $"{word}-model-{i:00000}";
                p[1].Value = $"{word} model {i}";
                p[2].Value = $"The {word} model number {i}";
                p[3].Value = $"Owner {i % 97}";
                p[4].Value = $"Unit {i % 12}";
                p[5].Value = tiers[i % tiers.Length];
                p[6].Value = versionsPerModel;
                p[7].Value = start.AddMinutes(i).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                await insert.ExecuteNonQueryAsync();
            }
        }

        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = (SqliteTransaction)transaction;
            insert.CommandText = """
                INSERT INTO ModelVersions (ModelId, Number, Framework, ArtifactUri, ArtifactSha256, SourceRepository, SourceCommit, Hyperparameters, TrainingMetrics, CreatedBy, CreatedAtUtc)
                VALUES ($model, $number, 'xgboost', 's3://bench/model.bin', $sha, 'https://git.example/bench', 'abc', '{}', '{}', 'bench', '2025-01-01 00:00:00')
                """;
            var model = insert.Parameters.Add(new SqliteParameter("$model", null));
            var number = insert.Parameters.Add(new SqliteParameter("$number", null));
            insert.Parameters.Add(new SqliteParameter("$sha", new string('a', 64)));
            for (var m = 1; m <= models; m++)
            {
                for (var n = 1; n <= versionsPerModel; n++)
                {
                    model.Value = m;
                    number.Value = n;
                    await insert.ExecuteNonQueryAsync();
                }
            }
        }

        await transaction.CommitAsync();
    }

    public void Dispose()
    {
        services.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
