namespace MlOpsPortal.Infrastructure.Auth;

public enum ApiKeyStatus
{
    Active,
    Expired,
    Revoked,
}

/// <summary>What an administrator asks for. The key stops working at the end of <see cref="ExpiresOn"/> (UTC).</summary>
public sealed record ApiKeyInput(string? Name, IReadOnlyList<string>? Scopes, DateOnly? ExpiresOn);

/// <summary>Everything about a key except its secret, which is never stored and so can never be shown again.</summary>
public sealed record ApiKeyView(
    int Id, string Name, string Prefix, IReadOnlyList<string> Scopes, string CreatedBy, DateTime CreatedAtUtc,
    DateTime ExpiresAtUtc, DateTime? LastUsedAtUtc, DateTime? RevokedAtUtc, string? RevokedBy, ApiKeyStatus Status);

/// <summary>The only moment the secret exists outside the caller's hands.</summary>
public sealed record CreatedApiKey(ApiKeyView Key, string Secret);

/// <summary>The outcome of presenting a key: who it is, or why it was refused (worded for the caller).</summary>
public sealed record ApiKeyAuthentication(string? ActorId, string? ActorName, IReadOnlyList<string> Scopes, string? Failure)
{
    public bool Succeeded => Failure is null;

    public static ApiKeyAuthentication Fail(string reason) => new(null, null, [], reason);
}
