using System.Text.Json.Nodes;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>
/// The few Microsoft Graph v1.0 endpoints the portal calls, on a real loopback port, answering with Graph's documented
/// JSON shapes: the resource service principal's <c>appRoles</c>, its <c>appRoleAssignedTo</c> collection (paged with
/// <c>@odata.nextLink</c>), assignment creation and deletion, and Graph's error body. Requests are recorded.
/// </summary>
public sealed class FakeGraph : IAsyncDisposable
{
    public const string ServicePrincipalId = "6f0d6e2a-55c3-4d52-9a43-0c6f3e1d2b11";

    private readonly WebApplication app;
    private readonly List<Assignment> assignments = [];
    private readonly List<RecordedRequest> requests = [];
    private int throttledAnswersLeft;
    private int nextId;
    private Func<Task>? beforeNextAssignment;

    private FakeGraph(WebApplication app) => this.app = app;

    /// <summary>The app roles the portal's enterprise application defines: value → id.</summary>
    public Dictionary<string, Guid> AppRoles { get; } = new()
    {
        ["Portal.Admin"] = Guid.Parse("a1a1a1a1-0000-4000-8000-000000000001"),
        ["Models.Contributor"] = Guid.Parse("a1a1a1a1-0000-4000-8000-000000000002"),
        ["Support.Engineer"] = Guid.Parse("a1a1a1a1-0000-4000-8000-000000000004"),
        ["Compliance.Auditor"] = Guid.Parse("a1a1a1a1-0000-4000-8000-000000000007"),
        ["Registry.Write"] = Guid.Parse("a1a1a1a1-0000-4000-8000-000000000008"),
    };

    /// <summary>Assignments per page of appRoleAssignedTo (Graph's own page size is larger; small pages make paging visible).</summary>
    public int PageSize { get; set; } = 100;

    /// <summary>Answers every request with 403 Authorization_RequestDenied, as Graph does without the permission.</summary>
    public bool Forbidden { get; set; }

    public string BaseUrl { get; private set; } = string.Empty;

    public IReadOnlyList<Assignment> Assignments
    {
        get
        {
            lock (assignments)
            {
                return [.. assignments];
            }
        }
    }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (requests)
            {
                return [.. requests];
            }
        }
    }

    public static async Task<FakeGraph> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var graph = new FakeGraph(builder.Build());
        graph.Map();
        await graph.app.StartAsync();
        graph.BaseUrl = graph.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/v1.0";
        return graph;
    }

    /// <summary>The next <paramref name="count"/> requests get 429 with <c>Retry-After: 1</c>.</summary>
    public void Throttle(int count) => Interlocked.Exchange(ref throttledAnswersLeft, count);

    /// <summary>
    /// Runs <paramref name="work"/> when the next assignment request arrives, before it is answered: what the portal does
    /// meanwhile, while it waits for Graph.
    /// </summary>
    public void WhileAssigning(Func<Task> work) => Interlocked.Exchange(ref beforeNextAssignment, work);

    /// <summary>An assignment made in Entra directly (before the portal, or beside it).</summary>
    public Assignment Assign(string principalId, string principalName, string role, string principalType = "User")
    {
        lock (assignments)
        {
            var assignment = new Assignment($"assignment-{++nextId}", principalId, principalName, principalType, AppRoles[role]);
            assignments.Add(assignment);
            return assignment;
        }
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private void Map()
    {
        app.Use(async (context, next) =>
        {
            context.Request.EnableBuffering();
            var body = await new StreamReader(context.Request.Body).ReadToEndAsync();
            context.Request.Body.Position = 0;
            lock (requests)
            {
                requests.Add(new RecordedRequest(context.Request.Method, context.Request.Path, Uri.UnescapeDataString(context.Request.QueryString.Value ?? string.Empty),
                    context.Request.Headers.Authorization.ToString(), body));
            }

            if (Forbidden)
            {
                await ErrorAsync(context, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
            }
            else if (Interlocked.Decrement(ref throttledAnswersLeft) >= 0)
            {
                context.Response.Headers.RetryAfter = "1";
                await ErrorAsync(context, 429, "TooManyRequests", "Too many requests.");
            }
            else
            {
                await next(context);
            }
        });

        app.MapGet("/v1.0/servicePrincipals/{id}", (string id) => id != ServicePrincipalId ? NotFound(id) : Results.Json(new JsonObject
        {
            ["@odata.context"] = $"{BaseUrl}/$metadata#servicePrincipals(appRoles)/$entity",
            ["appRoles"] = new JsonArray([.. AppRoles.Select(r => (JsonNode)new JsonObject
            {
                ["allowedMemberTypes"] = new JsonArray(r.Key.EndsWith(".Write", StringComparison.Ordinal) ? "Application" : "User"),
                ["description"] = r.Key,
                ["displayName"] = r.Key,
                ["id"] = r.Value.ToString(),
                ["isEnabled"] = true,
                ["origin"] = "Application",
                ["value"] = r.Key,
            }),
            ]),
        }));

        app.MapGet("/v1.0/servicePrincipals/{id}/appRoleAssignedTo", (string id, HttpRequest request) =>
        {
            if (id != ServicePrincipalId)
            {
                return NotFound(id);
            }

            var skip = int.TryParse(request.Query["$skiptoken"], out var token) ? token : 0;
            var all = Assignments;
            var page = new JsonObject
            {
                ["@odata.context"] = $"{BaseUrl}/$metadata#servicePrincipals('{id}')/appRoleAssignedTo",
                ["value"] = new JsonArray([.. all.Skip(skip).Take(PageSize).Select(a => (JsonNode)a.ToJson())]),
            };
            if (skip + PageSize < all.Count)
            {
                page["@odata.nextLink"] = $"{BaseUrl}/servicePrincipals/{id}/appRoleAssignedTo?$top={PageSize}&$skiptoken={skip + PageSize}";
            }

            return Results.Json(page);
        });

        app.MapPost("/v1.0/servicePrincipals/{id}/appRoleAssignedTo", async (string id, HttpRequest request) =>
        {
            if (Interlocked.Exchange(ref beforeNextAssignment, null) is { } work)
            {
                await work();
            }

            var body = (await JsonNode.ParseAsync(request.Body))!;
            var principal = body["principalId"]!.GetValue<string>();
            var role = Guid.Parse(body["appRoleId"]!.GetValue<string>());
            if (id != ServicePrincipalId || body["resourceId"]?.GetValue<string>() != ServicePrincipalId)
            {
                return Error(400, "Request_BadRequest", "Invalid resourceId.");
            }

            lock (assignments)
            {
                if (assignments.Any(a => a.PrincipalId == principal && a.AppRoleId == role))
                {
                    return Error(400, "Request_BadRequest", "Permission being assigned already exists on the object.");
                }

                var created = new Assignment($"assignment-{++nextId}", principal, $"Person {principal[..8]}", "User", role);
                assignments.Add(created);
                return Results.Json(created.ToJson(), statusCode: 201);
            }
        });

        app.MapDelete("/v1.0/servicePrincipals/{id}/appRoleAssignedTo/{assignmentId}", (string id, string assignmentId) =>
        {
            lock (assignments)
            {
                return assignments.RemoveAll(a => a.Id == assignmentId) == 0 ? NotFound(assignmentId) : Results.NoContent();
            }
        });
    }

    private static IResult NotFound(string id) =>
        Error(404, "Request_ResourceNotFound", $"Resource '{id}' does not exist or one of its queried reference-property objects are not present.");

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new { error = new { code, message, innerError = new { date = "2025-01-01T00:00:00", requestId = Guid.Empty } } }, statusCode: status);

    private static Task ErrorAsync(HttpContext context, int status, string code, string message) =>
        Error(status, code, message).ExecuteAsync(context);

    public sealed record Assignment(string Id, string PrincipalId, string PrincipalName, string PrincipalType, Guid AppRoleId)
    {
        public JsonObject ToJson() => new()
        {
            ["id"] = Id,
            ["deletedDateTime"] = null,
            ["appRoleId"] = AppRoleId.ToString(),
            ["createdDateTime"] = "2025-01-01T00:00:00Z",
            ["principalDisplayName"] = PrincipalName,
            ["principalId"] = PrincipalId,
            ["principalType"] = PrincipalType,
            ["resourceDisplayName"] = "MlOpsPortal",
            ["resourceId"] = ServicePrincipalId,
        };
    }

    public sealed record RecordedRequest(string Method, string Path, string Query, string Authorization, string Body)
    {
        public JsonNode? Json => string.IsNullOrEmpty(Body) ? null : JsonNode.Parse(Body);
    }

    /// <summary>A token without Entra: the provisioner's credential in tests.</summary>
    public sealed class FixedToken : TokenCredential
    {
        public const string Value = "test-graph-token";

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            lock (Scopes)
            {
                Scopes.AddRange(requestContext.Scopes);
            }

            return new AccessToken(Value, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
