using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Auth;

public sealed class StartupConfigurationTests
{
    [Fact]
    public void Production_without_Entra_settings_refuses_to_start_and_names_them()
    {
        using var app = new PortalAppFactory { EnvironmentName = "Production", UseTestAuthentication = false };

        var error = Assert.ThrowsAny<Exception>(() => app.Services);

        var message = Flatten(error);
        Assert.Contains("AzureAd:ClientId", message, StringComparison.Ordinal);
        Assert.Contains("AzureAd:TenantId", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entra_configuration_registers_cookie_openidconnect_and_bearer_schemes()
    {
        using var app = EntraApp();

        var schemes = app.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Equal(OpenIdConnectDefaults.AuthenticationScheme, (await schemes.GetDefaultChallengeSchemeAsync())?.Name);
        Assert.NotNull(await schemes.GetSchemeAsync("Cookies"));
        Assert.NotNull(await schemes.GetSchemeAsync(OpenIdConnectDefaults.AuthenticationScheme));
        Assert.NotNull(await schemes.GetSchemeAsync(JwtBearerDefaults.AuthenticationScheme));
    }

    [Theory]
    [InlineData(OpenIdConnectDefaults.AuthenticationScheme)]
    [InlineData(JwtBearerDefaults.AuthenticationScheme)]
    public async Task A_token_roles_claim_becomes_the_role_checked_by_policies(string scheme)
    {
        using var app = EntraApp();
        var parameters = scheme == JwtBearerDefaults.AuthenticationScheme
            ? app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(scheme).TokenValidationParameters.Clone()
            : app.Services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(scheme).TokenValidationParameters.Clone();
        var key = new SymmetricSecurityKey(new byte[32]);
        parameters.IssuerSigningKey = key;
        parameters.ValidIssuer = "https://login.microsoftonline.com/tenant/v2.0";
        parameters.ValidAudience = "api://portal";
        parameters.ValidateIssuer = true;
        parameters.ValidateAudience = true;
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = parameters.ValidIssuer,
            Audience = parameters.ValidAudience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object>
            {
                ["roles"] = new[] { PortalRoles.ComplianceAuditor },
                ["name"] = "Aldo Auditor",
                ["oid"] = "00000000-0000-0000-0000-000000000042",
            },
        });

        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);

        Assert.True(validated.IsValid, validated.Exception?.Message);
        var user = new ClaimsPrincipal(validated.ClaimsIdentity);
        var authorization = app.Services.GetRequiredService<IAuthorizationService>();
        Assert.True(user.IsInRole(PortalRoles.ComplianceAuditor));
        Assert.Equal("Aldo Auditor", user.Identity!.Name);
        Assert.True((await authorization.AuthorizeAsync(user, Policies.Audit)).Succeeded);
        Assert.False((await authorization.AuthorizeAsync(user, Policies.Admin)).Succeeded);
    }

    private static PortalAppFactory EntraApp()
    {
        var app = new PortalAppFactory { EnvironmentName = "Production", UseTestAuthentication = false };
        app.Settings["AzureAd:Instance"] = "https://login.microsoftonline.com/";
        app.Settings["AzureAd:TenantId"] = "11111111-1111-1111-1111-111111111111";
        app.Settings["AzureAd:ClientId"] = "22222222-2222-2222-2222-222222222222";
        app.Settings["AzureAd:Audience"] = "api://portal";
        return app;
    }

    private static string Flatten(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join(" | ", messages);
    }
}
