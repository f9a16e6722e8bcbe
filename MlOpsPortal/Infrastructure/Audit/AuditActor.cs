using System.Security.Claims;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>Who caused an audit event: a signed-in user, a background job, or an anonymous caller.</summary>
public sealed record AuditActor
{
    public const string ObjectIdClaimType = "oid";
    public const string ObjectIdentifierClaimType = "http://schemas.microsoft.com/identity/claims/objectidentifier";
    public const string SubjectClaimType = "sub";
    public const string NameClaimType = "name";

    public AuditActor(string id, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Id = id;
        Name = name;
    }

    public string Id { get; }

    public string Name { get; }

    /// <summary>The actor for work nobody triggered directly, such as scheduled jobs.</summary>
    public static AuditActor System { get; } = new("system", "System");

    /// <summary>The actor for requests without an identity, e.g. denied access before sign-in.</summary>
    public static AuditActor Anonymous { get; } = new("anonymous", "Anonymous");

    /// <summary>
    /// Builds the actor from a signed-in principal. The Entra object id comes first because it is stable
    /// across apps of the tenant, whereas <c>sub</c> is pairwise per app and differs in every system an
    /// auditor might correlate with.
    /// </summary>
    public static AuditActor From(ClaimsPrincipal? principal)
    {
        if (principal is null)
        {
            return Anonymous;
        }

        var id = FirstValue(principal, ObjectIdClaimType, ObjectIdentifierClaimType, ClaimTypes.NameIdentifier, SubjectClaimType)
            ?? NullIfBlank(principal.Identity?.Name);
        if (id is null)
        {
            return Anonymous;
        }

        var name = FirstValue(principal, NameClaimType) ?? NullIfBlank(principal.Identity?.Name) ?? id;
        return new AuditActor(id, name);
    }

    private static string? FirstValue(ClaimsPrincipal principal, params string[] claimTypes)
    {
        foreach (var claimType in claimTypes)
        {
            var value = NullIfBlank(principal.FindFirst(claimType)?.Value);
            if (value is not null)
            {
                return value;
            }
        }

        return null;
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
