using System.Net;
using System.Net.WebSockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Security;

/// <summary>
/// A page on another site could open a circuit with the person's cookie and act as them; the negotiate request
/// and the WebSocket upgrade are refused unless they come from the portal's own origin (or a configured one).
/// </summary>
public sealed class CircuitOriginTests : IDisposable
{
    private const string Own = "http://localhost";
    private const string Configured = "https://portal.contoso.example";
    private readonly RecordingLoggerProvider logs = new();
    private readonly PortalAppFactory app;

    public CircuitOriginTests()
    {
        app = new PortalAppFactory { ConfigureServices = services => services.AddLogging(builder => builder.AddProvider(logs)) };
        app.Settings["Security:AllowedOrigins:0"] = Configured;
    }

    [Theory]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("http://localhost.evil.example")]
    [InlineData("https://localhost")]
    public async Task Negotiate_from_another_origin_is_refused(string origin)
    {
        using var response = await NegotiateAsync(origin);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_browser_on_https_refused_because_the_portal_sees_http_is_logged_with_the_setting_that_fixes_it()
    {
        // What a TLS-terminating load balancer looks like when its X-Forwarded-Proto is not honoured: the browser's
        // origin is https on the portal's own host, the request reaches the portal as http.
        using var response = await NegotiateAsync("https://localhost");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var warning = Assert.Single(logs.Entries, e => e.Message.StartsWith("Refused a circuit", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("sees the request as http", warning.Message, StringComparison.Ordinal);
        Assert.Contains("Security:KnownProxies", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_sites_refused_request_is_logged_without_the_proxy_hint()
    {
        using var response = await NegotiateAsync("https://evil.example");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var warning = Assert.Single(logs.Entries, e => e.Message.StartsWith("Refused a circuit", StringComparison.Ordinal));
        Assert.Equal("Refused a circuit or live-socket request from origin https://evil.example", warning.Message);
    }

    [Theory]
    [InlineData(Own)]
    [InlineData(Configured)]
    public async Task Negotiate_from_the_portals_own_or_a_configured_origin_is_accepted(string origin)
    {
        using var response = await NegotiateAsync(origin);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_WebSocket_upgrade_from_another_origin_is_refused()
    {
        var token = await ConnectionTokenAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => ConnectAsync(token, "http://evil.example"));

        Assert.Contains("403", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_WebSocket_upgrade_from_the_portals_own_origin_is_accepted()
    {
        var token = await ConnectionTokenAsync();

        using var socket = await ConnectAsync(token, Own);

        Assert.Equal(WebSocketState.Open, socket.State);
        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
    }

    private async Task<HttpResponseMessage> NegotiateAsync(string origin)
    {
        using var client = app.CreateClientAs(Personas.Business);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        return await client.SendAsync(request);
    }

    private async Task<string> ConnectionTokenAsync()
    {
        using var response = await NegotiateAsync(Own);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["connectionToken"]!.GetValue<string>();
    }

    private Task<WebSocket> ConnectAsync(string connectionToken, string origin)
    {
        var client = app.Server.CreateWebSocketClient();
        client.ConfigureRequest = request =>
        {
            request.Headers.Origin = origin;
            request.Headers[TestAuthHandler.HeaderName] = Personas.Business.Id;
        };
        return client.ConnectAsync(new Uri($"ws://localhost/_blazor?id={Uri.EscapeDataString(connectionToken)}"), CancellationToken.None);
    }

    public void Dispose()
    {
        app.Dispose();
        logs.Dispose();
    }
}
