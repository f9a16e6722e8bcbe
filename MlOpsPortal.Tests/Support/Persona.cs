using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// One person a test acts as: a <see cref="ClaimsPrincipal"/> for calling services and components directly, and the
/// <see cref="Id"/> that <see cref="TestAuthHandler"/> reads from <see cref="TestAuthHandler.HeaderName"/> over HTTP.
/// </summary>
public sealed class Persona
{
    private readonly DevelopmentPersona? development;

    internal Persona(string id, string name, string email, IReadOnlyList<string> roles, DevelopmentPersona? development)
    {
        Id = id;
        Name = name;
        Email = email;
        Roles = roles;
        this.development = development;
    }

    public string Id { get; }

    public string Name { get; }

    public string Email { get; }

    public IReadOnlyList<string> Roles { get; }

    /// <summary>
    /// The claims the development sign-in issues (oid, name, preferred_username, roles), so a service cannot tell a
    /// test from a signed-in person. A new principal on every read: a test may add a claim (a session id) to its own.
    /// </summary>
    public ClaimsPrincipal Principal => development is not null
        ? DevelopmentPersonas.ToPrincipal(development)
        : new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(PortalClaims.ObjectId, Id),
                new Claim(PortalClaims.Name, Name),
                new Claim(PortalClaims.PreferredUsername, Email),
                .. Roles.Select(role => new Claim(PortalRoles.ClaimType, role)),
            ],
            DevelopmentPersonas.AuthenticationType,
            PortalClaims.Name,
            PortalRoles.ClaimType));

    /// <summary>What a component's cascading authentication state holds for this person.</summary>
    public Task<AuthenticationState> AuthenticationState => Task.FromResult(new AuthenticationState(Principal));

    public static implicit operator ClaimsPrincipal(Persona persona)
    {
        ArgumentNullException.ThrowIfNull(persona);
        return persona.Principal;
    }

    public override string ToString() => Id;
}
