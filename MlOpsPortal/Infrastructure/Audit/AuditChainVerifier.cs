using System.Globalization;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// Checks events fed to it in ascending Sequence order, one at a time, so a chain of any length is verified
/// in constant memory. Only the first problem is reported; later events are still counted so the result
/// shows the real size and head of the table. Heads recorded earlier, in the database (the last valid
/// verification) and outside it (the anchor file), must still be in the chain with the same hash.
/// </summary>
internal sealed class AuditChainVerifier
{
    private readonly AuditChainKey _key;
    private readonly List<KnownHead> _knownHeads;
    private int _nextKnownHead;
    private long _count;
    private long _headSequence;
    private string _headHash = AuditHasher.GenesisHash;
    private long? _firstBroken;
    private string? _problem;

    public AuditChainVerifier(AuditChainKey key, AuditVerification? checkpoint, AuditAnchorEntry? anchor)
    {
        ArgumentNullException.ThrowIfNull(key);
        _key = key;
        var heads = new List<KnownHead>();
        if (checkpoint is { IsValid: true, HeadSequence: > 0 })
        {
            heads.Add(new KnownHead(checkpoint.HeadSequence, checkpoint.HeadHash,
                $"was verified at {FormatTime(checkpoint.VerifiedAtUtc)}", "(history rewritten after that verification)"));
        }

        if (anchor is { Sequence: > 0 })
        {
            heads.Add(new KnownHead(anchor.Sequence, anchor.Hash,
                $"was {anchor.Source} at {FormatTime(anchor.AtUtc)}, as the anchor file outside the database records",
                "(history rewritten after it was anchored)"));
        }

        // OrderBy is stable: on equal sequences the database checkpoint is checked (and named) first.
        _knownHeads = [.. heads.OrderBy(h => h.Sequence)];
    }

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
        else if (!string.Equals(_key.ComputeHash(auditEvent), auditEvent.Hash, StringComparison.Ordinal))
        {
            Fail(sequence, $"Event {Format(sequence)}: content does not match its hash (changed after it was written)");
        }
        else
        {
            CheckKnownHeads(auditEvent);
        }
    }

    public AuditVerificationResult Complete(DateTime verifiedAtUtc)
    {
        // The highest recorded head beyond the end; on a tie the database checkpoint, which sorts first.
        var missing = _knownHeads.Where(h => h.Sequence > _headSequence).MaxBy(h => h.Sequence);
        if (_problem is null && missing is not null)
        {
            var end = _count == 0 ? "Chain is empty" : $"Chain ends at event {Format(_headSequence)}";
            Fail(_headSequence + 1, $"{end}, but event {Format(missing.Sequence)} {missing.Description} (events deleted from the end)");
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

    // A chain that is consistent in itself but differs at a recorded head was recomputed from some earlier event
    // onwards: only a head recorded before the rewrite reveals that.
    private void CheckKnownHeads(AuditEvent auditEvent)
    {
        while (_nextKnownHead < _knownHeads.Count && _knownHeads[_nextKnownHead].Sequence <= auditEvent.Sequence)
        {
            var known = _knownHeads[_nextKnownHead++];
            if (known.Sequence == auditEvent.Sequence && !string.Equals(auditEvent.Hash, known.Hash, StringComparison.Ordinal))
            {
                Fail(auditEvent.Sequence,
                    $"Event {Format(auditEvent.Sequence)}: hash differs from the one that {known.Description} {known.Consequence}");
                return;
            }
        }
    }

    private void Fail(long sequence, string problem)
    {
        _firstBroken = sequence;
        _problem = problem;
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string FormatTime(DateTime value) =>
        AuditHasher.NormalizeUtc(value).ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private sealed record KnownHead(long Sequence, string Hash, string Description, string Consequence);
}
