using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.SqlServer;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Configuration;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Jobs;

public static class PortalJobs
{
    public const string DashboardPath = "/hangfire";

    public static WebApplicationBuilder AddPortalJobs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<JobsOptions>()
            .BindConfiguration(JobsOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var database = builder.GetValidatedOptions<DatabaseOptions>();
        var connectionString = builder.Configuration.GetConnectionString("Portal");
        builder.Services.AddHangfire((services, config) =>
        {
            config.UseLogProvider(new DisposalTolerantLogProvider(new Hangfire.AspNetCore.AspNetCoreLogProvider(services.GetRequiredService<ILoggerFactory>())))
                .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings();
            if (database.Provider == DatabaseProvider.SqlServer)
            {
                config.UseSqlServerStorage(connectionString, new SqlServerStorageOptions
                {
                    SchemaName = "HangFire",
                    PrepareSchemaIfNecessary = database.MigrateOnStartup,
                });
            }
        });
        if (database.Provider != DatabaseProvider.SqlServer)
        {
            // SQLite: in memory, as the portal database is the system of record, so losing this store on restart loses
            // no work. PostgreSQL: in the portal database's own "hangfire" schema, shared by every instance.
            // The store belongs to this app, not to the process: with Hangfire's process-wide JobStorage.Current,
            // every app a test process hosts would share one store and one app's server would run another's jobs.
            builder.Services.AddSingleton<JobStorage>(services =>
            {
                // Configuration first: it points Hangfire's logging at this app before the store starts logging.
                services.GetRequiredService<IGlobalConfiguration>();
                JobStorage storage = database.Provider == DatabaseProvider.PostgreSql
                    ? PostgreSqlJobStorage(connectionString!, database.MigrateOnStartup)
                    : new Hangfire.InMemory.InMemoryStorage();
                JobStorage.Current = storage;
                return storage;
            });
        }

        var jobs = builder.GetValidatedOptions<JobsOptions>();
        if (jobs.ServerEnabled)
        {
            builder.Services.AddHangfireServer((services, options) =>
            {
                options.WorkerCount = jobs.WorkerCount;
                // This app's services, not whichever app last set Hangfire's process-wide activator.
                options.Activator = new Hangfire.AspNetCore.AspNetCoreJobActivator(services.GetRequiredService<IServiceScopeFactory>());
            });
        }

        return builder;
    }

    private static PostgreSqlStorage PostgreSqlJobStorage(string connectionString, bool prepareSchema)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = prepareSchema };
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>The dashboard trusts nobody by itself (its default lets any local request in); the admin policy decides.</summary>
    public static WebApplication MapPortalJobs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AppPath = "/",
            DashboardTitle = "MlOpsPortal jobs",
            DisplayStorageConnectionString = false,
        }).RequireAuthorization(Policies.Admin);

        var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
        foreach (var jobs in app.Services.GetServices<IRecurringJobs>())
        {
            jobs.Register(recurring);
        }

        return app;
    }
}
