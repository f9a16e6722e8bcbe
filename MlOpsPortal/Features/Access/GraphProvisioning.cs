using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;
using MlOpsPortal.Infrastructure.Outbound;

namespace MlOpsPortal.Features.Access;

/// <summary>What <see cref="GraphRoleProvisioner"/> needs: the app identity's credential and an HTTP client for Graph.</summary>
public static class GraphProvisioning
{
    /// <summary>
    /// How long a throttled call may wait in total for Graph's Retry-After before it gives up: a person waits on a grant
    /// or a revocation, and the daily drift check runs again anyway.
    /// </summary>
    public static readonly TimeSpan RetriesTimeLimit = TimeSpan.FromSeconds(30);

    public static IServiceCollection AddGraphRoleProvisioning(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKeyedSingleton<TokenCredential>(GraphRoleProvisioner.CredentialKey, (provider, _) =>
        {
            var graph = provider.GetRequiredService<IOptions<AccessOptions>>().Value.GraphApi;
            return new ClientSecretCredential(graph.TenantId, graph.ClientId, graph.ClientSecret);
        });

        // Graph's own middleware (retries honouring Retry-After, telemetry headers) without its redirect handler: outbound
        // calls never follow redirects (DESIGN §5), and the guard keeps them off the portal's own network.
        services.AddHttpClient(GraphRoleProvisioner.HttpClientName)
            .ConfigureAdditionalHttpMessageHandlers((handlers, _) =>
            {
                foreach (var handler in Middleware())
                {
                    handlers.Add(handler);
                }
            })
            .UseOutboundGuard();
        services.AddSingleton<IRoleProvisioner, GraphRoleProvisioner>();
        return services;
    }

    private static IEnumerable<DelegatingHandler> Middleware()
    {
        foreach (var handler in GraphClientFactory.CreateDefaultHandlers())
        {
            switch (handler)
            {
                case RedirectHandler:
                    handler.Dispose();
                    break;
                case RetryHandler:
                    handler.Dispose();
                    yield return new RetryHandler(new RetryHandlerOption { MaxRetry = 3, RetriesTimeLimit = RetriesTimeLimit });
                    break;
                default:
                    yield return handler;
                    break;
            }
        }
    }
}
