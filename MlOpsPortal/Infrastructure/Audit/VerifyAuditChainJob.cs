using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Checks the append-only triggers, verifies the audit chain and records the outcome. Each run adds one
/// <see cref="AuditVerification"/> row, so running it again (or concurrently) only adds another record; an
/// intact head is also appended to the anchor file outside the database.
/// </summary>
public sealed partial class VerifyAuditChainJob(
    AuditLog auditLog,
    AuditTriggerGuard triggerGuard,
    AuditAnchor anchor,
    IDbContextFactory<PortalDbContext> contextFactory,
    ILogger<VerifyAuditChainJob> logger)
{
    public const string RecurringId = "verify-audit-chain";

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var repaired = await triggerGuard.EnsureAsync(cancellationToken);
        await VerifyAsync(repaired, cancellationToken);
    }

    /// <summary>Verifies and records, counting <paramref name="repairedTriggers"/> (found by the caller) as tampering.</summary>
    public async Task<AuditVerificationResult> VerifyAsync(IReadOnlyList<string> repairedTriggers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(repairedTriggers);
        var chain = await auditLog.VerifyAsync(cancellationToken);
        var result = repairedTriggers.Count == 0 ? chain : chain with
        {
            IsValid = false,
            Problem = (chain.Problem is null ? string.Empty : chain.Problem + ". Also: ") +
                $"append-only triggers {string.Join(", ", repairedTriggers)} were missing or altered outside the portal; they have been recreated",
        };

        // The verification is a record about the log, not an event in it: appending it to the chain would
        // change the head it has just certified.
        await using (var db = await contextFactory.CreateDbContextAsync(cancellationToken))
        {
            db.AuditVerifications.Add(AuditVerification.FromResult(result));
            await db.SaveChangesAsync(cancellationToken);
        }

        // A chain that verifies, keyed hashes and all, is safe to anchor even when its triggers had been dropped.
        if (chain is { IsValid: true, HeadSequence: > 0 })
        {
            anchor.TryAppend(new AuditAnchorEntry(chain.HeadSequence, chain.HeadHash, chain.VerifiedAtUtc, AuditAnchor.Verified));
        }

        if (result.IsValid)
        {
            LogVerified(logger, result.EventCount, result.HeadSequence, result.HeadHash);
        }
        else
        {
            LogBroken(logger, result.FirstBrokenSequence, result.Problem, result.EventCount, result.HeadSequence);
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit chain verified: {EventCount} events, head {HeadSequence} {HeadHash}")]
    private static partial void LogVerified(ILogger logger, long eventCount, long headSequence, string headHash);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Audit chain verification failed at event {FirstBrokenSequence}: {Problem} ({EventCount} events, head {HeadSequence})")]
    private static partial void LogBroken(ILogger logger, long? firstBrokenSequence, string? problem, long eventCount, long headSequence);
}
