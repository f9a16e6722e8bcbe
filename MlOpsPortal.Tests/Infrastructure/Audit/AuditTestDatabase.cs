using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

/// <summary>
/// A migrated SQLite database in a temporary file, with the audit interceptor attached. A file rather than an
/// in-memory database so that every context gets its own connection, as in the running portal, and the
/// triggers, transactions and locking behave as they do there. The chain key and the anchor file stand for
/// what lies outside the database: an attacker in these tests uses neither.
/// </summary>
internal sealed class AuditTestDatabase : IDbContextFactory<PortalDbContext>, IAsyncDisposable
{
    /// <summary>The test's secret chain key; tests that play an attacker never use it.</summary>
    public static readonly AuditChainKey Key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    public static readonly DateTimeOffset Start = new DateTimeOffset(2025, 3, 1, 9, 30, 0, TimeSpan.Zero).AddTicks(1_234_567);

    private readonly string _path;

    private AuditTestDatabase(string path)
    {
        _path = path;
        ConnectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true }.ToString();
        Anchor = new AuditAnchor(path + ".anchor");
        Interceptor = new AuditChainInterceptor(Time, Key, Anchor);
    }

    public FakeTimeProvider Time { get; } = new(Start);

    public AuditChainInterceptor Interceptor { get; }

    /// <summary>The file outside the database that receives the chain head.</summary>
    public AuditAnchor Anchor { get; }

    public string ConnectionString { get; }

    public static async Task<AuditTestDatabase> CreateAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mlops-audit-{Guid.NewGuid():N}.db");
        var database = new AuditTestDatabase(path);
        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public PortalDbContext CreateDbContext() => CreateDbContext(Interceptor);

    /// <summary>A context with the given interceptors instead of the shared one, in the given order.</summary>
    public PortalDbContext CreateDbContext(params IInterceptor[] interceptors)
    {
        var options = new DbContextOptionsBuilder<SqlitePortalDbContext>()
            .UseSqlite(ConnectionString)
            .AddInterceptors(interceptors)
            .Options;
        return new SqlitePortalDbContext(options);
    }

    public AuditLog CreateAuditLog() => new(this, Time, Key, Anchor);

    public AuditTriggerGuard CreateTriggerGuard() => new(this, NullLogger<AuditTriggerGuard>.Instance);

    public VerifyAuditChainJob CreateJob(ILogger<VerifyAuditChainJob>? logger = null) =>
        new(CreateAuditLog(), CreateTriggerGuard(), Anchor, this, logger ?? NullLogger<VerifyAuditChainJob>.Instance);

    /// <summary>Runs SQL on a plain connection, the way someone with database access would, bypassing EF.</summary>
    public async Task<int> ExecuteSqlAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>What an attacker with DDL rights does first: the triggers of both audit tables go.</summary>
    public Task DropTriggersAsync() => ExecuteSqlAsync(AuditTriggers.SqliteDrop + """

        DROP TRIGGER IF EXISTS AuditVerifications_NoUpdate;
        DROP TRIGGER IF EXISTS AuditVerifications_NoDelete;
        """);

    /// <summary>What a careful attacker does last, so that only the chain shows what happened.</summary>
    public Task RestoreTriggersAsync() =>
        ExecuteSqlAsync(string.Join(";\n", AuditTriggers.Sqlite.Select(t => t.CreateSql)) + ";");

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<List<AuditEvent>> ReadEventsAsync()
    {
        await using var db = CreateDbContext();
        return await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    /// <summary>Appends <paramref name="count"/> events, one SaveChanges each, advancing the clock between them.</summary>
    public async Task<List<AuditEvent>> SeedAsync(int count, string actorName = "Alice Example")
    {
        var log = CreateAuditLog();
        var actor = new AuditActor($"id-{actorName}", actorName);
        var recorded = new List<AuditEvent>();
        for (var i = 0; i < count; i++)
        {
            recorded.Add(await log.RecordAsync(actor, "model.created", "Model", $"model-{i}", new { Index = i }, CancellationToken.None));
            Time.Advance(TimeSpan.FromSeconds(1));
        }

        return recorded;
    }

    public ValueTask DisposeAsync()
    {
        Interceptor.Dispose();

        // Pooled connections keep the file open; on some platforms it cannot be deleted until they close.
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _path, _path + "-journal", _path + "-wal", _path + "-shm", Anchor.FilePath })
        {
            File.Delete(file);
        }

        return ValueTask.CompletedTask;
    }
}
