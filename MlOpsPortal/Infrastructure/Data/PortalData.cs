using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Configuration;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace MlOpsPortal.Infrastructure.Data;

public static class PortalData
{
    private const string ConnectionStringName = "Portal";

    // On SQLite a list in a query (ids.Contains(x.Id)) travels as one JSON parameter (json_each) rather than EF 10's default
    // of one parameter per element, whose SQL depends on the list's length: EF then generated that SQL again on every
    // execution, 6 % of all CPU while the approvals inbox was under load (bench/PageBench, round 7).
    // PostgreSQL needs no setting: its provider already sends a list as one array parameter (CollectionParameterTests runs
    // there too). SQL Server keeps EF's default, unprofiled here (the plans EF got from OPENJSON are why it changed it).
    internal static void ConfigureSqlite(SqliteDbContextOptionsBuilder sqlite) =>
        sqlite.MigrationsAssembly(typeof(PortalData).Assembly.FullName)
            .MigrationsHistoryTable("__EFMigrationsHistory")
            .UseParameterizedCollectionMode(ParameterTranslationMode.Parameter);

    internal static void ConfigureSqlServer(SqlServerDbContextOptionsBuilder sqlServer) =>
        sqlServer.MigrationsAssembly(typeof(PortalData).Assembly.FullName)
            .EnableRetryOnFailure();

    /// <remarks>Every PostgreSQL context also takes <see cref="CaseInsensitiveLike"/> among its interceptors (a pooled context cannot add it in OnConfiguring).</remarks>
    internal static void ConfigurePostgreSql(NpgsqlDbContextOptionsBuilder postgreSql) =>
        postgreSql.MigrationsAssembly(typeof(PortalData).Assembly.FullName)
            .ExecutionStrategy(dependencies => new PostgreSqlExecutionStrategy(dependencies));

    public static WebApplicationBuilder AddPortalData(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var options = builder.GetValidatedOptions<DatabaseOptions>();
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. Set it to a SQLite file (Data Source=App_Data/portal.db), a SQL Server or a PostgreSQL connection string.");
        }

        var busyTimeout = TimeSpan.FromSeconds(options.BusyTimeoutSeconds);
        builder.Services.TryAddSingleton<TransactionRule>();
        builder.Services.AddSingleton(new SqlitePragmaInterceptor(busyTimeout));
        // Pooled: a page opens several short contexts (session check, preferences, the bell, its own reads), and a new
        // context builds its own scope of EF's internal services each time, about a tenth of a plain page's CPU
        // (bench/PageBench). A pooled one is reset on return (change tracker, connection, command timeout), but it can go
        // back still named as the holder of an audit lock, so the audit locks tell a context's leases apart
        // (DbContextId, PortalDbContext.EndedLease) rather than trusting the instance.
        if (options.Provider == DatabaseProvider.SqlServer)
        {
            builder.Services.AddPooledDbContextFactory<SqlServerPortalDbContext>((services, db) => db
                .UseSqlServer(connectionString, ConfigureSqlServer)
                .AddInterceptors(services.GetRequiredService<AuditChainInterceptor>()));
            builder.Services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlServerPortalDbContext>>();
        }
        else if (options.Provider == DatabaseProvider.PostgreSql)
        {
            builder.Services.AddPooledDbContextFactory<PostgreSqlPortalDbContext>((services, db) => db
                .UseNpgsql(connectionString, ConfigurePostgreSql)
                .AddInterceptors(CaseInsensitiveLike.Instance, services.GetRequiredService<AuditChainInterceptor>()));
            builder.Services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<PostgreSqlPortalDbContext>>();
        }
        else
        {
            var sqlite = WithBusyTimeout(ResolveSqliteFile(connectionString, builder.Environment.ContentRootPath), busyTimeout);
            builder.Services.AddSingleton(services => new SqliteWriteOrderInterceptor(services.GetRequiredService<AuditChainInterceptor>(), busyTimeout));
            builder.Services.AddPooledDbContextFactory<SqlitePortalDbContext>((services, db) => db
                .UseSqlite(sqlite, ConfigureSqlite)
                .AddInterceptors(
                    services.GetRequiredService<SqlitePragmaInterceptor>(),
                    services.GetRequiredService<SqliteWriteOrderInterceptor>(),
                    services.GetRequiredService<AuditChainInterceptor>()));
            builder.Services.AddSingleton<IDbContextFactory<PortalDbContext>, PortalDbContextFactory<SqlitePortalDbContext>>();
        }

        builder.Services.AddOptions<DemoDataOptions>()
            .BindConfiguration(DemoDataOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<DemoSeeders>();
        builder.Services.AddHostedService<DemoDataStartup>();

        DatabaseXmlRepository.AddTo(builder.Services);
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReadyHealthCheck>("database", tags: [DatabaseReadyHealthCheck.ReadyTag]);
        return builder;
    }

    /// <summary>A relative SQLite path is taken from the content root, and its folder is created, so the portal runs from any working directory.</summary>
    internal static string ResolveSqliteFile(string connectionString, string contentRoot)
    {
        var csb = new SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is not (":memory:" or "") && csb.Mode != SqliteOpenMode.Memory)
        {
            var path = Path.IsPathRooted(csb.DataSource) ? csb.DataSource : Path.Combine(contentRoot, csb.DataSource);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            csb.DataSource = path;
        }

        return csb.ToString();
    }

    /// <summary>
    /// Microsoft.Data.Sqlite retries a busy statement until the command timeout (30 s unless told), on top of SQLite's
    /// own busy_timeout: both get the one bound, or a write could hang for the longer of the two.
    /// </summary>
    internal static string WithBusyTimeout(string connectionString, TimeSpan busyTimeout) =>
        new SqliteConnectionStringBuilder(connectionString) { DefaultTimeout = (int)Math.Ceiling(busyTimeout.TotalSeconds) }.ToString();

    /// <summary>
    /// SQLite is always created and migrated at start. SQL Server and PostgreSQL only when Database:MigrateOnStartup is
    /// true; otherwise a DBA applies database/sqlserver or database/postgresql/MlOpsPortal.sql and readiness reports
    /// pending migrations.
    /// </summary>
    public static async Task MigratePortalDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.Provider != DatabaseProvider.Sqlite && !options.MigrateOnStartup)
        {
            return;
        }

        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    /// <summary>
    /// The demo seeders that run before the port opens, in dependency order (Development, DemoData:Enabled); the slow
    /// ones follow in the background. After <see cref="MigratePortalDatabaseAsync"/>.
    /// </summary>
    public static Task SeedPortalDemoDataAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<DemoSeeders>().SeedAtStartAsync();
    }
}
