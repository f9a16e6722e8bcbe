using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// The real portal on a temporary SQLite file. Requests may carry <see cref="TestAuthHandler.HeaderName"/> with a
/// persona's id to act as that person (<see cref="CreateClientAs"/>); without it the portal's own cookie sign-in applies.
/// </summary>
public class PortalAppFactory : WebApplicationFactory<Program>
{

    /// <summary>
    /// The provider the portal runs on: SQLite, or PostgreSQL in the MlOpsPortal.Tests.PostgreSql build (compiled with
    /// POSTGRESQL) and in tests that need a server database whatever the build.
    /// </summary>
    public bool OnPostgreSql { get; init; } = RunsOnPostgreSql;

#if POSTGRESQL
    public static bool RunsOnPostgreSql => true;
#else
    public static bool RunsOnPostgreSql => false;
#endif

    /// <summary>False for a second instance over another's file (scale-out tests): the owner deletes it.</summary>
    public bool OwnsDatabase { get; init; } = true;

    public string EnvironmentName { get; init; } = "Development";

    public bool RunJobServer { get; init; }

    /// <summary>Seeds the development demo registry, as `dotnet run` does.</summary>
    public bool SeedDemoData { get; init; }

    public bool UseTestAuthentication { get; init; } = true;

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Replaces services for a test, e.g. a fake clock.</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>A fresh temporary file unless a test shares another instance's file.</summary>
    public string DatabasePath { get; init; } = Path.Combine(Path.GetTempPath(), $"mlopsportal-test-{Guid.NewGuid():N}.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in TestSettings(DatabasePath, RunJobServer, SeedDemoData, OnPostgreSql).Concat(Settings))
        {
            builder.UseSetting(key, value);
        }

        if (ConfigureServices is not null)
        {
            builder.ConfigureTestServices(ConfigureServices);
        }

        if (UseTestAuthentication)
        {
            builder.ConfigureTestServices(services =>
                services.AddAuthentication()
                    .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, _ => { }));
            builder.ConfigureTestServices(services =>
                services.PostConfigure<AuthenticationOptions>(options => options.DefaultAuthenticateScheme = TestAuthHandler.SchemeName));
        }
    }

    /// <summary>What every test portal, hosted or not (<see cref="PortalServices"/>), sets over the portal's own settings.</summary>
    /// On PostgreSQL the path names the test's database (a copy of the migrated template), so instances sharing a path share it.
    internal static Dictionary<string, string?> TestSettings(string databasePath, bool runJobServer, bool seedDemoData, bool? onPostgreSql = null) => new()
    {
        ["Database:Provider"] = onPostgreSql ?? RunsOnPostgreSql ? nameof(MlOpsPortal.Infrastructure.Data.DatabaseProvider.PostgreSql) : nameof(MlOpsPortal.Infrastructure.Data.DatabaseProvider.Sqlite),
        ["ConnectionStrings:Portal"] = onPostgreSql ?? RunsOnPostgreSql ? PostgreSqlTestCluster.Database(databasePath) : $"Data Source={databasePath}",
        // Each database gets its own audit anchor file, and Production runs get a chain key like a deployment.
        ["Audit:AnchorPath"] = databasePath + ".audit-anchor",
        ["Audit:ChainKey"] = "dGVzdC1vbmx5LWF1ZGl0LWNoYWluLWtleS0wMDAwMDA=",
        ["Jobs:ServerEnabled"] = runJobServer ? "true" : "false",
        ["DemoData:Enabled"] = seedDemoData ? "true" : "false",
        // Simulated streams would race a test's own points; a test that wants them sets it in Settings.
        ["Monitoring:Simulator:Enabled"] = "false",
    };

    /// <summary>A client signed in as the persona, or anonymous for null.</summary>
    public HttpClient CreateClientAs(Persona? persona, bool followRedirects = false)
    {
        // The base address is Kestrel's when the portal runs on it (UseKestrel), the in-memory server's otherwise.
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = followRedirects, BaseAddress = ClientOptions.BaseAddress });
        if (persona is not null)
        {
            client.DefaultRequestHeaders.Add(TestAuthHandler.HeaderName, persona.Id);
        }

        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        if (!OwnsDatabase)
        {
            return;
        }

        if (OnPostgreSql)
        {
            PostgreSqlTestCluster.Drop(DatabasePath);
        }

        foreach (var file in new[] { DatabasePath, DatabasePath + "-wal", DatabasePath + "-shm", DatabasePath + ".audit-anchor" })
        {
            File.Delete(file);
        }
    }
}
