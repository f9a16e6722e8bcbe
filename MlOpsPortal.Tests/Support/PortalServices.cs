using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Health;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Configuration;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Hosting;
using MlOpsPortal.Infrastructure.Jobs;
using MlOpsPortal.Infrastructure.Security;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// The portal's services, registered as Program.cs registers them and configured as <see cref="PortalAppFactory"/>
/// configures them, over a temporary SQLite file migrated by the real migrations; but no web host: no server, no
/// middleware, no endpoints, and no hosted service unless a test starts one. For tests that call services, jobs and
/// components directly; anything that goes over HTTP stays on <see cref="PortalAppFactory"/>.
/// </summary>
public sealed class PortalServices : IAsyncLifetime, IAsyncDisposable
{
    private readonly List<IHostedService> started = [];
    private ServiceProvider? provider;

    /// <summary>Replaces the system clock, as a test's <c>ConfigureServices</c> does on the web host.</summary>
    public TimeProvider? Clock { get; init; }

    /// <summary>Seeds the demo data that the portal seeds before its port opens (the background seeders are hosted services).</summary>
    public bool SeedDemoData { get; init; }

    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), $"mlopsportal-test-{Guid.NewGuid():N}.db");

    public IServiceProvider Services => provider ?? throw new InvalidOperationException("Not started: use StartAsync, or InitializeAsync as xUnit does for a fixture.");

    public static async Task<PortalServices> StartAsync(TimeProvider? clock = null, bool seedDemoData = false)
    {
        var portal = new PortalServices { Clock = clock, SeedDemoData = seedDemoData };
        await portal.InitializeAsync();
        return portal;
    }

    public async Task InitializeAsync()
    {
        if (!PortalAppFactory.RunsOnPostgreSql)
        {
            // On PostgreSQL the test settings create the database from the cluster's migrated template.
            CopyDatabase(await MigratedTemplate.Value, DatabasePath);
        }

        provider = BuildProvider(DatabasePath, SeedDemoData, Clock);
        if (SeedDemoData)
        {
            await provider.GetRequiredService<DemoSeeders>().SeedAtStartAsync();
        }
    }

    /// <summary>Starts one of the portal's hosted services (e.g. the metrics writer that ingestion waits on); stopped on disposal.</summary>
    public async Task<T> StartHostedServiceAsync<T>()
        where T : IHostedService
    {
        // Resolved by its own type where it has one, so the other hosted services are not even constructed.
        var service = Services.GetService<T>() ?? Services.GetServices<IHostedService>().OfType<T>().Single();
        await service.StartAsync(CancellationToken.None);
        started.Add(service);
        return service;
    }

    public async Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    /// <summary>Safe to call twice: a class fixture may be disposed as both <see cref="IAsyncLifetime"/> and <see cref="IAsyncDisposable"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var service in Enumerable.Reverse(started))
        {
            await service.StopAsync(CancellationToken.None);
        }

        started.Clear();
        if (provider is not null)
        {
            await provider.DisposeAsync();
            provider = null;
        }

        SqliteConnection.ClearAllPools();
        DeleteDatabaseFiles(DatabasePath);
        if (PortalAppFactory.RunsOnPostgreSql)
        {
            PostgreSqlTestCluster.Drop(DatabasePath);
        }
    }

    /// <summary>
    /// One database per test process migrated by the real migrations, which every instance copies: migrating is most
    /// of what a fresh database costs, and the copy is the same file (the migrations' seed rows are constants).
    /// </summary>
    private static readonly Lazy<Task<string>> MigratedTemplate = new(async () =>
    {
        var path = Path.Combine(Path.GetTempPath(), $"mlopsportal-template-{Guid.NewGuid():N}.db");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteDatabaseFiles(path);
        await using (var migrator = BuildProvider(path, seedDemoData: false, clock: null))
        {
            await using var db = await migrator.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            await db.Database.MigrateAsync();
        }

        // Out of WAL mode: tests copy the template at the same time, and the first reader of a WAL database runs its
        // recovery while the others get SQLITE_BUSY_RECOVERY (a copy failed so in CI). A rollback-journal file has no WAL to recover.
        SqliteConnection.ClearAllPools();
        using var settle = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        settle.Open();
        using var journal = settle.CreateCommand();
        journal.CommandText = "PRAGMA journal_mode=DELETE;";
        journal.ExecuteNonQuery();
        return path;
    });

    private static ServiceProvider BuildProvider(string databasePath, bool seedDemoData, TimeProvider? clock)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = Environments.Development,
            ApplicationName = typeof(Program).Assembly.GetName().Name,
            ContentRootPath = Path.Combine(RepositoryPaths.Root, "MlOpsPortal"),
        });
        builder.UseRootDevelopmentSettings();
        builder.Configuration.AddInMemoryCollection(PortalAppFactory.TestSettings(databasePath, runJobServer: false, seedDemoData));
        builder.AddPortalServices();
        if (clock is not null)
        {
            builder.Services.AddSingleton(clock);
        }

        // The builder is never built: that would be the web host this class exists to avoid.
        return builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    /// <summary>SQLite's online backup: a consistent copy even while the source's last pages sit in its WAL file.</summary>
    private static void CopyDatabase(string source, string target)
    {
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = source, Pooling = false }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        from.Open();
        to.Open();
        from.BackupDatabase(to);
    }

    private static void DeleteDatabaseFiles(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + ".audit-anchor" })
        {
            File.Delete(file);
        }
    }
}
