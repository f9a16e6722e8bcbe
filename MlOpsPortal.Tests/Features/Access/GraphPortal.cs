using Azure.Core;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>
/// The portal on a temporary SQLite file configured for Graph provisioning (<c>Access:Provisioning=Graph</c>) against a
/// loopback <see cref="FakeGraph"/>, which an administrator allow-listed; the app identity's token is a fixed one.
/// </summary>
public sealed class GraphPortal : IAsyncLifetime
{
    public FakeGraph Graph { get; private set; } = null!;

    public PortalAppFactory App { get; private set; } = null!;

    public IServiceProvider Services => App.Services;

    public async Task InitializeAsync()
    {
        Graph = await FakeGraph.StartAsync();
        App = new PortalAppFactory
        {
            ConfigureServices = services => services.AddKeyedSingleton<TokenCredential>(GraphRoleProvisioner.CredentialKey, new FakeGraph.FixedToken()),
        };
        App.Settings["Access:Provisioning"] = "Graph";
        App.Settings["Access:GraphApi:TenantId"] = "00000000-0000-4000-8000-00000000aaaa";
        App.Settings["Access:GraphApi:ClientId"] = "00000000-0000-4000-8000-00000000bbbb";
        App.Settings["Access:GraphApi:ClientSecret"] = "unused-by-the-fixed-token";
        App.Settings["Access:GraphApi:ResourceServicePrincipalId"] = FakeGraph.ServicePrincipalId;
        App.Settings["Access:GraphApi:BaseUrl"] = Graph.BaseUrl;
        App.Settings["Outbound:AllowedHosts:0"] = "127.0.0.1";
    }

    public async Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await Graph.DisposeAsync();
    }
}
