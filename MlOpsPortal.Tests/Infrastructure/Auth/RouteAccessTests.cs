using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticAssets;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Auth;

/// <summary>
/// The route × identity table (<c>route-access.md</c>) is the specification of access: every endpoint and page of the
/// running portal has a row, and every cell holds for a real request.
/// </summary>
public sealed class RouteAccessTests(RouteAccessFixture fixture) : IClassFixture<RouteAccessFixture>
{
    /// <summary>Framework plumbing, not portal routes: the development static-file fallback and Blazor's own endpoints.</summary>
    private static readonly HashSet<string> NotPortalRoutes = new(StringComparer.Ordinal)
    {
        "{**path:file}",
        "/_blazor",
        "/_blazor/negotiate",
        "/_blazor/disconnect/",
        "/_blazor/initializers/",
        "/_framework/opaque-redirect",
    };

    public static TheoryData<string> RowKeys()
    {
        var data = new TheoryData<string>();
        foreach (var row in RouteAccessTable.Rows)
        {
            data.Add(row.Key);
        }

        return data;
    }

    [Fact]
    public void The_table_has_a_column_for_anonymous_each_persona_each_api_scope_and_expired_and_revoked_keys()
    {
        Assert.Equal(RouteAccessTable.RequiredIdentities, RouteAccessTable.Identities);
        var rows = RouteAccessTable.Rows;
        Assert.All(rows, row => Assert.All(row.Expected, cell => Assert.True(cell.Value is "allow" or "401" or "403",
            $"{row.Key}, {cell.Key}: '{cell.Value}' is not allow, 401 or 403.")));
        var duplicates = rows.GroupBy(r => r.Key).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "Rows listed twice: " + string.Join(", ", duplicates));
    }

    [Fact]
    public void Every_endpoint_has_a_row_naming_its_policy_and_every_row_an_endpoint()
    {
        var endpoints = PortalEndpoints(fixture.App);
        var rows = RouteAccessTable.Rows.ToDictionary(r => r.Key, r => r.Policy, StringComparer.Ordinal);
        var problems = Disagreements(endpoints, rows);
        var keys = endpoints.Select(RouteAccessTable.KeyOf).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(rows.Keys.Where(k => !keys.Contains(k)).Select(k => $"the row {k} names no endpoint of the app"));
        Assert.True(problems.Count == 0, $"{RouteAccessTable.FilePath} and the app disagree:\n" + string.Join('\n', problems));
    }

    [Fact]
    public void With_Entra_ID_every_endpoint_has_a_row_too()
    {
        using var entra = new PortalAppFactory { EnvironmentName = "Production", UseTestAuthentication = false };
        entra.Settings["AzureAd:Instance"] = "https://login.microsoftonline.com/";
        entra.Settings["AzureAd:TenantId"] = "11111111-1111-1111-1111-111111111111";
        entra.Settings["AzureAd:ClientId"] = "22222222-2222-2222-2222-222222222222";
        entra.Settings["AzureAd:Audience"] = "api://mlopsportal";
        var endpoints = PortalEndpoints(entra);
        var entraOnly = RouteAccessTable.EntraOnlyPolicies;
        var rows = RouteAccessTable.Rows.ToDictionary(r => r.Key, r => r.Policy, StringComparer.Ordinal);
        foreach (var (key, policy) in entraOnly)
        {
            rows[key] = policy;
        }

        var problems = Disagreements(endpoints, rows);
        var keys = endpoints.Select(RouteAccessTable.KeyOf).ToHashSet(StringComparer.Ordinal);
        problems.AddRange(entraOnly.Keys.Where(k => !keys.Contains(k)).Select(k => $"the Entra ID row {k} names no endpoint of the app"));
        Assert.NotEmpty(entraOnly);
        Assert.True(problems.Count == 0, $"{RouteAccessTable.FilePath} and the app with Entra ID disagree:\n" + string.Join('\n', problems));
    }

    [Theory]
    [MemberData(nameof(RowKeys))]
    public async Task Every_identity_gets_what_the_table_says(string rowKey)
    {
        var row = RouteAccessTable.Rows.Single(r => r.Key == rowKey);
        var outcomes = new List<string?>();
        foreach (var cell in row.Expected)
        {
            using var request = new HttpRequestMessage(row.RequestMethod, new Uri(row.Request, UriKind.Relative));
            if (row.RequestMethod == HttpMethod.Post || row.RequestMethod == HttpMethod.Put)
            {
                // The API takes JSON; the account endpoints take forms (a JSON body would be routed to the page of the same path).
                request.Content = row.Request.StartsWith("/api/", StringComparison.Ordinal)
                    ? new StringContent("{}", Encoding.UTF8, "application/json")
                    : new FormUrlEncodedContent([]);
            }

            using var response = await fixture.ClientFor(cell.Key).SendAsync(request);
            var reached = response.Headers.TryGetValues(RouteAccessFixture.EndpointHeader, out var values) ? values.Single() : "no endpoint";
            var outcome = Outcome(row, response);
            outcomes.Add(reached != row.Key
                ? $"{cell.Key}: {row.Request} reached {reached}, not this row's endpoint"
                : outcome == cell.Value ? null : $"{cell.Key}: expected {cell.Value}, got {outcome} ({Describe(response)})");
        }

        var wrong = outcomes.OfType<string>().ToList();
        Assert.True(wrong.Count == 0, $"{row.RequestMethod} {row.Request} ({row.Key}):\n" + string.Join('\n', wrong));
    }

    private static List<RouteEndpoint> PortalEndpoints(PortalAppFactory app)
    {
        _ = app.Server;
        return [.. app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<StaticAssetDescriptor>() is null && !NotPortalRoutes.Contains(e.RoutePattern.RawText ?? string.Empty))];
    }

    private static List<string> Disagreements(IEnumerable<RouteEndpoint> endpoints, Dictionary<string, string> policyByRow)
    {
        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            var key = RouteAccessTable.KeyOf(endpoint);
            var policy = RouteAccessTable.PolicyOf(endpoint);
            if (!policyByRow.TryGetValue(key, out var expected))
            {
                problems.Add($"no row for the endpoint {key} (policy {policy}, {endpoint.DisplayName})");
            }
            else if (expected != policy)
            {
                problems.Add($"{key}: the table says policy {expected}, the endpoint has {policy}");
            }
        }

        return problems;
    }

    /// <summary>The table's cell definitions (route-access.md, "Cells").</summary>
    private static string Outcome(RouteAccessRow row, HttpResponseMessage response)
    {
        var api = row.Request.StartsWith("/api/", StringComparison.Ordinal);
        var status = (int)response.StatusCode;
        switch (status)
        {
            case 401:
                return "401";
            case 403:
                return "403";
            case >= 500:
                return $"a server error {status}";
        }

        if (status is >= 300 and < 400 && response.Headers.Location is { } location)
        {
            var path = (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString).Split('?')[0];
            var refusal = path == PortalAuth.LoginPath ? "401" : path == PortalAuth.AccessDeniedPath ? "403" : null;
            if (refusal is not null)
            {
                // An API caller must be told, not sent to a page it cannot follow.
                return api ? $"a redirect to {path}" : refusal;
            }
        }

        return "allow";
    }

    private static string Describe(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? $"{(int)response.StatusCode} to {location}" : $"{(int)response.StatusCode}";
}
