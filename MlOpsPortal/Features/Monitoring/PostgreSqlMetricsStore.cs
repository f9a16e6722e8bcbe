using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Data;
using Npgsql;
using NpgsqlTypes;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// PostgreSQL: the group's points reach a temporary table by binary COPY, one insert keeps the first point per series
/// and timestamp (a point already stored is ignored, first write wins, as on SQLite) and returns what it stored; those
/// points fold into the rollups through the same <see cref="RollupBuckets"/> as on SQLite, upserted in one statement.
/// Idempotency keys are claimed with the unique index, so a racing instance with the same key waits and then sees a
/// duplicate. One transaction per group.
/// The point log for the cross-instance feed is the generated "Id" column. Ids come from a sequence when a row is
/// inserted, not when it commits, so two writers' transactions could become visible out of id order: a poller that read
/// past the later one's ids would never go back for the earlier one's. So every group commit (on every instance) first
/// takes one transaction-level advisory lock: point writes are serialised, and the lock is released only at the end of
/// the commit, after the rows are visible, so the next writer's ids are all larger than every id visible before it.
/// Ids then grow in commit order, and "newer than the mark" never skips a point; a rolled-back group leaves only a gap.
/// </summary>
internal sealed class PostgreSqlMetricsStore(IDbContextFactory<PortalDbContext> dbFactory, LocalIdRanges localIds, TimeProvider clock) : IMetricsStore, IPointLog
{
    /// <summary>An arbitrary key that names the point writers' lock (pg_advisory_xact_lock takes a bigint).</summary>
    private const long PointWritersLock = 0x4d6c4f7073_5074; // "MlOps" "Pt"

    private const string StorePoints = """
        INSERT INTO "MetricPoints" ("SeriesId", "TimestampMs", "Value")
        SELECT DISTINCT ON ("SeriesId", "TimestampMs") "SeriesId", "TimestampMs", "Value" FROM pending_points ORDER BY "SeriesId", "TimestampMs", "Batch"
        ON CONFLICT DO NOTHING
        RETURNING "SeriesId", "TimestampMs", "Value", "Id"
        """;

    private const string LastIdSql = """SELECT coalesce(max("Id"), 0) FROM "MetricPoints" """;

    private const string ReadAfterSql = """
        SELECT p."Id", m."Key", e."Key", s."MetricName", p."TimestampMs", p."Value"
        FROM "MetricPoints" p
        JOIN "MetricSeries" s ON s."Id" = p."SeriesId"
        JOIN "Environments" e ON e."Id" = s."EnvironmentId"
        LEFT JOIN "Models" m ON m."Id" = s."ModelId"
        WHERE p."Id" > @after
        ORDER BY p."Id"
        LIMIT @limit
        """;

    private const string UpsertRollups = """
        INSERT INTO "MetricRollups" ("SeriesId", "Resolution", "BucketStartMs", "Count", "Sum", "Min", "Max", "Last", "LastTimestampMs")
        SELECT * FROM unnest(@s, @r, @b, @c, @sum, @min, @max, @last, @lt)
        ON CONFLICT ("SeriesId", "Resolution", "BucketStartMs") DO UPDATE SET
            "Count" = "MetricRollups"."Count" + excluded."Count", "Sum" = "MetricRollups"."Sum" + excluded."Sum",
            "Min" = least("MetricRollups"."Min", excluded."Min"), "Max" = greatest("MetricRollups"."Max", excluded."Max"),
            "Last" = CASE WHEN excluded."LastTimestampMs" >= "MetricRollups"."LastTimestampMs" THEN excluded."Last" ELSE "MetricRollups"."Last" END,
            "LastTimestampMs" = greatest("MetricRollups"."LastTimestampMs", excluded."LastTimestampMs")
        """;

    private readonly Dictionary<(int? Model, int Environment, string Metric), long> seriesIds = [];
    private string? connectionString;

    public async Task<IReadOnlyList<WriteOutcome>> WriteGroupAsync(IReadOnlyList<PendingBatch> group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync(cancellationToken));
        await connection.OpenAsync(cancellationToken);
        var created = new List<(int?, int, string)>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        (long After, long Last)? local = null;
        try
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(@lock)", cancellationToken, ("lock", PointWritersLock));
            var duplicate = new bool[group.Count];
            // The batch that first carried each (series, timestamp): the one its stored point is counted for.
            var firstBatch = new Dictionary<(long Series, long Timestamp), int>();
            var rows = new List<(int Batch, long Series, long Timestamp, double Value)>();
            for (var i = 0; i < group.Count; i++)
            {
                var batch = group[i];
                if (batch.IdempotencyKey is not null && (duplicate[i] = !await ClaimKeyAsync(connection, batch, cancellationToken)))
                {
                    continue;
                }

                foreach (var point in batch.Points)
                {
                    var series = await SeriesIdAsync(connection, batch, point.Metric, created, cancellationToken);
                    firstBatch.TryAdd((series, point.TimestampMs), i);
                    rows.Add((i, series, point.TimestampMs, point.Value));
                }
            }

            await CopyAsync(connection, rows, cancellationToken);
            var accepted = new int[group.Count];
            var rollups = new RollupBuckets();
            var (firstId, lastId) = (long.MaxValue, 0L);
            await using (var store = new NpgsqlCommand(StorePoints, connection))
            await using (var reader = await store.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var (series, timestamp, value) = (reader.GetInt64(0), reader.GetInt64(1), reader.GetDouble(2));
                    accepted[firstBatch[(series, timestamp)]]++;
                    rollups.Add(series, timestamp, value);
                    (firstId, lastId) = (Math.Min(firstId, reader.GetInt64(3)), Math.Max(lastId, reader.GetInt64(3)));
                }
            }

            if (lastId > 0)
            {
                // Noted before the commit makes the points visible, so this instance's poller never takes them for
                // another's; under the lock no other writer's id falls inside the range.
                local = (firstId - 1, lastId);
                localIds.Add(firstId - 1, lastId);
            }

            await UpsertRollupsAsync(connection, [.. rollups.All], cancellationToken);
            for (var i = 0; i < group.Count; i++)
            {
                if (group[i].IdempotencyKey is not null && !duplicate[i])
                {
                    await ExecuteAsync(connection, """UPDATE "IngestionBatches" SET "Accepted" = @a WHERE "ClientId" = @c AND "IdempotencyKey" = @k""",
                        cancellationToken, ("a", accepted[i]), ("c", group[i].ClientId), ("k", group[i].IdempotencyKey));
                }
            }

            await transaction.CommitAsync(cancellationToken);
            return [.. Enumerable.Range(0, group.Count).Select(i => new WriteOutcome(duplicate[i] ? 0 : accepted[i], duplicate[i]))];
        }
        catch
        {
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
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync(cancellationToken));
        await connection.OpenAsync(cancellationToken);
        return await ScalarAsync(connection, LastIdSql, [], cancellationToken) ?? 0;
    }

    public async Task<PointLogPage> ReadAfterAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync(cancellationToken));
        await connection.OpenAsync(cancellationToken);
        await using var command = Command(connection, ReadAfterSql, [("after", afterId), ("limit", limit)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await localIds.ReadPageAsync(reader, afterId, limit, cancellationToken);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, List<(int Batch, long Series, long Timestamp, double Value)> rows, CancellationToken cancellationToken)
    {
        await ExecuteAsync(connection, """
            CREATE TEMPORARY TABLE pending_points ("Batch" integer, "SeriesId" bigint, "TimestampMs" bigint, "Value" double precision) ON COMMIT DROP
            """, cancellationToken);
        await using var import = await connection.BeginBinaryImportAsync("""COPY pending_points ("Batch", "SeriesId", "TimestampMs", "Value") FROM STDIN (FORMAT BINARY)""", cancellationToken);
        foreach (var (batch, series, timestamp, value) in rows)
        {
            await import.StartRowAsync(cancellationToken);
            await import.WriteAsync(batch, NpgsqlDbType.Integer, cancellationToken);
            await import.WriteAsync(series, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(timestamp, NpgsqlDbType.Bigint, cancellationToken);
            await import.WriteAsync(value, NpgsqlDbType.Double, cancellationToken);
        }

        await import.CompleteAsync(cancellationToken);
    }

    private static Task<int> UpsertRollupsAsync(NpgsqlConnection connection, List<MetricRollup> rollups, CancellationToken cancellationToken) =>
        rollups.Count == 0
            ? Task.FromResult(0)
            : ExecuteAsync(connection, UpsertRollups, cancellationToken,
                ("s", rollups.Select(r => r.SeriesId).ToArray()), ("r", rollups.Select(r => (int)r.Resolution).ToArray()),
                ("b", rollups.Select(r => r.BucketStartMs).ToArray()), ("c", rollups.Select(r => r.Count).ToArray()),
                ("sum", rollups.Select(r => r.Sum).ToArray()), ("min", rollups.Select(r => r.Min).ToArray()),
                ("max", rollups.Select(r => r.Max).ToArray()), ("last", rollups.Select(r => r.Last).ToArray()),
                ("lt", rollups.Select(r => r.LastTimestampMs).ToArray()));

    /// <summary>False when the key was used before; a racing claim of the same key waits on the unique index.</summary>
    private async Task<bool> ClaimKeyAsync(NpgsqlConnection connection, PendingBatch batch, CancellationToken cancellationToken) =>
        await ExecuteAsync(connection, """
            INSERT INTO "IngestionBatches" ("ClientId", "IdempotencyKey", "Accepted", "ReceivedAtUtc") VALUES (@c, @k, 0, @at)
            ON CONFLICT ("ClientId", "IdempotencyKey") DO NOTHING
            """, cancellationToken, ("c", batch.ClientId), ("k", batch.IdempotencyKey), ("at", clock.GetUtcNow().UtcDateTime)) == 1;

    private async Task<long> SeriesIdAsync(NpgsqlConnection connection, PendingBatch batch, string metric, List<(int?, int, string)> created, CancellationToken cancellationToken)
    {
        var key = (batch.ModelId, batch.EnvironmentId, metric);
        if (!seriesIds.TryGetValue(key, out var id))
        {
            (string, object?)[] parameters = [("m", batch.ModelId), ("e", batch.EnvironmentId), ("n", metric)];
            id = await ScalarAsync(connection, """SELECT "Id" FROM "MetricSeries" WHERE "ModelId" IS NOT DISTINCT FROM @m AND "EnvironmentId" = @e AND "MetricName" = @n""", parameters, cancellationToken)
                ?? (await ScalarAsync(connection, """INSERT INTO "MetricSeries" ("ModelId", "EnvironmentId", "MetricName") VALUES (@m, @e, @n) RETURNING "Id" """, parameters, cancellationToken))!.Value;
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

    private static async Task<long?> ScalarAsync(NpgsqlConnection connection, string sql, (string Name, object? Value)[] parameters, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken) is long id ? id : null;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, (string Name, object? Value)[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(value is null ? new NpgsqlParameter(name, NpgsqlDbType.Integer) { Value = DBNull.Value } : new NpgsqlParameter(name, value));
        }

        return command;
    }
}
