namespace MlOpsPortal.Features.Access;

// PLACEHOLDER: being written (Microsoft Graph app role assignments).
public sealed class GraphRoleProvisioner : IRoleProvisioner
{
    public string Name => AccessOptions.Graph;

    public Task<string?> AddAsync(string personId, string role, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task RemoveAsync(string personId, string role, string? assignmentId, CancellationToken cancellationToken) => throw new NotImplementedException();

    public Task<IReadOnlyList<ExternalAssignment>?> ListAsync(CancellationToken cancellationToken) => throw new NotImplementedException();
}
