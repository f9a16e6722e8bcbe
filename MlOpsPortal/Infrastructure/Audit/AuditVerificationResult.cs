namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>Outcome of <see cref="AuditLog.VerifyAsync"/>.</summary>
/// <param name="EventCount">Rows read, including any after the first problem.</param>
/// <param name="HeadSequence">Highest sequence in the table (0 when empty).</param>
/// <param name="HeadHash">Stored hash of that event (<see cref="AuditHasher.GenesisHash"/> when empty).</param>
/// <param name="FirstBrokenSequence">Sequence of the first event that is changed, missing, out of place or
/// inserted; null when valid.</param>
/// <param name="Problem">Human-readable description of the first problem; null when valid.</param>
public sealed record AuditVerificationResult(
    DateTime VerifiedAtUtc,
    bool IsValid,
    long EventCount,
    long HeadSequence,
    string HeadHash,
    long? FirstBrokenSequence,
    string? Problem);
