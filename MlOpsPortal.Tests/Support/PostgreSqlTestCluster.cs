using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;
using Npgsql;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// A throwaway PostgreSQL cluster owned by this test process: initdb into a temporary folder (owned by the postgres user,
/// as PostgreSQL refuses to run as root), a free loopback port, durability off. The portal's migrations run once into a
/// template database; each test database is a copy of it (CREATE DATABASE ... TEMPLATE), which takes milliseconds.
/// Stopped and deleted when the process exits.
/// </summary>
public static class PostgreSqlTestCluster
{
    public const string InstallHint = "PostgreSQL is needed for these tests: apt-get install -y postgresql (Debian's PostgreSQL 15 or later).";
    private const string Template = "mlopsportal_template";
    private const string FolderPrefix = "mlopsportal-pg-";

    private static readonly Lazy<Cluster> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly SemaphoreSlim Creating = new(1, 1);

    /// <summary>The connection string of the test database for <paramref name="key"/>, created from the migrated template on first use.</summary>
    public static string Database(string key)
    {
        var cluster = Started.Value;
        var name = DatabaseName(key);
        Creating.Wait();
        try
        {
            using var admin = cluster.Open("postgres");
            using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @n", admin);
            exists.Parameters.AddWithValue("n", name);
            if (exists.ExecuteScalar() is null)
            {
                Execute(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{Template}\" STRATEGY FILE_COPY");
            }
        }
        finally
        {
            Creating.Release();
        }

        return cluster.ConnectionString(name);
    }

    public static void Drop(string key)
    {
        if (!Started.IsValueCreated)
        {
            return;
        }

        var connectionString = Started.Value.ConnectionString(DatabaseName(key));
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        using var admin = Started.Value.Open("postgres");
        Execute(admin, $"DROP DATABASE IF EXISTS \"{DatabaseName(key)}\" WITH (FORCE)");
    }

    /// <summary>A database name from a test's key (its SQLite path, say): PostgreSQL allows 63 bytes.</summary>
    private static string DatabaseName(string key)
    {
        var name = Path.GetFileNameWithoutExtension(key).Replace('-', '_').ToLowerInvariant();
        return name.Length > 63 ? name[^63..] : name;
    }

    private static Cluster Start()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(InstallHint);
        DeleteStaleClusters();
        var root = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", null, "postgres", root);
        }

        var data = Path.Combine(root, "data");
        var port = LoopbackPorts.Free();
        Run(Path.Combine(bin, "initdb"), asRoot, "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        Run(Path.Combine(bin, "pg_ctl"), asRoot, "-D", data, "-l", Path.Combine(root, "server.log"), "-w", "-t", "60", "-o",
            string.Create(CultureInfo.InvariantCulture,
                $"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=400"),
            "start");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            NpgsqlConnection.ClearAllPools();
            Run(Path.Combine(bin, "pg_ctl"), asRoot, "-D", data, "-m", "immediate", "-w", "stop");
            Directory.Delete(root, recursive: true);
        };

        var cluster = new Cluster(port);
        using (var admin = cluster.Open("postgres"))
        {
            Execute(admin, $"CREATE DATABASE \"{Template}\"");
        }

        var options = new DbContextOptionsBuilder<PostgreSqlPortalDbContext>()
            .UseNpgsql(cluster.ConnectionString(Template), PortalData.ConfigurePostgreSql).Options;
        using (var db = new PostgreSqlPortalDbContext(options))
        {
            db.Database.Migrate();
        }

        // A template must have no open connection while it is copied.
        NpgsqlConnection.ClearAllPools();
        return cluster;
    }

    /// <summary>
    /// The test host may exit before the ProcessExit cleanup has stopped the server and deleted its folder (up to
    /// 300 MB each), so each run first deletes the folders of earlier runs whose server is no longer running. A folder
    /// without a postmaster.pid is left alone while young: another test process may be running initdb in it.
    /// </summary>
    private static void DeleteStaleClusters()
    {
        foreach (var folder in Directory.EnumerateDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            var pidFile = Path.Combine(folder, "data", "postmaster.pid");
            var stale = File.Exists(pidFile)
                ? !ServerRunning(pidFile)
                : Directory.GetLastWriteTimeUtc(folder) < DateTime.UtcNow - TimeSpan.FromMinutes(10);
            if (!stale)
            {
                continue;
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Another user's folder, or one another run is deleting: not ours to insist on.
            }
        }
    }

    /// <summary>Whether the postmaster named on the first line of postmaster.pid is still a running postgres process.</summary>
    private static bool ServerRunning(string pidFile)
    {
        try
        {
            var first = File.ReadLines(pidFile).FirstOrDefault();
            if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                return false;
            }

            var command = Path.Combine("/proc", pid.ToString(CultureInfo.InvariantCulture), "comm");
            return File.Exists(command) && File.ReadAllText(command).Trim().StartsWith("postgres", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable: assume it is someone's running server rather than delete it.
            return true;
        }
    }

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        return Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
    }


    private static void Run(string program, bool? asPostgres, params string[] arguments)
    {
        var start = new ProcessStartInfo(asPostgres == true ? "runuser" : program) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres == true)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
            {
                start.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error} {output.Result}");
        }
    }

    private static void Execute(NpgsqlConnection connection, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private sealed record Cluster(int Port)
    {
        public string ConnectionString(string database) =>
            new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, MaxPoolSize = 20 }.ToString();

        public NpgsqlConnection Open(string database)
        {
            var connection = new NpgsqlConnection(ConnectionString(database));
            connection.Open();
            return connection;
        }
    }
}
