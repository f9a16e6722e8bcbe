namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// What work inside a transaction (<see cref="UnitOfWork"/>) must not do: open a second database context, or wait for a
/// service outside the database (Microsoft Graph, webhooks, mail). Whatever the transaction waits for, every request
/// that needs its rows waits for too (on SQLite every writer, and from its first audited save the audit chain's lock);
/// and a second context takes a second pooled connection, which racing requests can leave it waiting for until the
/// pool's timeout (50 approvals raced across two instances stalled 30 s). In Development, where every test runs,
/// breaking the rule throws; elsewhere it is a warning with the caller's stack and the work goes on.
/// </summary>
public sealed partial class TransactionRule(IHostEnvironment environment, ILogger<TransactionRule> logger)
{
    /// <summary>Refuses <paramref name="what"/> ("A second database context was opened") when it happens inside a transaction.</summary>
    public void Refuse(string what)
    {
        if (UnitOfWork.OpenTransaction is null)
        {
            return;
        }

        var mistake = $"{what} inside a database transaction. Read and write on the transaction's own context, and call "
            + "services outside the database before the transaction begins or after it ends.";
        if (environment.IsDevelopment())
        {
            throw new InvalidOperationException(mistake);
        }

        LogBroken(logger, mistake, Environment.StackTrace);
    }

    [LoggerMessage(EventId = 9020, Level = LogLevel.Warning, Message = "{Mistake} At: {StackTrace}")]
    private static partial void LogBroken(ILogger logger, string mistake, string stackTrace);
}
