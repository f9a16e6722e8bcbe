using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using MlOpsPortal.Infrastructure.Auth;
using Scalar.AspNetCore;

namespace MlOpsPortal.Infrastructure.Api;

/// <summary>
/// What every <c>/api</c> endpoint shares: JSON conventions, problem details for every error (in Development
/// too), and the OpenAPI document with its browsable reference, both open to anyone.
/// </summary>
public static class PortalApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string ReferencePath = "/scalar";

    public static bool IsApiRequest(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Path.StartsWithSegments("/api");
    }

    public static WebApplicationBuilder AddPortalApi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        // Without this, Production answers a malformed body with a bare 400; the handler can only explain what it sees.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Detail ??= DefaultDetail(context.ProblemDetails.Status, context.HttpContext.Request));
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                Describe(document);
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>camelCase; enums as their names (or the names their members declare), never as numbers; no NUL in text.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false));
        options.Converters.Add(new TextWithoutNul());
    }

    /// <summary>Exceptions and bare error statuses of <c>/api</c> requests become problem details.</summary>
    public static IApplicationBuilder UsePortalApiErrors(this IApplicationBuilder app) =>
        app.UseWhen(context => IsApiRequest(context.Request), api =>
        {
            api.UseExceptionHandler();
            api.UseStatusCodePages();
            api.UseJsonCharsetCheck();
        });

    /// <summary>
    /// Answers <c>/api</c> requests that no API endpoint takes (unknown path: 404; wrong method: 405; not JSON: 415)
    /// before authentication. Otherwise the portal's fallback policy, which knows only the sign-in cookie, would
    /// tell a caller holding a valid key that it is not authenticated. Goes between routing and authentication.
    /// </summary>
    public static IApplicationBuilder UseUnmatchedApiRequests(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var endpoint = context.GetEndpoint();
            // A real API endpoint (it has a route pattern) always goes through authentication and authorization, so
            // one that forgot RequireAuthorization still falls under the fallback policy. Only routing's own 405/415
            // answers, which have no pattern, are given here.
            if (!IsApiRequest(context.Request) || endpoint is RouteEndpoint)
            {
                await next(context);
            }
            else if (endpoint?.RequestDelegate is { } respond)
            {
                await respond(context);
            }
            else
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
        });

    /// <summary>The OpenAPI document and its reference UI: describing the API is no secret, so no sign-in.</summary>
    public static IEndpointRouteBuilder MapPortalApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        endpoints.MapScalarApiReference(ReferencePath, options => options
                .WithTitle("MlOpsPortal API")
                .AddPreferredSecuritySchemes(ApiKeyAuthenticationHandler.SchemeName))
            .AllowAnonymous();
        return endpoints;
    }

    private static void Describe(OpenApiDocument document)
    {
        document.Info.Title = "MlOpsPortal API";
        document.Info.Description =
            "The model registry for pipelines and model services. Send an API key in the X-Api-Key header (Administration → API keys), " +
            "or an Entra ID client-credential token with the Registry.Write app role. Errors are RFC 7807 problem details.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[ApiKeyAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyAuthenticationHandler.HeaderName,
            Description = "A portal-issued API key with the Registry.Write scope for writes.",
        };
        document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = "An Entra ID token for the portal's Application ID URI, carrying the Registry.Write app role for writes.",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("Bearer", document)] = [] },
        ];
    }

    private static string? DefaultDetail(int? status, HttpRequest request) => status switch
    {
        StatusCodes.Status404NotFound => $"There is no API endpoint at {request.Method} {request.Path}. The endpoints are listed at {ReferencePath}.",
        StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}. See {ReferencePath} for the methods it accepts.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with the header Content-Type: application/json.",
        StatusCodes.Status401Unauthorized => "Send an API key in the X-Api-Key header or an Entra ID bearer token.",
        StatusCodes.Status403Forbidden => "Your credentials do not allow this.",
        _ => null,
    };
}
