namespace MlOpsPortal.Tests.Support;

/// <summary>
/// Two portal instances on one database, as two web servers behind a load balancer (DESIGN §12). By default they share
/// one temporary SQLite file (one PostgreSQL test database in the PostgreSQL build, or when <c>onPostgreSql</c> is true). A is started first, so it migrates; A can be stopped alone, as a server going
/// down mid-traffic, so B, disposed last, owns (deletes) the SQLite file.
/// </summary>
public sealed class TwoPortals : IDisposable
{
    private bool aStopped;

    /// <param name="bOnKestrel">B serves real HTTP on a loopback port (for its live socket); otherwise it is in memory.</param>
    /// <param name="aOnKestrel">A serves real HTTP on a loopback port too (behind a real load balancer).</param>
    public TwoPortals(IReadOnlyDictionary<string, string?>? settings = null, bool? onPostgreSql = null, bool runJobServers = false, bool useTestAuthentication = true, bool bOnKestrel = false, bool aOnKestrel = false)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mlopsportal-test-{Guid.NewGuid():N}.db");
        var postgreSql = onPostgreSql ?? PortalAppFactory.RunsOnPostgreSql;
        A = new PortalAppFactory
        {
            DatabasePath = path, OwnsDatabase = false, OnPostgreSql = postgreSql, RunJobServer = runJobServers, UseTestAuthentication = useTestAuthentication,
        };
        Add(A, settings);
        if (aOnKestrel)
        {
            A.UseKestrel(0);
            A.StartServer();
        }

        _ = A.Services;
        B = new PortalAppFactory { DatabasePath = path, OnPostgreSql = postgreSql, RunJobServer = runJobServers, UseTestAuthentication = useTestAuthentication };
        Add(B, settings);
        if (bOnKestrel)
        {
            B.UseKestrel(0);
            B.StartServer();
        }

        _ = B.Services;
    }

    public PortalAppFactory A { get; }

    public PortalAppFactory B { get; }

    /// <summary>Stops instance A (its host shuts down as on SIGTERM); the database stays for B.</summary>
    public void StopA()
    {
        if (!aStopped)
        {
            aStopped = true;
            A.Dispose();
        }
    }

    public void Dispose()
    {
        StopA();
        B.Dispose();
    }

    private static void Add(PortalAppFactory app, IReadOnlyDictionary<string, string?>? settings)
    {
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app.Settings[key] = value;
        }
    }
}
