using System.ComponentModel.DataAnnotations;

namespace MlOpsPortal.Features.Access;

/// <summary>An app role assignment as Entra holds it (for the drift check).</summary>
public sealed record ExternalAssignment(string AssignmentId, string PersonId, string? PersonName, string Role);

/// <summary>
/// A role as applied where it lives: the external assignment's id (null when nothing outside the portal holds it), and
/// whether this call created it rather than finding the person already assigned (given before the portal, or by a
/// decision that got there first), which a grant that is not saved must then leave in place.
/// </summary>
public sealed record RoleAssignment(string? Id, bool Created);

/// <summary>
/// Where a granted or removed role is applied. <see cref="PortalRoleProvisioner"/> keeps grants in the portal alone;
/// <see cref="GraphRoleProvisioner"/> also adds and removes the person's Entra app role assignment.
/// </summary>
public interface IRoleProvisioner
{
    /// <summary>"Portal" or "Graph", stored on each grant.</summary>
    string Name { get; }

    /// <summary>Applies the role; returns the assignment that holds it where it lives.</summary>
    Task<RoleAssignment> AddAsync(string personId, string role, CancellationToken cancellationToken);

    /// <summary>Removes the role where it lives; <paramref name="assignmentId"/> when known, else found by person and role. Removing what is not there succeeds.</summary>
    Task RemoveAsync(string personId, string role, string? assignmentId, CancellationToken cancellationToken);

    /// <summary>Every assignment of the portal's app roles outside the portal, or null when nothing lives outside it.</summary>
    Task<IReadOnlyList<ExternalAssignment>?> ListAsync(CancellationToken cancellationToken);
}

/// <summary>The role could not be applied where it lives (Graph refused, or kept throttling); nothing was changed.</summary>
public sealed class ProvisioningException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>Grants kept by the portal, added to the person's roles by <c>CurrentRoles</c> at sign-in and on every request.</summary>
public sealed class PortalRoleProvisioner : IRoleProvisioner
{
    public string Name => AccessOptions.Portal;

    public Task<RoleAssignment> AddAsync(string personId, string role, CancellationToken cancellationToken) => Task.FromResult(new RoleAssignment(null, false));

    public Task RemoveAsync(string personId, string role, string? assignmentId, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<IReadOnlyList<ExternalAssignment>?> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ExternalAssignment>?>(null);
}

/// <summary>The <c>Access</c> settings: where grants are applied, and for how long the access log is kept.</summary>
public sealed class AccessOptions : IValidatableObject
{
    public const string SectionName = "Access";
    public const string Portal = "Portal";
    public const string Graph = "Graph";

    /// <summary>"Portal" (default) or "Graph".</summary>
    public string Provisioning { get; set; } = Portal;

    public GraphProvisioningOptions GraphApi { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provisioning is not (Portal or Graph))
        {
            yield return new ValidationResult($"{SectionName}:Provisioning must be \"{Portal}\" or \"{Graph}\" (it is \"{Provisioning}\").", [nameof(Provisioning)]);
        }
        else if (Provisioning == Graph)
        {
            foreach (var missing in GraphApi.Missing())
            {
                yield return new ValidationResult($"{SectionName}:Provisioning is Graph, so {SectionName}:GraphApi:{missing} is required.", [nameof(GraphApi)]);
            }
        }
    }
}

/// <summary>
/// The portal's app identity for Microsoft Graph (permission AppRoleAssignment.ReadWrite.All, admin-consented) and the
/// service principal of the portal's enterprise application, whose app roles are assigned.
/// </summary>
public sealed class GraphProvisioningOptions
{
    public string? TenantId { get; set; }
    public string? ClientId { get; set; }

    /// <summary>A secret from the environment or a vault, never from appsettings in the repository.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The object id of the portal's service principal (Enterprise applications → the portal → Object ID).</summary>
    public string? ResourceServicePrincipalId { get; set; }

    /// <summary>Graph's address; https://graph.microsoft.com/v1.0 unless a national cloud (or a test) says otherwise.</summary>
    public string BaseUrl { get; set; } = "https://graph.microsoft.com/v1.0";

    public IEnumerable<string> Missing()
    {
        if (string.IsNullOrWhiteSpace(TenantId))
        {
            yield return nameof(TenantId);
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return nameof(ClientId);
        }

        if (string.IsNullOrWhiteSpace(ClientSecret))
        {
            yield return nameof(ClientSecret);
        }

        if (string.IsNullOrWhiteSpace(ResourceServicePrincipalId))
        {
            yield return nameof(ResourceServicePrincipalId);
        }
    }
}
