using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// Reused prepared commands inside one transaction: the fastest way SQLite takes rows. A point whose series already
/// has one at that timestamp is ignored (first write wins), so a retry without an idempotency key adds nothing twice,
/// and only points actually stored reach the rollups.
/// The point log for the cross-instance feed is the table's rowid: SQLite gives a new row the largest rowid plus one and
/// writes one transaction at a time, so rowids grow in commit order and one transaction's points hold one contiguous range.
/// </summary>
internal sealed class SqliteMetricsStore(
    IDbContextFactory<PortalDbContext> dbFactory, SqlitePragmaInterceptor pragmaSettings, LocalIdRanges localIds, TimeProvider clock) : IMetricsStore, IPointLog
{
    private const string LastIdSql = "SELECT coalesce(max(rowid), 0) FROM MetricPoints";

    // The rowid range is the table's own b-tree key: this reads just the new rows, whatever the table's size.
    private const string ReadAfterSql = """
        SELECT p.rowid, m.Key, e.Key, s.MetricName, p.TimestampMs, p.Value
        FROM MetricPoints p
        JOIN MetricSeries s ON s.Id = p.SeriesId
        JOIN Environments e ON e.Id = s.EnvironmentId
        LEFT JOIN Models m ON m.Id = s.ModelId
        WHERE p.rowid > $after
        ORDER BY p.rowid
        LIMIT $limit
        """;

    private readonly Dictionary<(int? Model, int Environment, string Metric), long> seriesIds = [];
    private string? connectionString;

    public async Task<IReadOnlyList<WriteOutcome>> WriteGroupAsync(IReadOnlyList<PendingBatch> group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var connection = await OpenAsync(cancellationToken);
        var created = new List<(int?, int, string)>();
        // Not deferred: the write lock is held from here, so the rowids between the two reads of the largest are all ours.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        (long After, long Last)? local = null;
        try
        {
            await using var commands = new Commands(connection, transaction);
            var lastIdBefore = await commands.LastIdAsync(cancellationToken);
            var rollups = new RollupBuckets();
            var outcomes = new List<WriteOutcome>(group.Count);
            foreach (var batch in group)
            {
                if (batch.IdempotencyKey is not null && await commands.BatchExistsAsync(batch, cancellationToken))
                {
                    outcomes.Add(new WriteOutcome(0, Duplicate: true));
                    continue;
                }

                var accepted = 0;
                foreach (var point in batch.Points)
                {
                    var seriesId = await SeriesIdAsync(commands, batch, point.Metric, created, cancellationToken);
                    if (await commands.InsertPointAsync(seriesId, point, cancellationToken))
                    {
                        rollups.Add(seriesId, point.TimestampMs, point.Value);
                        accepted++;
                    }
                }

                if (batch.IdempotencyKey is not null)
                {
                    await commands.InsertBatchAsync(batch, accepted, clock.GetUtcNow().UtcDateTime, cancellationToken);
                }

                outcomes.Add(new WriteOutcome(accepted, Duplicate: false));
            }

            foreach (var rollup in rollups.All)
            {
                await commands.UpsertRollupAsync(rollup, cancellationToken);
            }

            if (outcomes.Any(o => o.Accepted > 0))
            {
                // Noted before the commit makes the points visible, so this instance's poller never takes them for another's.
                local = (lastIdBefore, await commands.LastIdAsync(cancellationToken));
                localIds.Add(local.Value.After, local.Value.Last);
            }

            await transaction.CommitAsync(cancellationToken);
            return outcomes;
        }
        catch
        {
            // Still inside the write lock (the rollback comes with the disposal): no other writer can have reused these ids yet.
            if (local is { } range)
            {
                localIds.Remove(range.After, range.Last);
            }

            // Series created in the rolled-back transaction do not exist: forget their ids.
            foreach (var key in created)
            {
                seriesIds.Remove(key);
            }

            throw;
        }
    }

    public async Task<long> LastIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = LastIdSql;
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<PointLogPage> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ReadAfterSql;
        command.Parameters.AddWithValue("$after", afterId);
        command.Parameters.AddWithValue("$limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await localIds.ReadPageAsync(reader, afterId, limit, cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(await ConnectionStringAsync(cancellationToken));
        await connection.OpenAsync(cancellationToken);
        await using var pragmas = connection.CreateCommand();
        pragmas.CommandText = pragmaSettings.Statements;
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private async Task<long> SeriesIdAsync(Commands commands, PendingBatch batch, string metric, List<(int?, int, string)> created, CancellationToken cancellationToken)
    {
        var key = (batch.ModelId, batch.EnvironmentId, metric);
        if (!seriesIds.TryGetValue(key, out var id))
        {
            id = await commands.FindSeriesAsync(batch.ModelId, batch.EnvironmentId, metric, cancellationToken)
                ?? await commands.InsertSeriesAsync(batch.ModelId, batch.EnvironmentId, metric, cancellationToken);
            seriesIds[key] = id;
            created.Add(key);
        }

        return id;
    }

    private async Task<string> ConnectionStringAsync(CancellationToken cancellationToken)
    {
        if (connectionString is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            connectionString = db.Database.GetConnectionString()!;
        }

        return connectionString;
    }

    private sealed class Commands(SqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        private readonly SqliteCommand insertPoint = Prepare(connection, transaction,
            "INSERT INTO MetricPoints (SeriesId, TimestampMs, Value) VALUES ($s, $t, $v) ON CONFLICT DO NOTHING", "$s", "$t", "$v");

        private readonly SqliteCommand upsertRollup = Prepare(connection, transaction, """
            INSERT INTO MetricRollups (SeriesId, Resolution, BucketStartMs, Count, Sum, Min, Max, Last, LastTimestampMs)
            VALUES ($s, $r, $b, $c, $sum, $min, $max, $last, $lt)
            ON CONFLICT (SeriesId, Resolution, BucketStartMs) DO UPDATE SET
                Count = Count + excluded.Count, Sum = Sum + excluded.Sum,
                Min = min(Min, excluded.Min), Max = max(Max, excluded.Max),
                Last = CASE WHEN excluded.LastTimestampMs >= LastTimestampMs THEN excluded.Last ELSE Last END,
                LastTimestampMs = max(LastTimestampMs, excluded.LastTimestampMs)
            """, "$s", "$r", "$b", "$c", "$sum", "$min", "$max", "$last", "$lt");

        public async Task<bool> InsertPointAsync(long seriesId, PendingPoint point, CancellationToken cancellationToken)
        {
            insertPoint.Parameters[0].Value = seriesId;
            insertPoint.Parameters[1].Value = point.TimestampMs;
            insertPoint.Parameters[2].Value = point.Value;
            return await insertPoint.ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        public Task<int> UpsertRollupAsync(MetricRollup r, CancellationToken cancellationToken)
        {
            object[] values = [r.SeriesId, (int)r.Resolution, r.BucketStartMs, r.Count, r.Sum, r.Min, r.Max, r.Last, r.LastTimestampMs];
            for (var i = 0; i < values.Length; i++)
            {
                upsertRollup.Parameters[i].Value = values[i];
            }

            return upsertRollup.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<long> LastIdAsync(CancellationToken cancellationToken)
        {
            await using var command = Command(LastIdSql);
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        public async Task<bool> BatchExistsAsync(PendingBatch batch, CancellationToken cancellationToken)
        {
            await using var command = Command("SELECT 1 FROM IngestionBatches WHERE ClientId = $c AND IdempotencyKey = $k", ("$c", batch.ClientId), ("$k", batch.IdempotencyKey));
            return await command.ExecuteScalarAsync(cancellationToken) is not null;
        }

        public async Task InsertBatchAsync(PendingBatch batch, int accepted, DateTime receivedAtUtc, CancellationToken cancellationToken)
        {
            await using var command = Command(
                "INSERT INTO IngestionBatches (ClientId, IdempotencyKey, Accepted, ReceivedAtUtc) VALUES ($c, $k, $a, $at)",
                ("$c", batch.ClientId), ("$k", batch.IdempotencyKey), ("$a", accepted), ("$at", receivedAtUtc));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<long?> FindSeriesAsync(int? modelId, int environmentId, string metric, CancellationToken cancellationToken)
        {
            await using var command = Command(
                "SELECT Id FROM MetricSeries WHERE ModelId IS $m AND EnvironmentId = $e AND MetricName = $n",
                ("$m", modelId), ("$e", environmentId), ("$n", metric));
            return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
        }

        public async Task<long> InsertSeriesAsync(int? modelId, int environmentId, string metric, CancellationToken cancellationToken)
        {
            await using var command = Command(
                "INSERT INTO MetricSeries (ModelId, EnvironmentId, MetricName) VALUES ($m, $e, $n) RETURNING Id",
                ("$m", modelId), ("$e", environmentId), ("$n", metric));
            return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        public async ValueTask DisposeAsync()
        {
            await insertPoint.DisposeAsync();
            await upsertRollup.DisposeAsync();
        }

        private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value ?? DBNull.Value);
            }

            return command;
        }

        private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter(name, null));
            }

            command.Prepare();
            return command;
        }
    }
}
