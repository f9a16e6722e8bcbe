using System.Net;
using System.Text.Json;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure;

public sealed class HealthEndpointTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_answers_json_without_sign_in(string path)
    {
        using var client = app.CreateClientAs(null);

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_reports_the_database_check()
    {
        using var client = app.CreateClientAs(null);

        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative)));

        var check = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "database");
        Assert.Contains("migrations applied", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_reports_the_audit_integrity_check()
    {
        using var client = app.CreateClientAs(null);

        using var body = JsonDocument.Parse(await client.GetStringAsync(new Uri("/health/ready", UriKind.Relative)));

        var check = Assert.Single(body.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "audit");
        Assert.Equal("Healthy", check.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readiness_is_unhealthy_with_503_when_the_database_is_unreachable()
    {
        using var broken = new PortalAppFactory();
        using var client = broken.CreateClientAs(null);
        _ = await client.GetAsync(new Uri("/health/live", UriKind.Relative)); // start the app (migrates the database)
        if (broken.OnPostgreSql)
        {
            PostgreSqlTestCluster.Drop(broken.DatabasePath); // the server answers, the portal's database is gone
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(broken.DatabasePath);
            Directory.CreateDirectory(broken.DatabasePath); // a folder where the file was: SQLite cannot open it
        }

        using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Unhealthy", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        if (!broken.OnPostgreSql)
        {
            Directory.Delete(broken.DatabasePath);
        }
    }
}
