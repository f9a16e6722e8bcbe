using System.Security.Cryptography;
using System.Text;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>
/// The secret that keys the audit chain: each hash is an HMAC-SHA256, so someone who can edit the database
/// file but does not hold the key cannot produce a hash that verifies.
/// </summary>
public sealed class AuditChainKey
{
    public const int MinimumLength = 32;

    private readonly byte[] _key;

    public AuditChainKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length < MinimumLength)
        {
            throw new ArgumentException($"The audit chain key must be at least {MinimumLength} bytes.", nameof(key));
        }

        _key = (byte[])key.Clone();
    }

    /// <summary>Reads <c>Audit:ChainKey</c>; the message names the setting and how to make a value.</summary>
    public static AuditChainKey FromBase64(string? value)
    {
        const string Advice = "Set Audit:ChainKey to base64 of at least 32 random bytes (e.g. `openssl rand -base64 32`), " +
            "from an environment variable or a key vault, never from the database.";
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException($"Audit:ChainKey is not set. {Advice}");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(value.Trim());
        }
        catch (FormatException exception)
        {
            throw new InvalidOperationException($"Audit:ChainKey is not valid base64. {Advice}", exception);
        }

        return key.Length >= MinimumLength
            ? new AuditChainKey(key)
            : throw new InvalidOperationException($"Audit:ChainKey decodes to {key.Length} bytes, fewer than {MinimumLength}. {Advice}");
    }

    /// <summary>
    /// A key for another purpose of this installation (e.g. report pseudonyms), derived so it is as secret and as stable
    /// as the chain key without ever exposing it: HMAC-SHA256 of <paramref name="purpose"/> under the chain key.
    /// </summary>
    public byte[] DeriveKey(string purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(purpose);
        return HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(purpose));
    }

    public string ComputeHash(AuditEvent auditEvent) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(AuditHasher.CanonicalContent(auditEvent))));
}
