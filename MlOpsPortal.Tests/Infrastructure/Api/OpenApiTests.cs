using System.Net;
using System.Text.Json.Nodes;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Api;

public sealed class OpenApiTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task The_openapi_document_is_public_and_describes_the_registry()
    {
        using var client = app.CreateClientAs(null);

        using var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var paths = document["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/models", paths);
        Assert.Contains("/api/v1/models/{key}/versions/{number}/lineage", paths);
        Assert.Contains("/api/v1/datasets/{key}/versions", paths);
        Assert.DoesNotContain(paths, p => p.StartsWith("/health", StringComparison.Ordinal) || p.StartsWith("/account", StringComparison.Ordinal));
        Assert.NotNull(document["components"]!["securitySchemes"]!["ApiKey"]);
    }

    [Fact]
    public async Task The_reference_page_is_public()
    {
        using var client = app.CreateClientAs(null, followRedirects: true);

        using var response = await client.GetAsync(new Uri("/scalar", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }
}
