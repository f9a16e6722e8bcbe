using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Verifies the audit chain and records the outcome. Each run adds one <see cref="AuditVerification"/> row,
/// so running it again (or concurrently) only adds another record.
/// </summary>
public sealed partial class VerifyAuditChainJob(
    AuditLog auditLog,
    IDbContextFactory<PortalDbContext> contextFactory,
    ILogger<VerifyAuditChainJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var result = await auditLog.VerifyAsync(cancellationToken);

        // The verification is a record about the log, not an event in it: appending it to the chain would
        // change the head it has just certified.
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            db.AuditVerifications.Add(AuditVerification.FromResult(result));
            await db.SaveChangesAsync(cancellationToken);
        }

        if (result.IsValid)
        {
            LogVerified(logger, result.EventCount, result.HeadSequence, result.HeadHash);
        }
        else
        {
            LogBroken(logger, result.FirstBrokenSequence, result.Problem, result.EventCount, result.HeadSequence);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit chain verified: {EventCount} events, head {HeadSequence} {HeadHash}")]
    private static partial void LogVerified(ILogger logger, long eventCount, long headSequence, string headHash);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Audit chain verification failed at event {FirstBrokenSequence}: {Problem} ({EventCount} events, head {HeadSequence})")]
    private static partial void LogBroken(ILogger logger, long? firstBrokenSequence, string? problem, long eventCount, long headSequence);
}
