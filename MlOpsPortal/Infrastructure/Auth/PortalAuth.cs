using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;
using MlOpsPortal.Infrastructure.Configuration;

namespace MlOpsPortal.Infrastructure.Auth;

public static class PortalAuth
{
    public const string LoginPath = "/account/login";
    public const string AccessDeniedPath = "/account/access-denied";

    public static WebApplicationBuilder AddPortalAuth(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ApiKeysOptions>()
            .BindConfiguration(ApiKeysOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<ApiKeysService>();
        services.AddOptions<EntraOptions>().BindConfiguration(EntraOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        // Entra ID when configured; otherwise the development sign-in (Development only).
        var entra = builder.GetValidatedOptions<EntraOptions>();
        if (entra.Configured)
        {
            // Microsoft.Identity.Web binds its own options from the section (audience, callback paths, secrets…).
            AddEntra(services, builder.Configuration.GetSection(EntraOptions.SectionName));
        }
        else if (builder.Environment.IsDevelopment())
        {
            services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie();
        }
        else
        {
            throw new InvalidOperationException(
                $"Sign-in is not configured for the '{builder.Environment.EnvironmentName}' environment. Missing settings: " +
                $"{EntraOptions.SectionName}:TenantId, {EntraOptions.SectionName}:ClientId (and {EntraOptions.SectionName}:Instance if not the public cloud). " +
                "The development sign-in is only available when ASPNETCORE_ENVIRONMENT is Development.");
        }

        PortalApiAuthentication.Add(services.AddAuthentication(), bearerTokens: entra.Configured);
        // Behind a TLS-terminating proxy the forwarded scheme makes the request https; outside Development the portal's
        // cookies (sign-in and antiforgery) are never sent over plain http either way.
        var securePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        services.Configure<AntiforgeryOptions>(options => options.Cookie.SecurePolicy = securePolicy);
        services.PostConfigure<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme, options =>
        {
            options.LoginPath = LoginPath;
            options.AccessDeniedPath = AccessDeniedPath;
            options.Cookie.Name = "MlOpsPortal.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = securePolicy;
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            // A signed-in user who lacks the role gets a real 403 (rendered as the access-denied page), not a redirect.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
            var redirectToLogin = options.Events.OnRedirectToLogin;
            options.Events.OnRedirectToLogin = context =>
            {
                if (context.Request.Path.StartsWithSegments("/api"))
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    return Task.CompletedTask;
                }

                return redirectToLogin(context);
            };
            SignInAuditing.Attach(options);
            ServerSessions.Attach(options);
        });

        services.AddAuthorization(Policies.Configure);
        // Roles granted, revoked or removed in the portal count from the person's next action (CurrentRoles).
        services.AddSingleton<CurrentRoles>();
        services.AddHttpContextAccessor();
        services.AddTransient<IClaimsTransformation, CurrentRolesTransformation>();
        services.AddTransient<DefaultAuthorizationService>();
        services.Replace(ServiceDescriptor.Transient<IAuthorizationService, CurrentRolesAuthorization>());
        services.AddOptions<CircuitRevalidationOptions>().BindConfiguration(CircuitRevalidationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddCascadingAuthenticationState();
        services.AddSingleton<PortalSessionStore>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingSessionStateProvider>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, AccessDeniedAuditingHandler>();
        return builder;
    }

    /// <summary>
    /// Client-credential tokens carry no person's name; the audit log then names the calling app by its client id.
    /// </summary>
    private static void NameTheApplication(System.Security.Claims.ClaimsPrincipal? principal)
    {
        if (principal?.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == PortalClaims.Name))
        {
            var app = identity.FindFirst("azp")?.Value ?? identity.FindFirst("appid")?.Value;
            if (app is not null)
            {
                identity.AddClaim(new System.Security.Claims.Claim(PortalClaims.Name, $"App {app}"));
            }
        }
    }

    private static void AddEntra(IServiceCollection services, IConfigurationSection section)
    {
        services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApp(section, OpenIdConnectDefaults.AuthenticationScheme, CookieAuthenticationDefaults.AuthenticationScheme);
        // Pipelines and model services call /api/v1 with client-credential tokens; the API policies name this scheme.
        services.AddAuthentication()
            .AddMicrosoftIdentityWebApi(section, JwtBearerDefaults.AuthenticationScheme);

        // Keep Entra's claim names as issued so "roles" is the role claim for pages, services and audit alike.
        services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = PortalClaims.Name;
            options.TokenValidationParameters.RoleClaimType = PortalRoles.ClaimType;
        });
        services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = PortalClaims.Name;
            options.TokenValidationParameters.RoleClaimType = PortalRoles.ClaimType;
            var validated = options.Events.OnTokenValidated;
            options.Events.OnTokenValidated = async context =>
            {
                await validated(context);
                NameTheApplication(context.Principal);
            };
        });
        services.AddScoped<MicrosoftIdentityConsentAndConditionalAccessHandler>();
    }
}
