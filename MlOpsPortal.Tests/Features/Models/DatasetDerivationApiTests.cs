using System.Net;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Models;

/// <summary>A pipeline registers a dataset version derived from another, over real HTTP, and is told exactly what is wrong.</summary>
public sealed class DatasetDerivationApiTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static readonly string Sha = new('c', 64);

    [Fact]
    public async Task A_version_derived_from_another_names_it_either_way_and_both_lineages_show_the_link()
    {
        using var client = await app.CreateRegistryWriterAsync();
        await DatasetAsync(client, "derive-raw");
        await DatasetAsync(client, "derive-clean");
        await DatasetAsync(client, "derive-features");
        (await client.PostJsonAsync("/api/v1/datasets/derive-raw/versions", Version("v1"))).Dispose();

        using var asObject = await client.PostJsonAsync("/api/v1/datasets/derive-clean/versions", Version("v1", new { dataset = "derive-raw", label = "v1" }));
        using var asText = await client.PostJsonAsync("/api/v1/datasets/derive-features/versions", Version("v1", "derive-clean@v1"));

        Assert.Equal(HttpStatusCode.Created, asObject.StatusCode);
        Assert.Equal(HttpStatusCode.Created, asText.StatusCode);
        var created = await asText.JsonAsync();
        Assert.Equal(("derive-clean", "v1"), (created["derivedFrom"]!["dataset"]!.GetValue<string>(), created["derivedFrom"]!["label"]!.GetValue<string>()));
        var fetched = await (await client.GetPathAsync("/api/v1/datasets/derive-clean/versions/v1")).JsonAsync();
        Assert.Equal("derive-raw", fetched["derivedFrom"]!["dataset"]!.GetValue<string>());

        var lineage = await (await client.GetPathAsync("/api/v1/datasets/derive-features/versions/v1/lineage")).JsonAsync();
        var edges = lineage["edges"]!.AsArray().Select(e => (e!["from"]!.GetValue<string>(), e["to"]!.GetValue<string>(), e["kind"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [("dataset:derive-clean/v1", "dataset:derive-features/v1", "derivedInto"), ("dataset:derive-raw/v1", "dataset:derive-clean/v1", "derivedInto")],
            edges.Order());
    }

    [Theory]
    [InlineData("no-such-dataset@v1", "no dataset 'no-such-dataset'")]
    [InlineData("derive-known@v9", "has no version 'v9'")]
    [InlineData("derive-known@v2", "cannot be derived from itself")]
    [InlineData("derive-known", "\"dataset@label\"")]
    public async Task A_derivation_that_names_nothing_or_itself_is_a_400_on_derivedFrom_and_nothing_is_written(string derivedFrom, string message)
    {
        using var client = await app.CreateRegistryWriterAsync();
        await DatasetAsync(client, "derive-known");
        (await client.PostJsonAsync("/api/v1/datasets/derive-known/versions", Version("v1"))).Dispose();

        using var response = await client.PostJsonAsync("/api/v1/datasets/derive-known/versions", Version("v2", derivedFrom));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.FieldErrors("derivedFrom"), m => m.Contains(message, StringComparison.Ordinal));
        Assert.False(await app.QueryAsync(db => db.DatasetVersions.AnyAsync(v => v.Dataset!.Key == "derive-known" && v.Label == "v2")));
    }

    [Fact]
    public async Task A_derivation_of_the_wrong_json_type_is_a_400_on_derivedFrom()
    {
        using var client = await app.CreateRegistryWriterAsync();
        await DatasetAsync(client, "derive-typed");

        using var response = await client.PostJsonAsync("/api/v1/datasets/derive-typed/versions", Version("v1", 42));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("derivedFrom"));
        Assert.False(await app.QueryAsync(db => db.DatasetVersions.AnyAsync(v => v.Dataset!.Key == "derive-typed")));
    }

    private static async Task DatasetAsync(HttpClient client, string key)
    {
        using var response = await client.PostJsonAsync("/api/v1/datasets", new { key, description = "test data", owner = "data-eng" });
        Assert.True(response.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict);
    }

    private static object Version(string label, object? derivedFrom = null) => new
    {
        version = label,
        location = $"s3://datasets/{label}",
        sha256 = Sha,
        rowCount = 10,
        derivedFrom,
    };
}
