using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// WAL lets dashboards read while the writer commits; synchronous=FULL makes an acknowledged commit survive power loss.
/// Pragmas other than journal_mode are per connection, so they are set on every open. busy_timeout is how long a
/// writer waits (SQLite retrying the lock with back-off) for another to finish; past it the write fails as busy and
/// the API answers 503, so it is the bound a caller can wait, not an arbitrary 10 s.
/// </summary>
internal sealed class SqlitePragmaInterceptor(TimeSpan busyTimeout) : DbConnectionInterceptor
{
    /// <summary>The pragmas besides the busy timeout; with <see cref="DatabaseOptions.DefaultBusyTimeout"/> for callers without options.</summary>
    internal const string Pragmas =
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

    public SqlitePragmaInterceptor()
        : this(DatabaseOptions.DefaultBusyTimeout)
    {
    }

    /// <summary>Every pragma of a portal connection, for code that opens its own (the metrics store).</summary>
    internal string Statements { get; } = Pragmas.Replace("busy_timeout=5000",
        "busy_timeout=" + ((long)busyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Statements;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(
        DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Statements;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
