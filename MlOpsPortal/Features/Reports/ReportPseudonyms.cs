using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using MlOpsPortal.Infrastructure.Audit;

namespace MlOpsPortal.Features.Reports;

/// <summary>
/// Stable stand-ins for people in the usage report: "Person " and the first 6 hex characters of HMAC-SHA256 of their id.
/// The HMAC key is derived from the audit chain key (<see cref="AuditChainKey.DeriveKey"/>) rather than a fixed label:
/// it is stable per installation, so the same person has the same pseudonym in every report, and it is kept outside the
/// database, so whoever holds the database and a list of person ids still cannot recompute the pseudonyms and unmask
/// them. Only <see cref="ReportNameReveal"/> maps them back, by computing the pseudonyms of known people. Rotating the
/// chain key changes every pseudonym from then on; archived reports keep the old ones and can no longer be revealed.
/// Six hex characters can collide among thousands of people; the reveal names everyone who shares one.
/// </summary>
public sealed partial class ReportPseudonyms(AuditChainKey chainKey)
{
    private const string Prefix = "Person ";

    private readonly byte[] key = chainKey.DeriveKey("MlOpsPortal report pseudonyms v1");

    public string Of(string personId)
    {
        ArgumentException.ThrowIfNullOrEmpty(personId);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(personId)))[..6];
    }

    public static bool IsPseudonym(string? text) => text is not null && Shape().IsMatch(text);

    [GeneratedRegex("^Person [0-9a-f]{6}$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
