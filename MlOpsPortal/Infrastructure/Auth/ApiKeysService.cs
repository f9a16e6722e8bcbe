using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// Portal-issued keys for machine clients: created and revoked by administrators, checked on every API call.
/// Keys look like <c>mlp_&lt;prefix&gt;_&lt;secret&gt;</c>; the prefix finds the row, a SHA-256 of the whole key proves it.
/// </summary>
public sealed class ApiKeysService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    IOptions<ApiKeysOptions> options,
    IHostEnvironment environment,
    TimeProvider clock)
{
    public const int MaxLifetimeDays = 731;
    public const string KeyStart = "mlp_";
    public const string DevelopmentActorId = "apikey:development";

    /// <summary>The audit action of a key's first authenticated use on a UTC day: one a day per key in use.</summary>
    public const string UsedAction = "api-key.used";

    /// <summary>Why anyone else is refused; the API key dialogs show the same words.</summary>
    public const string AdminOnly = "Only portal administrators (Portal.Admin) manage API keys.";

    public static IReadOnlyList<string> AllowedScopes { get; } = PortalRoles.ApiScopes;

    // Lowercase base32: no characters that are ambiguous when read aloud or that clash with the '_' separator.
    private const string PrefixAlphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int SecretBytes = 32;

    // Recording every call would turn each read into a write; a minute is precise enough to spot unused keys.
    private static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a key verified against its row is trusted without reading the row again, so a pipeline sending a point a
    /// request does not cost a database read each. A revocation on this instance evicts the key at once; one made on
    /// another instance (several portals on one database) is honoured here within this time at most.
    /// </summary>
    internal static readonly TimeSpan VerifiedKeyLifetime = TimeSpan.FromSeconds(30);

    // By the SHA-256 of the whole presented key (never the key itself); only keys that verified are held, so the
    // dictionary is bounded by the keys in use, and an entry is replaced on its next verification.
    private readonly ConcurrentDictionary<string, VerifiedKey> verified = new(StringComparer.Ordinal);

    // Keys revoked on this instance (never un-revoked): a verification that read the row just before the revocation
    // committed must not hold the key afterwards.
    private readonly ConcurrentDictionary<int, byte> revoked = new();

    // A reference, so threads that race to fill it each see a whole pair.
    private HashedKey? developmentKeyHash;

    public async Task<IReadOnlyList<ApiKeyView>> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.Admin, AdminOnly);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var keys = await db.ApiKeys.AsNoTracking().OrderByDescending(k => k.CreatedAtUtc).ThenByDescending(k => k.Id).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        return [.. keys.Select(k => ToView(k, now))];
    }

    public async Task<CreatedApiKey> CreateAsync(ClaimsPrincipal user, ApiKeyInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.Admin, AdminOnly);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var expiresOn = input.ExpiresOn ?? today.AddDays(options.Value.DefaultLifetimeDays);
        var scopes = (input.Scopes ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var errors = new FieldErrors();
        errors.Required("name", input.Name, "Name");
        errors.MaxLength("name", input.Name?.Trim(), 200, "Name");
        if (scopes.Count == 0)
        {
            errors.Add("scopes", $"Choose at least one scope: {string.Join(" or ", AllowedScopes)}.");
        }

        foreach (var unknown in scopes.Where(s => !AllowedScopes.Contains(s, StringComparer.Ordinal)))
        {
            errors.Add("scopes", $"'{unknown}' is not a scope. Use {string.Join(" or ", AllowedScopes)}.");
        }

        var latest = today.AddYears(2);
        if (expiresOn <= today)
        {
            errors.Add("expiresOn", "The expiry date must be in the future.");
        }
        else if (expiresOn > latest)
        {
            errors.Add("expiresOn", $"Keys live at most two years: pick {latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} or earlier.");
        }

        errors.ThrowIfAny();
        var actor = AuditActor.From(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var prefix = await UnusedPrefixAsync(db, cancellationToken);
        var secret = $"{KeyStart}{prefix}_{Base64UrlEncode(RandomNumberGenerator.GetBytes(SecretBytes))}";
        var key = new ApiKey
        {
            Name = input.Name!.Trim(),
            Prefix = prefix,
            SecretHash = Hash(secret),
            Scopes = scopes,
            ExpiresAtUtc = expiresOn.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            CreatedBy = actor.Name,
            CreatedAtUtc = now,
        };
        db.ApiKeys.Add(key);
        // The prefix names the key in the audit trail: it is unique, known before the insert and shown on the page.
        db.AddAuditEvent(actor, "api-key.created", nameof(ApiKey), key.Prefix, new
        {
            after = new { key.Name, key.Prefix, key.Scopes, key.ExpiresAtUtc, key.CreatedBy, key.CreatedAtUtc },
        });
        await db.SaveChangesAsync(cancellationToken);
        return new CreatedApiKey(ToView(key, now), secret);
    }

    public async Task<ApiKeyView> RevokeAsync(ClaimsPrincipal user, int id, string? reason, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.Admin, AdminOnly);
        var errors = new FieldErrors();
        errors.Required("reason", reason, "Reason");
        errors.MaxLength("reason", reason?.Trim(), 500, "Reason");
        errors.ThrowIfAny();
        var actor = AuditActor.From(user);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.InTransactionAsync(async transaction =>
        {
            // A conditional update, so two administrators revoking at once produce one revocation and one conflict.
            var changed = await db.ApiKeys.Where(k => k.Id == id && k.RevokedAtUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAtUtc, now).SetProperty(k => k.RevokedBy, actor.Name), cancellationToken);
            var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == id, cancellationToken)
                ?? throw new PortalNotFoundException($"There is no API key with id {id}.");
            if (changed == 0)
            {
                throw new PortalConflictException(
                    $"The API key '{key.Name}' was already revoked by {key.RevokedBy} at {key.RevokedAtUtc:yyyy-MM-dd HH:mm} UTC.");
            }

            Forget(key.Id);
            var view = ToView(key, now);
            db.AddAuditEvent(actor, "api-key.revoked", nameof(ApiKey), key.Prefix,
                new { reason = reason!.Trim(), after = view });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return view;
        }, cancellationToken);
    }

    /// <summary>
    /// Checks a presented key. Only a caller holding the whole secret learns that a key is expired or revoked;
    /// anything else is just "not valid", so prefixes cannot be probed.
    /// </summary>
    public async Task<ApiKeyAuthentication> AuthenticateAsync(string presented, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(presented);
        // One hash of the presented key serves the development key check, the cache and the row check alike.
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        if (DevelopmentKeyHash() is { } developmentHash && FixedTimeEquals(presentedHash, developmentHash))
        {
            return environment.IsDevelopment()
                ? new ApiKeyAuthentication(DevelopmentActorId, "API key Development key", AllowedScopes, null)
                : ApiKeyAuthentication.Fail(
                    $"The development key is accepted only when the portal runs in the Development environment (this is {environment.EnvironmentName}). Ask an administrator for an API key.");
        }

        const string notValid = "The API key is not valid. Check that the X-Api-Key header holds the whole key as it was shown at creation, or ask an administrator for a new one.";
        if (!TryReadPrefix(presented, out var prefix))
        {
            return ApiKeyAuthentication.Fail(notValid);
        }

        var cacheKey = Convert.ToHexString(presentedHash);
        var now = clock.GetUtcNow().UtcDateTime;
        // Trusted from memory while fresh, unexpired, and while its last use needs no writing (that goes to the row).
        if (verified.TryGetValue(cacheKey, out var known) && now < known.TrustedUntilUtc && now < known.ExpiresAtUtc
            && known.LastUsedAtUtc >= now.Date && now - known.LastUsedAtUtc < LastUseResolution)
        {
            return known.Authentication;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, cancellationToken);
        if (key is null || !FixedTimeEquals(Convert.FromHexString(key.SecretHash), presentedHash))
        {
            verified.TryRemove(cacheKey, out _);
            return ApiKeyAuthentication.Fail(notValid);
        }

        if (key.RevokedAtUtc is { } revokedAt)
        {
            verified.TryRemove(cacheKey, out _);
            return ApiKeyAuthentication.Fail(
                $"This API key was revoked on {revokedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}. Ask an administrator for a new key.");
        }

        if (now >= key.ExpiresAtUtc)
        {
            return ApiKeyAuthentication.Fail(
                $"This API key expired on {key.ExpiresAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC. Ask an administrator for a new key.");
        }

        var actor = new AuditActor($"apikey:{key.Id}", $"API key {key.Name}");
        var recordedUse = key.LastUsedAtUtc ?? DateTime.MinValue;
        if (key.LastUsedAtUtc is not { } lastUsed || lastUsed < now.Date)
        {
            await RecordFirstUseTodayAsync(db, key, actor, now, cancellationToken);
            recordedUse = now;
        }
        else if (now - lastUsed >= LastUseResolution)
        {
            var staleBefore = now - LastUseResolution;
            // Conditional, so concurrent calls in the same minute write once between them.
            await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAtUtc == null || k.LastUsedAtUtc <= staleBefore))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAtUtc, now), cancellationToken);
            recordedUse = now;
        }

        var authentication = new ApiKeyAuthentication(actor.Id, actor.Name, key.Scopes, null);
        verified[cacheKey] = new VerifiedKey(key.Id, authentication, key.ExpiresAtUtc, recordedUse, now + VerifiedKeyLifetime);
        // Revoked while this verification read the row: what was just cached must not outlive the revocation.
        if (revoked.ContainsKey(key.Id))
        {
            verified.TryRemove(cacheKey, out _);
        }

        return authentication;
    }

    /// <summary>
    /// The key's first use today: moves its last use into today, then records <see cref="UsedAction"/>. The update is
    /// conditional on the last use being before today, so of concurrent first calls exactly one changes the row and
    /// records the day; the others change nothing and record nothing. Two short writes rather than one transaction held
    /// across them: an authentication must never keep the database's write lock while it waits (a busy database then
    /// answers 503 and keeps nothing locked); should the second write fail, that day's line is missing from the access
    /// log, which the key's last use still shows.
    /// </summary>
    private static async Task RecordFirstUseTodayAsync(PortalDbContext db, ApiKey key, AuditActor actor, DateTime now, CancellationToken cancellationToken)
    {
        var startOfToday = now.Date;
        var changed = await db.ApiKeys.Where(k => k.Id == key.Id && (k.LastUsedAtUtc == null || k.LastUsedAtUtc < startOfToday))
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAtUtc, now), cancellationToken);
        if (changed == 1)
        {
            db.AddAuditEvent(actor, UsedAction, nameof(ApiKey), key.Id.ToString(CultureInfo.InvariantCulture), new
            {
                day = DateOnly.FromDateTime(now).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), keyName = key.Name, prefix = key.Prefix,
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Drops a key from the verified keys held in memory, so its next call reads the row (and finds it revoked).</summary>
    private void Forget(int keyId)
    {
        revoked[keyId] = 0;
        foreach (var entry in verified.Where(e => e.Value.KeyId == keyId))
        {
            verified.TryRemove(entry.Key, out _);
        }
    }

    private sealed record HashedKey(string Key, byte[] Hash);

    private sealed record VerifiedKey(int KeyId, ApiKeyAuthentication Authentication, DateTime ExpiresAtUtc, DateTime LastUsedAtUtc, DateTime TrustedUntilUtc);

    internal static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    internal static bool TryReadPrefix(string presented, out string prefix)
    {
        prefix = string.Empty;
        var separator = KeyStart.Length + ApiKey.PrefixLength;
        if (presented.Length <= separator + 1 || !presented.StartsWith(KeyStart, StringComparison.Ordinal) || presented[separator] != '_')
        {
            return false;
        }

        prefix = presented.Substring(KeyStart.Length, ApiKey.PrefixLength);
        return prefix.All(PrefixAlphabet.Contains);
    }

    private static ApiKeyView ToView(ApiKey k, DateTime now) => new(
        k.Id, k.Name, k.Prefix, k.Scopes, k.CreatedBy, k.CreatedAtUtc, k.ExpiresAtUtc, k.LastUsedAtUtc, k.RevokedAtUtc, k.RevokedBy,
        k.RevokedAtUtc is not null ? ApiKeyStatus.Revoked : now >= k.ExpiresAtUtc ? ApiKeyStatus.Expired : ApiKeyStatus.Active);

    private static async Task<string> UnusedPrefixAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        // 60 random bits make a clash practically impossible; checking costs one indexed read and rules it out.
        while (true)
        {
            var prefix = new string(RandomNumberGenerator.GetItems<char>(PrefixAlphabet, ApiKey.PrefixLength));
            if (!await db.ApiKeys.AnyAsync(k => k.Prefix == prefix, cancellationToken))
            {
                return prefix;
            }
        }
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The SHA-256 of the configured development key (hashed once per key, not once per request); null without one.</summary>
    private byte[]? DevelopmentKeyHash()
    {
        var key = options.Value.DevelopmentKey;
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var known = developmentKeyHash;
        if (known is null || !ReferenceEquals(known.Key, key))
        {
            known = new HashedKey(key, SHA256.HashData(Encoding.UTF8.GetBytes(key)));
            developmentKeyHash = known;
        }

        return known.Hash;
    }

    private static bool FixedTimeEquals(byte[] left, byte[] right) => CryptographicOperations.FixedTimeEquals(left, right);
}
