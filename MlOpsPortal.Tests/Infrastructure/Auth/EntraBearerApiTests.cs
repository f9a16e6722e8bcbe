using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Auth;

/// <summary>
/// A pipeline's client-credential token, as Entra ID would issue it, through the real JwtBearer handler. Only the
/// signing key and metadata are the test's own: Entra's keys cannot be fetched here.
/// </summary>
public sealed class EntraBearerApiTests : IDisposable
{
    private const string Tenant = "11111111-1111-1111-1111-111111111111";
    private const string Audience = "api://mlopsportal";
    private static readonly string Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";
    private readonly SymmetricSecurityKey key = new(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
    private readonly PortalAppFactory app;

    public EntraBearerApiTests()
    {
        app = new PortalAppFactory
        {
            EnvironmentName = "Production",
            UseTestAuthentication = false,
            ConfigureServices = services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                options.Configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
                options.TokenValidationParameters.IssuerSigningKey = key;
                options.TokenValidationParameters.ValidIssuer = Issuer;
                options.TokenValidationParameters.IssuerValidator = null;
                options.TokenValidationParameters.ValidAudience = Audience;
            }),
        };
        app.Settings["AzureAd:Instance"] = "https://login.microsoftonline.com/";
        app.Settings["AzureAd:TenantId"] = Tenant;
        app.Settings["AzureAd:ClientId"] = "22222222-2222-2222-2222-222222222222";
        app.Settings["AzureAd:Audience"] = Audience;
    }

    [Fact]
    public async Task A_token_with_the_Registry_Write_app_role_registers_a_model()
    {
        using var client = ClientWithToken(PortalRoles.RegistryWrite);

        using var response = await client.PostJsonAsync("/api/v1/models", Model());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var audit = await app.QueryAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.AuditEvents, e => e.Action == "model.created"));
        Assert.Equal("App 44444444-4444-4444-4444-444444444444", audit.ActorName);
        Assert.Equal("33333333-3333-3333-3333-333333333333", audit.ActorId);
    }

    [Fact]
    public async Task A_token_without_the_role_may_read_but_not_write()
    {
        using var client = ClientWithToken(PortalRoles.MetricsWrite);

        using var write = await client.PostJsonAsync("/api/v1/models", Model());
        using var read = await client.GetPathAsync("/api/v1/models");

        await write.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_by_someone_else_is_401()
    {
        using var client = ClientWithToken(PortalRoles.RegistryWrite, new SymmetricSecurityKey(new byte[32]));

        using var response = await client.PostJsonAsync("/api/v1/models", Model());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public void Dispose() => app.Dispose();

    private HttpClient ClientWithToken(string role, SecurityKey? signWith = null)
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            SigningCredentials = new SigningCredentials(signWith ?? key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                ["roles"] = new[] { role },
                ["oid"] = "33333333-3333-3333-3333-333333333333",
                ["azp"] = "44444444-4444-4444-4444-444444444444",
                ["tid"] = Tenant,
            },
        });
        var client = app.CreateClientAs(null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static object Model() => new
    {
        key = "entra-model", displayName = "Entra model", description = "", owner = "CI", businessUnit = "Platform", useCase = "", riskTier = "Low", tags = Array.Empty<string>(),
    };
}
