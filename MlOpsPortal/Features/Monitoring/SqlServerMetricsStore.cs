using System.Data;
using Microsoft.Data.SqlClient;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// SQL Server: the group's points go to a temporary table with SqlBulkCopy, then one set-based insert skips points
/// already stored and one MERGE folds the new points into the rollups — a handful of round trips per group commit.
/// The point log for the cross-instance feed is the identity column "Id", kept in commit order as on PostgreSQL: an
/// identity value is taken when a row is inserted, not when it commits, so every group commit (on every instance) first
/// takes one exclusive application lock owned by its transaction (<c>sp_getapplock</c>), released only once the
/// commit has made its rows visible; the next writer's ids are then all larger than every id visible before it.
/// Not exercised by the test suite (no SQL Server here); it follows the PostgreSQL store statement by statement.
/// </summary>
internal sealed class SqlServerMetricsStore(IDbContextFactory<PortalDbContext> dbFactory, LocalIdRanges localIds, TimeProvider clock) : IMetricsStore, IPointLog
{
    private const string TakePointWritersLock = """
        DECLARE @granted int;
        EXEC @granted = sp_getapplock @Resource = N'MlOpsPortal.PointWriters', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = -1;
        IF @granted < 0 THROW 50001, 'The point writers'' lock (sp_getapplock MlOpsPortal.PointWriters) was not granted.', 1;
        """;

    private const string LastIdSql = "SELECT COALESCE(MAX(Id), 0) FROM MetricPoints";

    private const string ReadAfterSql = """
        SELECT TOP (@limit) p.Id, m.[Key], e.[Key], s.MetricName, p.TimestampMs, p.Value
        FROM MetricPoints p
        JOIN MetricSeries s ON s.Id = p.SeriesId
        JOIN Environments e ON e.Id = s.EnvironmentId
        LEFT JOIN Models m ON m.Id = s.ModelId
        WHERE p.Id > @after
        ORDER BY p.Id
        """;

    private const string ClaimBatchKey = """
        IF EXISTS (SELECT 1 FROM IngestionBatches WITH (UPDLOCK, HOLDLOCK) WHERE ClientId = @c AND IdempotencyKey = @k) SELECT 1
        ELSE BEGIN INSERT INTO IngestionBatches (ClientId, IdempotencyKey, Accepted, ReceivedAtUtc) VALUES (@c, @k, 0, @at); SELECT 0 END
        """;

    private const string FindOrAddSeries = """
        -- Not IS NOT DISTINCT FROM: SQL Server 2019 does not know it (SqlServerSyntaxTests).
        DECLARE @id bigint = (
            SELECT Id FROM MetricSeries WITH (UPDLOCK, HOLDLOCK)
            WHERE (ModelId = @m OR (ModelId IS NULL AND @m IS NULL)) AND EnvironmentId = @e AND MetricName = @n);
        IF @id IS NULL BEGIN INSERT INTO MetricSeries (ModelId, EnvironmentId, MetricName) VALUES (@m, @e, @n); SET @id = SCOPE_IDENTITY(); END
        SELECT @id;
        """;

    private const string RecordAccepted = "UPDATE IngestionBatches SET Accepted = @a WHERE ClientId = @c AND IdempotencyKey = @k";

    private const string Staging = """
        CREATE TABLE #Points (Batch int NOT NULL, SeriesId bigint NOT NULL, TimestampMs bigint NOT NULL, Value float NOT NULL);
        """;

    private const string StorePoints = """
        DECLARE @Inserted TABLE (SeriesId bigint, TimestampMs bigint, Value float, Id bigint);
        WITH Firsts AS (
            SELECT Batch, SeriesId, TimestampMs, Value, ROW_NUMBER() OVER (PARTITION BY SeriesId, TimestampMs ORDER BY Batch) AS N FROM #Points)
        INSERT INTO MetricPoints (SeriesId, TimestampMs, Value)
        OUTPUT inserted.SeriesId, inserted.TimestampMs, inserted.Value, inserted.Id INTO @Inserted
        SELECT f.SeriesId, f.TimestampMs, f.Value FROM Firsts f
        WHERE f.N = 1 AND NOT EXISTS (SELECT 1 FROM MetricPoints p WITH (UPDLOCK, HOLDLOCK) WHERE p.SeriesId = f.SeriesId AND p.TimestampMs = f.TimestampMs);

        MERGE MetricRollups WITH (HOLDLOCK) AS r
        USING (
            SELECT SeriesId, Resolution, BucketStartMs, COUNT(*) AS [Count], SUM(Value) AS [Sum], MIN(Value) AS [Min], MAX(Value) AS [Max],
                   MAX(TimestampMs) AS LastTimestampMs,
                   MAX(CASE WHEN RowDesc = 1 THEN Value END) AS [Last]
            FROM (
                SELECT i.SeriesId, b.Resolution, i.TimestampMs - (i.TimestampMs % b.Size) AS BucketStartMs, i.TimestampMs, i.Value,
                       ROW_NUMBER() OVER (PARTITION BY i.SeriesId, b.Resolution, i.TimestampMs - (i.TimestampMs % b.Size) ORDER BY i.TimestampMs DESC) AS RowDesc
                FROM @Inserted i CROSS JOIN (VALUES (1, 60000), (2, 3600000), (3, 86400000)) AS b(Resolution, Size)) AS x
            GROUP BY SeriesId, Resolution, BucketStartMs) AS n
        ON r.SeriesId = n.SeriesId AND r.Resolution = n.Resolution AND r.BucketStartMs = n.BucketStartMs
        WHEN MATCHED THEN UPDATE SET
            [Count] = r.[Count] + n.[Count], [Sum] = r.[Sum] + n.[Sum],
            [Min] = CASE WHEN n.[Min] < r.[Min] THEN n.[Min] ELSE r.[Min] END,
            [Max] = CASE WHEN n.[Max] > r.[Max] THEN n.[Max] ELSE r.[Max] END,
            [Last] = CASE WHEN n.LastTimestampMs >= r.LastTimestampMs THEN n.[Last] ELSE r.[Last] END,
            LastTimestampMs = CASE WHEN n.LastTimestampMs > r.LastTimestampMs THEN n.LastTimestampMs ELSE r.LastTimestampMs END
        WHEN NOT MATCHED THEN INSERT (SeriesId, Resolution, BucketStartMs, [Count], [Sum], [Min], [Max], [Last], LastTimestampMs)
            VALUES (n.SeriesId, n.Resolution, n.BucketStartMs, n.[Count], n.[Sum], n.[Min], n.[Max], n.[Last], n.LastTimestampMs);

        SELECT p.Batch, COUNT(*) FROM #Points p JOIN @Inserted i ON i.SeriesId = p.SeriesId AND i.TimestampMs = p.TimestampMs AND i.Value = p.Value
        GROUP BY p.Batch;

        SELECT MIN(Id), MAX(Id) FROM @Inserted;
        """;

    private string? connectionString;

    public async Task<IReadOnlyList<WriteOutcome>> WriteGroupAsync(IReadOnlyList<PendingBatch> group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = (SqlTransaction)await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
        (long After, long Last)? local = null;
        try
        {
            await ExecuteAsync(connection, transaction, TakePointWritersLock, cancellationToken);
            await ExecuteAsync(connection, transaction, Staging, cancellationToken);
            var duplicate = new bool[group.Count];
            using var rows = new DataTable();
            rows.Columns.Add("Batch", typeof(int));
            rows.Columns.Add("SeriesId", typeof(long));
            rows.Columns.Add("TimestampMs", typeof(long));
            rows.Columns.Add("Value", typeof(double));
            for (var i = 0; i < group.Count; i++)
            {
                var batch = group[i];
                if (batch.IdempotencyKey is not null && (duplicate[i] = await BatchExistsOrClaimAsync(connection, transaction, batch, cancellationToken)))
                {
                    continue;
                }

                foreach (var point in batch.Points)
                {
                    rows.Rows.Add(i, await SeriesIdAsync(connection, transaction, batch, point.Metric, cancellationToken), point.TimestampMs, point.Value);
                }
            }

            using (var bulk = new SqlBulkCopy(connection, SqlBulkCopyOptions.Default, transaction) { DestinationTableName = "#Points", BatchSize = 10_000 })
            {
                await bulk.WriteToServerAsync(rows, cancellationToken);
            }

            var accepted = new int[group.Count];
            await using (var store = new SqlCommand(StorePoints, connection, transaction))
            await using (var reader = await store.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    accepted[reader.GetInt32(0)] = reader.GetInt32(1);
                }

                await reader.NextResultAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken) && !reader.IsDBNull(0))
                {
                    // Noted before the commit makes the points visible, so this instance's poller never takes them for
                    // another's; under the lock no other writer's id falls inside the range.
                    local = (reader.GetInt64(0) - 1, reader.GetInt64(1));
                    localIds.Add(local.Value.After, local.Value.Last);
                }
            }

            for (var i = 0; i < group.Count; i++)
            {
                if (group[i].IdempotencyKey is not null && !duplicate[i])
                {
                    await using var update = new SqlCommand(RecordAccepted, connection, transaction);
                    update.Parameters.AddWithValue("@a", accepted[i]);
                    update.Parameters.AddWithValue("@c", group[i].ClientId);
                    update.Parameters.AddWithValue("@k", group[i].IdempotencyKey);
                    await update.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return [.. Enumerable.Range(0, group.Count).Select(i => duplicate[i] ? new WriteOutcome(0, true) : new WriteOutcome(accepted[i], false))];
        }
        catch
        {
            if (local is { } range)
            {
                localIds.Remove(range.After, range.Last);
            }

            throw;
        }
    }

    public async Task<long> LastIdAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqlCommand(LastIdSql, connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<PointLogPage> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var command = new SqlCommand(ReadAfterSql, connection);
        command.Parameters.AddWithValue("@after", afterId);
        command.Parameters.AddWithValue("@limit", limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await localIds.ReadPageAsync(reader, afterId, limit, cancellationToken);
    }

    private async Task<SqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (connectionString is null)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            connectionString = db.Database.GetConnectionString()!;
        }

        var connection = new SqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>True when the key was used before; otherwise claims it (the unique index stops a racing instance).</summary>
    private async Task<bool> BatchExistsOrClaimAsync(SqlConnection connection, SqlTransaction transaction, PendingBatch batch, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(ClaimBatchKey, connection, transaction);
        command.Parameters.AddWithValue("@c", batch.ClientId);
        command.Parameters.AddWithValue("@k", batch.IdempotencyKey);
        command.Parameters.AddWithValue("@at", clock.GetUtcNow().UtcDateTime);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))! == 1;
    }

    private static async Task<long> SeriesIdAsync(SqlConnection connection, SqlTransaction transaction, PendingBatch batch, string metric, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(FindOrAddSeries, connection, transaction);
        command.Parameters.AddWithValue("@m", (object?)batch.ModelId ?? DBNull.Value);
        command.Parameters.AddWithValue("@e", batch.EnvironmentId);
        command.Parameters.AddWithValue("@n", metric);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(SqlConnection connection, SqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new SqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
