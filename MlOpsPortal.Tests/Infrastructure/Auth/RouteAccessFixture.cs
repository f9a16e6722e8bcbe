using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Auth;

/// <summary>
/// One portal for the whole table, with one client per identity: personas through the test sign-in, and API keys
/// created through <see cref="ApiKeysService"/> (one per scope; one with every scope whose expiry the clock passes;
/// one with every scope that an administrator revoked).
/// </summary>
public sealed class RouteAccessFixture : IAsyncLifetime
{
    /// <summary>Each response names the endpoint that routing chose for the request, so a row cannot test another route.</summary>
    public const string EndpointHeader = "X-Test-Endpoint";

    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly Dictionary<string, HttpClient> clients = new(StringComparer.Ordinal);

    public RouteAccessFixture()
    {
        App = new PortalAppFactory
        {
            ConfigureServices = services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton<IStartupFilter, EchoEndpoint>();
            },
        };
    }

    public PortalAppFactory App { get; }

    public HttpClient ClientFor(string identity) => clients.TryGetValue(identity, out var client)
        ? client
        : throw new InvalidOperationException($"The table has a column '{identity}' the test does not know how to act as.");

    public async Task InitializeAsync()
    {
        var keys = App.Services.GetRequiredService<ApiKeysService>();
        clients[RouteAccessTable.Anonymous] = App.CreateClientAs(null);
        foreach (var role in PortalRoles.UserRoles)
        {
            clients[role] = App.CreateClientAs(Personas.ForRole(role));
        }

        foreach (var scope in PortalRoles.ApiScopes)
        {
            clients[RouteAccessTable.KeyColumnPrefix + scope] = App.CreateClientWithKey((await App.CreateKeyAsync($"route-access {scope}", scope)).Secret);
        }

        var today = DateOnly.FromDateTime(Start.UtcDateTime);
        var expired = await keys.CreateAsync(Personas.Admin, new ApiKeyInput("route-access expired", [.. PortalRoles.ApiScopes], today.AddDays(1)));
        clients[RouteAccessTable.ExpiredKey] = App.CreateClientWithKey(expired.Secret);
        var revoked = await App.CreateKeyAsync("route-access revoked", [.. PortalRoles.ApiScopes]);
        await keys.RevokeAsync(Personas.Admin, revoked.Key.Id, "Route access table: a revoked key");
        clients[RouteAccessTable.RevokedKey] = App.CreateClientWithKey(revoked.Secret);

        // Past the short key's last day; every other key lives 90 days.
        clock.Advance(TimeSpan.FromDays(3));
    }

    public Task DisposeAsync()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }

        App.Dispose();
        return Task.CompletedTask;
    }

    private sealed class EchoEndpoint : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                // Exception handlers and status pages clear or replace the endpoint; the first one routing chose is what was authorized.
                var chosen = new FirstEndpointFeature();
                context.Features.Set<IEndpointFeature>(chosen);
                context.Response.OnStarting(() =>
                {
                    if (chosen.First is { } route)
                    {
                        context.Response.Headers[EndpointHeader] = RouteAccessTable.KeyOf(route);
                    }

                    return Task.CompletedTask;
                });
                await nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class FirstEndpointFeature : IEndpointFeature
    {
        private Endpoint? endpoint;

        public RouteEndpoint? First { get; private set; }

        public Endpoint? Endpoint
        {
            get => endpoint;
            set
            {
                endpoint = value;
                First ??= value as RouteEndpoint;
            }
        }
    }
}
