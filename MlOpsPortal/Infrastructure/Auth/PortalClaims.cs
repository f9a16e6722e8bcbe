using System.Security.Claims;

namespace MlOpsPortal.Infrastructure.Auth;

public static class PortalClaims
{
    public const string ObjectId = "oid";
    public const string Name = "name";
    public const string PreferredUsername = "preferred_username";

    /// <summary>The business unit: Entra's optional <c>department</c> claim, when the app registration asks for it.</summary>
    public const string Department = "department";

    /// <summary>The stable user id: Entra's object id, falling back to the subject for tokens without one.</summary>
    public static string? UserId(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(ObjectId)?.Value
            ?? user.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value
            ?? user.FindFirst(ClaimTypes.NameIdentifier)?.Value
            ?? user.FindFirst("sub")?.Value;
    }

    public static string DisplayName(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(Name)?.Value ?? user.Identity?.Name ?? user.FindFirst(PreferredUsername)?.Value ?? "unknown";
    }

    /// <summary>The sign-in name people know the person by (Entra's preferred_username, else upn or e-mail).</summary>
    public static string? PrincipalName(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(PreferredUsername)?.Value ?? user.FindFirst(ClaimTypes.Upn)?.Value ?? user.FindFirst(ClaimTypes.Email)?.Value
            ?? user.FindFirst("upn")?.Value ?? user.FindFirst("email")?.Value;
    }

    public static IReadOnlyList<string> Roles(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindAll(PortalRoles.ClaimType).Select(c => c.Value)
            .Concat(user.FindAll(ClaimTypes.Role).Select(c => c.Value))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }
}
