using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Auth;

public sealed record RouteAccessRow(string Method, string Route, string Request, string Policy, IReadOnlyDictionary<string, string> Expected)
{
    public string Key => RouteAccessTable.Key(Method, Route);

    /// <summary>The method the test sends: GET for pages and endpoints that take any method.</summary>
    public HttpMethod RequestMethod => Method is RouteAccessTable.AnyMethod || Method.Split(',').Contains("GET")
        ? HttpMethod.Get
        : HttpMethod.Parse(Method);
}

/// <summary>The checked-in route × identity table (<c>route-access.md</c> beside this file), parsed.</summary>
public static class RouteAccessTable
{
    public const string AnyMethod = "ANY";
    public const string Anonymous = "anonymous";
    public const string ExpiredKey = "key:expired";
    public const string RevokedKey = "key:revoked";
    public const string KeyColumnPrefix = "key:";
    public const string AnonymousPolicy = "anonymous";
    public const string FallbackPolicy = "fallback";

    private const int FixedColumns = 4;
    private const string EntraOnlyHeader = "| Method (Entra ID only) |";

    public static string FilePath { get; } = Path.Combine(RepositoryPaths.Root, "MlOpsPortal.Tests", "Infrastructure", "Auth", "route-access.md");

    /// <summary>Every identity the table must have a column for, from the code: a new role or scope needs a column.</summary>
    public static IReadOnlyList<string> RequiredIdentities { get; } =
    [
        Anonymous,
        .. PortalRoles.UserRoles,
        .. PortalRoles.ApiScopes.Select(scope => KeyColumnPrefix + scope),
        ExpiredKey,
        RevokedKey,
    ];

    public static IReadOnlyList<string> Identities => Load().Identities;

    public static IReadOnlyList<RouteAccessRow> Rows => Load().Rows;

    /// <summary>Endpoints mapped only when Entra ID is configured: (method and route, policy).</summary>
    public static IReadOnlyDictionary<string, string> EntraOnlyPolicies
    {
        get
        {
            var lines = File.ReadAllLines(FilePath).Select(l => l.Trim()).ToList();
            var header = lines.FindIndex(l => l.StartsWith(EntraOnlyHeader, StringComparison.Ordinal));
            return header < 0
                ? new Dictionary<string, string>()
                : lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')).Select(Cells)
                    .ToDictionary(c => Key(c[0], c[1]), c => c[2], StringComparer.Ordinal);
        }
    }

    public static string Key(string method, string route) => $"{method} {route}";

    public static string KeyOf(RouteEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
        return Key(methods is null || methods.Count == 0 ? AnyMethod : string.Join(',', methods), endpoint.RoutePattern.RawText ?? string.Empty);
    }

    /// <summary>What the endpoint itself declares, in the table's words.</summary>
    public static string PolicyOf(Endpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
        {
            return AnonymousPolicy;
        }

        var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(default)").Distinct().ToList();
        return policies.Count == 0 ? FallbackPolicy : string.Join('+', policies);
    }

    private static (IReadOnlyList<string> Identities, IReadOnlyList<RouteAccessRow> Rows) Load()
    {
        var lines = File.ReadAllLines(FilePath).Select(l => l.Trim()).ToList();
        var header = lines.FindIndex(l => l.StartsWith("| Method |", StringComparison.Ordinal));
        if (header < 0)
        {
            throw new InvalidOperationException($"{FilePath} has no table starting with '| Method |'.");
        }

        var columns = Cells(lines[header]);
        var identities = columns.Skip(FixedColumns).ToList();
        var rows = new List<RouteAccessRow>();
        foreach (var line in lines.Skip(header + 2).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = Cells(line);
            if (cells.Count != columns.Count)
            {
                throw new InvalidOperationException($"{FilePath}: the row '{line}' has {cells.Count} cells; the header has {columns.Count}.");
            }

            var expected = identities.Select((identity, i) => (identity, cell: cells[FixedColumns + i]))
                .ToDictionary(c => c.identity, c => c.cell, StringComparer.Ordinal);
            rows.Add(new RouteAccessRow(cells[0], cells[1], cells[2], cells[3], expected));
        }

        return (identities, rows);
    }

    private static List<string> Cells(string line) =>
        [.. line.Trim('|').Split('|').Select(c => c.Trim().Trim('`'))];
}
