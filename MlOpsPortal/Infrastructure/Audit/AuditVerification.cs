namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// The stored outcome of one chain verification. A valid row is also a checkpoint: later verifications
/// require the chain to still contain its head with the same hash, which is how a truncated tail or a
/// recomputed history is noticed.
/// </summary>
public sealed class AuditVerification
{
    public const int MaxProblemLength = 1024;

    public long Id { get; private set; }

    public DateTime VerifiedAtUtc { get; init; }

    public bool IsValid { get; init; }

    public long EventCount { get; init; }

    public long HeadSequence { get; init; }

    public string HeadHash { get; init; } = AuditHasher.GenesisHash;

    public long? FirstBrokenSequence { get; init; }

    public string? Problem { get; init; }

    public static AuditVerification FromResult(AuditVerificationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new AuditVerification
        {
            VerifiedAtUtc = result.VerifiedAtUtc,
            IsValid = result.IsValid,
            EventCount = result.EventCount,
            HeadSequence = result.HeadSequence,
            HeadHash = result.HeadHash,
            FirstBrokenSequence = result.FirstBrokenSequence,
            Problem = result.Problem is { Length: > MaxProblemLength } problem ? problem[..MaxProblemLength] : result.Problem,
        };
    }
}
