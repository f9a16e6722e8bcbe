using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MlOpsPortal.Features.Access;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>
/// The Graph provisioner against a loopback Graph (<see cref="FakeGraph"/>), wired as the portal wires it: Graph's
/// middleware behind the outbound guard, with the loopback address allow-listed as an administrator would.
/// </summary>
public sealed class GraphRoleProvisionerTests : IAsyncLifetime
{
    private const string Person = "0a6b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    private const string Other = "1b2c3d4e-5f60-4a7b-9c8d-9e0f1a2b3c4d";

    private readonly FakeGraph.FixedToken token = new();
    private FakeGraph graph = null!;
    private IHost host = null!;

    private IRoleProvisioner Provisioner => host.Services.GetRequiredService<IRoleProvisioner>();

    public async Task InitializeAsync()
    {
        graph = await FakeGraph.StartAsync();
        host = Host(graph.BaseUrl, allowLoopback: true);
    }

    public async Task DisposeAsync()
    {
        host.Dispose();
        await graph.DisposeAsync();
    }

    [Fact]
    public async Task A_grant_becomes_the_persons_app_role_assignment_made_with_the_apps_own_token()
    {
        var added = await Provisioner.AddAsync(Person, "Models.Contributor", CancellationToken.None);

        var assignment = Assert.Single(graph.Assignments);
        Assert.Equal(new RoleAssignment(assignment.Id, Created: true), added);
        var post = Assert.Single(graph.Requests, r => r.Method == "POST");
        Assert.Equal($"/v1.0/servicePrincipals/{FakeGraph.ServicePrincipalId}/appRoleAssignedTo", post.Path);
        Assert.Equal(Person, post.Json!["principalId"]!.GetValue<string>());
        Assert.Equal(FakeGraph.ServicePrincipalId, post.Json!["resourceId"]!.GetValue<string>());
        Assert.Equal(graph.AppRoles["Models.Contributor"].ToString(), post.Json!["appRoleId"]!.GetValue<string>());
        Assert.All(graph.Requests, r => Assert.Equal($"Bearer {FakeGraph.FixedToken.Value}", r.Authorization));
        Assert.Equal($"{new Uri(graph.BaseUrl).GetLeftPart(UriPartial.Authority)}/.default", token.Scopes.Distinct().Single());
    }

    [Fact]
    public async Task The_app_roles_are_read_once_for_many_grants()
    {
        await Provisioner.AddAsync(Person, "Models.Contributor", CancellationToken.None);
        await Provisioner.AddAsync(Other, "Support.Engineer", CancellationToken.None);

        Assert.Single(graph.Requests, r => r.Method == "GET" && r.Path.EndsWith(FakeGraph.ServicePrincipalId, StringComparison.Ordinal));
        Assert.Contains(graph.Requests, r => r.Query.Contains("$select=appRoles", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_role_the_person_already_holds_in_Entra_is_taken_over_not_doubled()
    {
        var existing = graph.Assign(Person, "Pat Person", "Models.Contributor");

        var added = await Provisioner.AddAsync(Person, "Models.Contributor", CancellationToken.None);

        Assert.Equal(new RoleAssignment(existing.Id, Created: false), added);
        Assert.Single(graph.Assignments);
    }

    [Fact]
    public async Task A_role_the_app_registration_does_not_define_is_refused_with_what_to_add()
    {
        var refused = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.AddAsync(Person, "Business.Viewer", CancellationToken.None));

        Assert.Contains("no enabled app role with the value Business.Viewer", refused.Message, StringComparison.Ordinal);
        Assert.Empty(graph.Assignments);
    }

    [Fact]
    public async Task Removing_deletes_the_assignment_and_removing_it_again_succeeds()
    {
        var assignment = graph.Assign(Person, "Pat Person", "Models.Contributor");

        await Provisioner.RemoveAsync(Person, "Models.Contributor", assignment.Id, CancellationToken.None);
        await Provisioner.RemoveAsync(Person, "Models.Contributor", assignment.Id, CancellationToken.None);

        Assert.Empty(graph.Assignments);
        var deletes = graph.Requests.Where(r => r.Method == "DELETE").ToList();
        Assert.Equal(2, deletes.Count);
        Assert.All(deletes, d => Assert.Equal($"/v1.0/servicePrincipals/{FakeGraph.ServicePrincipalId}/appRoleAssignedTo/{assignment.Id}", d.Path));
    }

    [Fact]
    public async Task Removing_without_an_assignment_id_finds_the_persons_assignment_of_that_role()
    {
        var kept = graph.Assign(Person, "Pat Person", "Support.Engineer");
        var target = graph.Assign(Person, "Pat Person", "Models.Contributor");
        var others = graph.Assign(Other, "Olga Other", "Models.Contributor");

        await Provisioner.RemoveAsync(Person.ToUpperInvariant(), "Models.Contributor", null, CancellationToken.None);

        Assert.Equal([kept, others], graph.Assignments);
        Assert.Equal($"/v1.0/servicePrincipals/{FakeGraph.ServicePrincipalId}/appRoleAssignedTo/{target.Id}", Assert.Single(graph.Requests, r => r.Method == "DELETE").Path);
    }

    [Fact]
    public async Task Removing_a_role_nobody_assigned_in_Entra_changes_nothing()
    {
        await Provisioner.RemoveAsync(Person, "Models.Contributor", null, CancellationToken.None);

        Assert.DoesNotContain(graph.Requests, r => r.Method == "DELETE");
    }

    [Fact]
    public async Task Listing_follows_the_next_links_and_keeps_people_and_groups()
    {
        graph.PageSize = 2;
        graph.Assign(Person, "Pat Person", "Models.Contributor");
        graph.Assign(Other, "Olga Other", "Compliance.Auditor");
        graph.Assign("2c3d4e5f-6071-4b8c-8d9e-0f1a2b3c4d5e", "Release pipeline", "Registry.Write", "ServicePrincipal");
        graph.Assign("3d4e5f60-7182-4c9d-9eaf-1a2b3c4d5e6f", "ML engineers", "Models.Contributor", "Group");
        graph.Assign(Person, "Pat Person", "Portal.Admin");

        var listed = await Provisioner.ListAsync(CancellationToken.None);

        Assert.NotNull(listed);
        Assert.Equal(
            [
                (Person, "Pat Person", "Models.Contributor"), (Other, "Olga Other", "Compliance.Auditor"),
                ("3d4e5f60-7182-4c9d-9eaf-1a2b3c4d5e6f", "ML engineers (group)", "Models.Contributor"), (Person, "Pat Person", "Portal.Admin"),
            ],
            listed.Select(a => (a.PersonId, a.PersonName!, a.Role)));
        var pages = graph.Requests.Where(r => r.Path.EndsWith("/appRoleAssignedTo", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pages.Count);
        Assert.Contains("$top=999", pages[0].Query, StringComparison.Ordinal);
        Assert.Contains("$skiptoken=2", pages[1].Query, StringComparison.Ordinal);
        Assert.Contains("$skiptoken=4", pages[2].Query, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_Graph_permission_the_refusal_names_it_and_nothing_is_assigned()
    {
        graph.Forbidden = true;

        var refused = await Assert.ThrowsAsync<ProvisioningException>(() => Provisioner.AddAsync(Person, "Models.Contributor", CancellationToken.None));

        Assert.Contains("AppRoleAssignment.ReadWrite.All", refused.Message, StringComparison.Ordinal);
        Assert.Contains("admin consent", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Authorization_RequestDenied", refused.Message, StringComparison.Ordinal);
        Assert.Empty(graph.Assignments);
    }

    [Fact]
    public async Task Another_Graph_error_is_reported_with_its_code_and_message()
    {
        using var other = Host(graph.BaseUrl, allowLoopback: true, servicePrincipalId: "9e9e9e9e-0000-4000-8000-000000000000");

        var refused = await Assert.ThrowsAsync<ProvisioningException>(
            () => other.Services.GetRequiredService<IRoleProvisioner>().AddAsync(Person, "Models.Contributor", CancellationToken.None));

        Assert.Contains("HTTP 404 Request_ResourceNotFound: Resource '9e9e9e9e-0000-4000-8000-000000000000' does not exist", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_throttled_call_waits_for_Retry_After_and_is_sent_once_more()
    {
        await Provisioner.AddAsync(Other, "Support.Engineer", CancellationToken.None);
        graph.Throttle(1);

        var added = await Provisioner.AddAsync(Person, "Models.Contributor", CancellationToken.None);

        var posts = graph.Requests.Where(r => r.Method == "POST" && r.Json!["principalId"]!.GetValue<string>() == Person).ToList();
        Assert.Equal(2, posts.Count);
        Assert.Equal(posts[0].Body, posts[1].Body);
        Assert.Equal(added.Id, Assert.Single(graph.Assignments, a => a.PrincipalId == Person).Id);
    }

    [Fact]
    public async Task A_loopback_Graph_that_no_administrator_allow_listed_is_never_called()
    {
        using var guarded = Host(graph.BaseUrl, allowLoopback: false);

        var refused = await Assert.ThrowsAsync<ProvisioningException>(
            () => guarded.Services.GetRequiredService<IRoleProvisioner>().ListAsync(CancellationToken.None));

        Assert.Contains("loopback", refused.Message, StringComparison.Ordinal);
        Assert.Empty(graph.Requests);
    }

    private IHost Host(string baseUrl, bool allowLoopback, string servicePrincipalId = FakeGraph.ServicePrincipalId)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = Environments.Production });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Access:Provisioning"] = "Graph",
            ["Access:GraphApi:TenantId"] = "00000000-0000-4000-8000-00000000aaaa",
            ["Access:GraphApi:ClientId"] = "00000000-0000-4000-8000-00000000bbbb",
            ["Access:GraphApi:ClientSecret"] = "unused-by-the-fixed-token",
            ["Access:GraphApi:ResourceServicePrincipalId"] = servicePrincipalId,
            ["Access:GraphApi:BaseUrl"] = baseUrl,
            ["Outbound:AllowedHosts:0"] = allowLoopback ? "127.0.0.1" : "graph.example.com",
        });
        builder.Services.AddOptions<AccessOptions>().BindConfiguration(AccessOptions.SectionName).ValidateDataAnnotations();
        builder.Services.AddGraphRoleProvisioning();
        builder.Services.AddKeyedSingleton<TokenCredential>(GraphRoleProvisioner.CredentialKey, token);
        return builder.Build();
    }
}
