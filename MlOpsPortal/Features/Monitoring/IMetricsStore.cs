namespace MlOpsPortal.Features.Monitoring;

/// <summary>Provider-specific bulk storage of points and their rollups (prepared SQLite commands, SqlBulkCopy on SQL Server, binary COPY on PostgreSQL).</summary>
public interface IMetricsStore
{
    /// <summary>Stores every batch of the group in one transaction and answers per batch, in order.</summary>
    Task<IReadOnlyList<WriteOutcome>> WriteGroupAsync(IReadOnlyList<PendingBatch> group, CancellationToken cancellationToken);
}
