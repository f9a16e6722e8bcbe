using System.Globalization;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Checks events fed to it in ascending Sequence order, one at a time, so a chain of any length is verified
/// in constant memory. Only the first problem is reported; later events are still counted so the result
/// shows the real size and head of the table.
/// </summary>
internal sealed class AuditChainVerifier(AuditVerification? checkpoint)
{
    private readonly AuditVerification? _checkpoint = checkpoint is { IsValid: true, HeadSequence: > 0 } ? checkpoint : null;
    private long _count;
    private long _headSequence;
    private string _headHash = AuditHasher.GenesisHash;
    private long? _firstBroken;
    private string? _problem;

    public void Add(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);

        var expectedSequence = _headSequence + 1;
        var expectedPreviousHash = _headHash;
        _count++;
        _headSequence = auditEvent.Sequence;
        _headHash = auditEvent.Hash;

        if (_problem is not null)
        {
            return;
        }

        var sequence = auditEvent.Sequence;
        if (sequence > expectedSequence)
        {
            var missing = sequence - expectedSequence == 1
                ? $"event {Format(expectedSequence)} is missing"
                : $"events {Format(expectedSequence)} to {Format(sequence - 1)} are missing";
            Fail(expectedSequence, expectedSequence == 1
                ? $"Sequence starts at {Format(sequence)}: {missing} (deleted)"
                : $"Sequence gap after {Format(expectedSequence - 1)}: {missing} (deleted)");
        }
        else if (sequence < expectedSequence)
        {
            // Only reachable when the unique index on Sequence was dropped as well.
            Fail(sequence, $"Event {Format(sequence)}: sequence number is used more than once (inserted)");
        }
        else if (!string.Equals(auditEvent.PreviousHash, expectedPreviousHash, StringComparison.Ordinal))
        {
            Fail(sequence, sequence == 1
                ? "Event 1: previous hash is not the genesis value (reordered or inserted)"
                : $"Event {Format(sequence)}: previous hash does not match event {Format(sequence - 1)} (reordered or inserted)");
        }
        else if (!string.Equals(AuditHasher.ComputeHash(auditEvent), auditEvent.Hash, StringComparison.Ordinal))
        {
            Fail(sequence, $"Event {Format(sequence)}: content does not match its hash (changed after it was written)");
        }
        else if (_checkpoint is not null
            && sequence == _checkpoint.HeadSequence
            && !string.Equals(auditEvent.Hash, _checkpoint.HeadHash, StringComparison.Ordinal))
        {
            // The chain is consistent in itself, so it was recomputed from some earlier event onwards: only the
            // recorded head of an earlier verification reveals that.
            Fail(sequence,
                $"Event {Format(sequence)}: hash differs from the one verified at {FormatTime(_checkpoint.VerifiedAtUtc)} " +
                "(history rewritten after that verification)");
        }
    }

    public AuditVerificationResult Complete(DateTime verifiedAtUtc)
    {
        if (_problem is null && _checkpoint is not null && _headSequence < _checkpoint.HeadSequence)
        {
            var end = _count == 0 ? "Chain is empty" : $"Chain ends at event {Format(_headSequence)}";
            Fail(_headSequence + 1,
                $"{end}, but event {Format(_checkpoint.HeadSequence)} was verified at {FormatTime(_checkpoint.VerifiedAtUtc)} " +
                "(events deleted from the end)");
        }

        return new AuditVerificationResult(
            AuditHasher.NormalizeUtc(verifiedAtUtc),
            _problem is null,
            _count,
            _headSequence,
            _headHash,
            _firstBroken,
            _problem);
    }

    private void Fail(long sequence, string problem)
    {
        _firstBroken = sequence;
        _problem = problem;
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FormatTime(DateTime value) =>
        AuditHasher.NormalizeUtc(value).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
