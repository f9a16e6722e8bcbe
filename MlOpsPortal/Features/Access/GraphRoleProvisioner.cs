using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Authentication;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// Applies grants as Entra app role assignments of the portal's enterprise application (its service principal,
/// <see cref="GraphProvisioningOptions.ResourceServicePrincipalId"/>), through Microsoft Graph as the portal's own app
/// identity. Role values are mapped to app role ids from the service principal's <c>appRoles</c>, read once and again
/// only when a role is not found. Every failure is a <see cref="ProvisioningException"/> that says what to do.
/// </summary>
public sealed class GraphRoleProvisioner : IRoleProvisioner
{
    /// <summary>The named <see cref="HttpClient"/>: Graph's middleware (retry on 429/503/504) behind the outbound guard; see <see cref="GraphProvisioning"/>.</summary>
    public const string HttpClientName = "graph-provisioning";

    /// <summary>The key of the <see cref="TokenCredential"/> of the portal's app identity (a client secret in production).</summary>
    public const string CredentialKey = "graph-provisioning";

    private const string PermissionAdvice =
        "The portal's app identity lacks the Microsoft Graph application permissions AppRoleAssignment.ReadWrite.All and Application.Read.All " +
        "(admin consent required): in Entra ID, App registrations → the portal → API permissions → Add a permission → Microsoft Graph → " +
        "Application permissions, add both, then Grant admin consent. Nothing was changed.";

    private readonly IHttpClientFactory httpClients;
    private readonly GraphProvisioningOptions options;
    private readonly AzureIdentityAuthenticationProvider authentication;
    private readonly Guid resourceId;
    private IReadOnlyDictionary<string, Guid>? appRoles;

    public GraphRoleProvisioner(
        IHttpClientFactory httpClients, [FromKeyedServices(CredentialKey)] TokenCredential credential, IOptions<AccessOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.httpClients = httpClients;
        this.options = options.Value.GraphApi;
        if (!Guid.TryParse(this.options.ResourceServicePrincipalId, out resourceId))
        {
            throw new OptionsValidationException(AccessOptions.SectionName, typeof(AccessOptions),
                [$"{AccessOptions.SectionName}:GraphApi:ResourceServicePrincipalId must be the object id (a GUID) of the portal's service principal (Enterprise applications → the portal → Object ID)."]);
        }

        // The token goes to Graph's own host alone, never to a host a next link or a redirect might name.
        var graph = new Uri(this.options.BaseUrl);
        authentication = new AzureIdentityAuthenticationProvider(credential, [graph.Host], null, false, $"{graph.GetLeftPart(UriPartial.Authority)}/.default");
    }

    public string Name => AccessOptions.Graph;

    public Task<RoleAssignment> AddAsync(string personId, string role, CancellationToken cancellationToken) =>
        CallAsync($"assign {role}", async graph =>
        {
            var assignment = new AppRoleAssignment { PrincipalId = PersonGuid(personId), ResourceId = resourceId, AppRoleId = await AppRoleIdAsync(graph, role, cancellationToken) };
            try
            {
                var created = await graph.ServicePrincipals[resourceId.ToString()].AppRoleAssignedTo.PostAsync(assignment, cancellationToken: cancellationToken);
                return new RoleAssignment(created?.Id ?? throw new ProvisioningException($"Microsoft Graph assigned {role} but returned no assignment id."), true);
            }
            catch (ODataError error) when (error.ResponseStatusCode is 400 or 409)
            {
                // Entra refuses a second identical assignment: the person already holds the role there (given before the
                // portal, or by an earlier attempt whose save failed); the grant takes that assignment over.
                if (await FindAsync(graph, personId, role, cancellationToken) is { } existing)
                {
                    return new RoleAssignment(existing.AssignmentId, false);
                }

                throw;
            }
        });

    public Task RemoveAsync(string personId, string role, string? assignmentId, CancellationToken cancellationToken) =>
        CallAsync<object?>($"remove {role}", async graph =>
        {
            var id = assignmentId ?? (await FindAsync(graph, personId, role, cancellationToken))?.AssignmentId;
            if (id is null)
            {
                return null;
            }

            try
            {
                await graph.ServicePrincipals[resourceId.ToString()].AppRoleAssignedTo[id].DeleteAsync(cancellationToken: cancellationToken);
            }
            catch (ApiException error) when (error.ResponseStatusCode == 404)
            {
                // Already gone (removed in Entra, or by an earlier attempt): what was asked for is true.
            }

            return null;
        });

    public Task<IReadOnlyList<ExternalAssignment>?> ListAsync(CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<ExternalAssignment>?>("list the app role assignments", async graph => await ListAllAsync(graph, cancellationToken));

    /// <summary>Users' and groups' assignments of the portal's app roles; machine clients (service principals) are governed by API permissions instead.</summary>
    private async Task<List<ExternalAssignment>> ListAllAsync(GraphServiceClient graph, CancellationToken cancellationToken)
    {
        var roles = (await AppRolesAsync(graph, refresh: false, cancellationToken)).ToDictionary(r => r.Value, r => r.Key);
        var assignedTo = graph.ServicePrincipals[resourceId.ToString()].AppRoleAssignedTo;
        var page = await assignedTo.GetAsync(request =>
        {
            request.QueryParameters.Top = 999;
            request.QueryParameters.Select = ["id", "principalId", "principalDisplayName", "principalType", "appRoleId"];
        }, cancellationToken);
        var found = new List<ExternalAssignment>();
        while (page is not null)
        {
            foreach (var assignment in page.Value ?? [])
            {
                if (assignment is { Id: { } id, PrincipalId: { } principal, AppRoleId: { } roleId, PrincipalType: "User" or "Group" }
                    && roles.TryGetValue(roleId, out var role))
                {
                    var name = assignment.PrincipalType == "Group" ? $"{assignment.PrincipalDisplayName} (group)" : assignment.PrincipalDisplayName;
                    found.Add(new ExternalAssignment(id, principal.ToString(), name, role));
                }
            }

            page = page.OdataNextLink is { } next ? await assignedTo.WithUrl(next).GetAsync(cancellationToken: cancellationToken) : null;
        }

        return found;
    }

    private async Task<ExternalAssignment?> FindAsync(GraphServiceClient graph, string personId, string role, CancellationToken cancellationToken)
    {
        var person = PersonGuid(personId).ToString();
        return (await ListAllAsync(graph, cancellationToken))
            .FirstOrDefault(a => a.Role == role && string.Equals(a.PersonId, person, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<Guid> AppRoleIdAsync(GraphServiceClient graph, string role, CancellationToken cancellationToken)
    {
        if ((await AppRolesAsync(graph, refresh: false, cancellationToken)).TryGetValue(role, out var id)
            || (await AppRolesAsync(graph, refresh: true, cancellationToken)).TryGetValue(role, out id))
        {
            return id;
        }

        throw new ProvisioningException(
            $"The portal's enterprise application ({resourceId}) has no enabled app role with the value {role}: add it under App registrations → the portal → App roles (see the README), then try again.");
    }

    /// <summary>Enabled app roles by value; a role added to the app registration since the last read is found by a refresh.</summary>
    private async Task<IReadOnlyDictionary<string, Guid>> AppRolesAsync(GraphServiceClient graph, bool refresh, CancellationToken cancellationToken)
    {
        if (appRoles is { } cached && !refresh)
        {
            return cached;
        }

        var principal = await graph.ServicePrincipals[resourceId.ToString()].GetAsync(request => request.QueryParameters.Select = ["appRoles"], cancellationToken);
        var roles = (principal?.AppRoles ?? [])
            .Where(r => r is { IsEnabled: not false, Id: not null } && !string.IsNullOrEmpty(r.Value))
            .ToDictionary(r => r.Value!, r => r.Id!.Value, StringComparer.Ordinal);
        appRoles = roles;
        return roles;
    }

    private static Guid PersonGuid(string personId) =>
        Guid.TryParse(personId, out var id)
            ? id
            : throw new ProvisioningException($"{personId} is not an Entra object id, so Microsoft Graph cannot assign it a role (development personas exist only in the portal).");

    /// <summary>One Graph conversation with every failure turned into a message a person can act on.</summary>
    private async Task<T> CallAsync<T>(string what, Func<GraphServiceClient, Task<T>> call)
    {
        using var graph = new GraphServiceClient(httpClients.CreateClient(HttpClientName), authentication, options.BaseUrl);
        try
        {
            return await call(graph);
        }
        catch (ApiException error) when (error.ResponseStatusCode == 403)
        {
            throw new ProvisioningException($"Microsoft Graph refused to {what} ({Describe(error)}). {PermissionAdvice}", error);
        }
        catch (ApiException error) when (error.ResponseStatusCode == 429)
        {
            throw new ProvisioningException($"Microsoft Graph is throttling the portal and asks it to wait longer than it waits for a person; nothing was changed. Try to {what} again in a few minutes.", error);
        }
        catch (ApiException error)
        {
            throw new ProvisioningException($"Microsoft Graph refused to {what}: {Describe(error)}. Nothing was changed.", error);
        }
        catch (AggregateException error) when (error.InnerExceptions.All(e => e is ApiException))
        {
            // Kiota's retry handler gives up with every throttled answer it got.
            throw new ProvisioningException($"Microsoft Graph kept throttling the portal ({error.InnerExceptions.Count} answers of HTTP {((ApiException)error.InnerExceptions[^1]).ResponseStatusCode}); nothing was changed. Try to {what} again in a few minutes.", error);
        }
        catch (AuthenticationFailedException error)
        {
            throw new ProvisioningException($"The portal could not sign in to Entra ID as its app identity (check {AccessOptions.SectionName}:GraphApi:TenantId, ClientId and ClientSecret, and whether the secret has expired): {error.Message}", error);
        }
        catch (HttpRequestException error)
        {
            throw new ProvisioningException($"Microsoft Graph could not be reached at {options.BaseUrl} to {what}: {error.InnerException?.Message ?? error.Message}", error);
        }
    }

    private static string Describe(ApiException error) => error is ODataError { Error: { } main }
        ? $"HTTP {error.ResponseStatusCode} {main.Code}: {main.Message}"
        : $"HTTP {error.ResponseStatusCode}";
}
