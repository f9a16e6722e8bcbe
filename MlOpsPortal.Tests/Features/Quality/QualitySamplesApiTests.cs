using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Quality;

/// <summary>POST /api/v1/models/{key}/samples as a pipeline uses it: JSON columns or a CSV file, and every refusal stores nothing.</summary>
public sealed class QualitySamplesApiTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    [Fact]
    public async Task A_json_upload_is_201_with_its_row_count_and_a_hash_that_identifies_the_content()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services);
        using var client = app.CreateClientAs(Personas.Contributor);
        var body = new { version = 1, role = "reference", columns = new Dictionary<string, object?[]> { ["age"] = [31, 45.5, null], ["country"] = ["DE", "FR", ""] } };

        using var first = await client.UploadJsonAsync(model, body);
        using var same = await client.UploadJsonAsync(model, body with { role = "current" });
        using var other = await client.UploadJsonAsync(model, body with { columns = new Dictionary<string, object?[]> { ["age"] = [31, 45.5, 60], ["country"] = ["DE", "FR", ""] } });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var uploaded = await first.JsonAsync();
        Assert.Equal(3, uploaded["rowCount"]!.GetValue<int>());
        var sha = uploaded["sha256"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{64}$", sha);
        var id = uploaded["id"]!.GetValue<int>();
        Assert.EndsWith($"/samples/{id}", first.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(sha, (await same.JsonAsync())["sha256"]!.GetValue<string>());
        Assert.NotEqual(sha, (await other.JsonAsync())["sha256"]!.GetValue<string>());

        // What was stored is what was sent: numbers as their round-trip text, null and "" as missing.
        var stored = await StoredAsync(id);
        Assert.Equal(["age", "country"], stored.Table.Names);
        AssertCells(["31", "45.5", null], stored.Table.Column("age"));
        AssertCells(["DE", "FR", null], stored.Table.Column("country"));
        Assert.Equal(SampleRole.Reference, stored.Sample.Role);
        Assert.Equal(sha, stored.Sample.Sha256);
    }

    [Fact]
    public async Task A_csv_upload_reads_quotes_doubled_quotes_crlf_and_empty_cells_as_missing()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services);
        using var client = app.CreateClientAs(Personas.Support);
        const string csv = "name,comment,score\r\n\"Smith, J\",\"He said \"\"hi\"\"\",1.5\r\n\"multi\nline\",,\r\nplain,\"\",-2\r\n";

        using var response = await PostCsvAsync(client, model, csv, "1", "current");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var uploaded = await response.JsonAsync();
        Assert.Equal(3, uploaded["rowCount"]!.GetValue<int>());
        var stored = await StoredAsync(uploaded["id"]!.GetValue<int>());
        Assert.Equal(["name", "comment", "score"], stored.Table.Names);
        AssertCells(["Smith, J", "multi\nline", "plain"], stored.Table.Column("name"));
        AssertCells(["He said \"hi\"", null, null], stored.Table.Column("comment"));
        AssertCells(["1.5", null, "-2"], stored.Table.Column("score"));
        Assert.Equal(SampleRole.Current, stored.Sample.Role);
    }

    [Fact]
    public async Task The_same_rows_as_csv_or_as_json_have_the_same_hash()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services);
        using var client = app.CreateClientAs(Personas.Contributor);

        using var csv = await PostCsvAsync(client, model, "age,country\n31,DE\n45,FR\n,\n", "1", "reference");
        using var json = await client.UploadJsonAsync(model, new { version = 1, role = "reference", columns = new Dictionary<string, object?[]> { ["age"] = [31, 45, null], ["country"] = ["DE", "FR", null] } });

        Assert.Equal(HttpStatusCode.Created, csv.StatusCode);
        Assert.Equal(HttpStatusCode.Created, json.StatusCode);
        Assert.Equal((await json.JsonAsync())["sha256"]!.GetValue<string>(), (await csv.JsonAsync())["sha256"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_empty_line_in_a_one_column_csv_is_a_missing_value_not_a_lost_row()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services);
        using var client = app.CreateClientAs(Personas.Contributor);

        using var response = await PostCsvAsync(client, model, "age\n31\n\n45\n", "1", "current");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var uploaded = await response.JsonAsync();
        Assert.Equal(3, uploaded["rowCount"]!.GetValue<int>());
        AssertCells(["31", null, "45"], (await StoredAsync(uploaded["id"]!.GetValue<int>())).Table.Column("age"));
    }

    [Fact]
    public async Task Bad_csv_files_are_400_with_the_place_of_the_problem_and_store_nothing()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services);
        using var client = app.CreateClientAs(Personas.Contributor);
        var before = await CountSamplesAsync();

        using var ragged = await PostCsvAsync(client, model, "a,b\n1,2\n3\n5,6\n", "1", "current");
        var raggedProblem = await ragged.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(raggedProblem.FieldErrors("file"), m => m.Contains("Row 3", StringComparison.Ordinal));

        using var tooMany = await PostCsvAsync(client, model, "a,b\n1,2,3\n", "1", "current");
        Assert.Contains((await tooMany.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("file"), m => m.Contains("Row 2", StringComparison.Ordinal));

        using var unclosed = await PostCsvAsync(client, model, "a,b\n1,\"open\n3,4\n", "1", "current");
        Assert.Contains((await unclosed.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("file"), m => m.Contains("quote", StringComparison.OrdinalIgnoreCase));

        using var textAfterQuote = await PostCsvAsync(client, model, "a,b\n\"x\"y,2\n", "1", "current");
        Assert.Contains((await textAfterQuote.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("file"), m => m.Contains("Line 2", StringComparison.Ordinal));

        using var empty = await PostCsvAsync(client, model, "", "1", "current");
        await empty.ProblemAsync(HttpStatusCode.BadRequest);

        using var noRole = await PostCsvAsync(client, model, "a\n1\n", "1", null);
        Assert.NotEmpty((await noRole.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("role"));

        using var badVersion = await PostCsvAsync(client, model, "a\n1\n", "one", "current");
        Assert.NotEmpty((await badVersion.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("version"));

        Assert.Equal(before, await CountSamplesAsync());
    }

    public static TheoryData<string, string, string> BadJsonUploads() => new()
    {
        { "a true cell", """{"version":1,"role":"current","columns":{"age":[1,true]}}""", "row 2" },
        { "an object cell", """{"version":1,"role":"current","columns":{"age":[1,2,{"x":1}]}}""", "row 3" },
        { "an array cell", """{"version":1,"role":"current","columns":{"age":[[1]]}}""", "row 1" },
        { "a column that is not an array", """{"version":1,"role":"current","columns":{"age":5}}""", "age" },
        { "columns of unequal length", """{"version":1,"role":"current","columns":{"age":[1,2,3],"country":["DE","FR"]}}""", "same number of rows" },
        { "no rows", """{"version":1,"role":"current","columns":{"age":[]}}""", "no rows" },
        { "no columns", """{"version":1,"role":"current","columns":{}}""", "no columns" },
        { "columns missing", """{"version":1,"role":"current"}""", "columns" },
        { "role missing", """{"version":1,"columns":{"age":[1]}}""", "role" },
        { "a bad role", """{"version":1,"role":"baseline","columns":{"age":[1]}}""", "reference" },
        { "a numeric role", """{"version":1,"role":"1","columns":{"age":[1]}}""", "reference" },
        { "version missing", """{"role":"current","columns":{"age":[1]}}""", "version" },
        { "a fractional version", """{"version":1.5,"role":"current","columns":{"age":[1]}}""", "whole number" },
        { "an unknown version", """{"version":7,"role":"current","columns":{"age":[1]}}""", "no version 7" },
        { "not json", """{"version":1,""", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(BadJsonUploads))]
    public async Task A_bad_json_upload_is_400_with_a_message_and_stores_nothing(string why, string json, string expected)
    {
        var model = await QualityTestData.CreateModelAsync(app.Services);
        using var client = app.CreateClientAs(Personas.Contributor);
        var before = await CountSamplesAsync();

        using var response = await client.PostRawAsync($"/api/v1/models/{model}/samples", json);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var messages = problem["errors"]!.AsObject().SelectMany(e => e.Value!.AsArray().Select(m => m!.GetValue<string>())).ToList();
        Assert.True(messages.Any(m => m.Contains(expected, StringComparison.OrdinalIgnoreCase)), $"{why}: no message mentions '{expected}': {problem.ToJsonString()}");
        Assert.Equal(before, await CountSamplesAsync());
    }

    [Fact]
    public async Task An_unknown_model_is_400_naming_it_and_stores_nothing()
    {
        using var client = app.CreateClientAs(Personas.Contributor);
        var before = await CountSamplesAsync();

        using var response = await client.UploadJsonAsync("no-such-model", new { version = 1, role = "current", columns = new Dictionary<string, object?[]> { ["a"] = [1] } });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.FieldErrors("model"), m => m.Contains("no-such-model", StringComparison.Ordinal));
        Assert.Equal(before, await CountSamplesAsync());
    }

    [Fact]
    public async Task Other_content_types_are_415_and_bodies_over_50_mb_are_413()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services);
        using var client = app.CreateClientAs(Personas.Contributor);
        var before = await CountSamplesAsync();

        using var text = new StringContent("age\n1\n", Encoding.UTF8, "text/plain");
        using var plain = await client.PostAsync(new Uri($"/api/v1/models/{model}/samples", UriKind.Relative), text);
        await plain.ProblemAsync(HttpStatusCode.UnsupportedMediaType);

        var limit = QualityEndpoints.MaxSampleBytes + (64 * 1024);
        Assert.Equal(50L * 1024 * 1024, QualityEndpoints.MaxSampleBytes);
        using var huge = new ByteArrayContent(new byte[limit + 1]);
        huge.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var tooLarge = await client.PostAsync(new Uri($"/api/v1/models/{model}/samples", UriKind.Relative), huge);
        var problem = await tooLarge.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("50 MB", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(before, await CountSamplesAsync());
    }

    [Fact]
    public async Task Uploading_needs_credentials_and_a_role_that_runs_quality_checks()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services);
        var body = new { version = 1, role = "current", columns = new Dictionary<string, object?[]> { ["a"] = [1, 2] } };
        var before = await CountSamplesAsync();

        using var anonymous = app.CreateClientAs(null);
        using var noCredentials = await anonymous.UploadJsonAsync(model, body);
        await noCredentials.ProblemAsync(HttpStatusCode.Unauthorized);

        foreach (var persona in new[] { Personas.Business, Personas.Executive, Personas.Auditor, Personas.Approver })
        {
            using var client = app.CreateClientAs(persona);
            using var refused = await client.UploadJsonAsync(model, body);
            Assert.True(refused.StatusCode == HttpStatusCode.Forbidden, $"{persona}: {(int)refused.StatusCode}");
        }

        Assert.Equal(before, await CountSamplesAsync());

        // DESIGN §1: current-data samples are Metrics.Write's to write, not Registry.Write's (CI/CD pipelines).
        using var registryPipeline = app.CreateClientWithKey((await app.CreateKeyAsync("sampler-registry", PortalRoles.RegistryWrite)).Secret);
        using var wrongScope = await registryPipeline.UploadJsonAsync(model, body);
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        Assert.Equal(before, await CountSamplesAsync());

        // Pipelines with Metrics.Write may upload, as may contributors and support engineers.
        using var pipeline = app.CreateClientWithKey((await app.CreateKeyAsync("sampler-metrics", PortalRoles.MetricsWrite)).Secret);
        using var accepted = await pipeline.UploadJsonAsync(model, body);
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);

        using var admin = app.CreateClientAs(Personas.Admin);
        using var byAdmin = await admin.UploadJsonAsync(model, body);
        Assert.Equal(HttpStatusCode.Created, byAdmin.StatusCode);
        Assert.Equal(before + 2, await CountSamplesAsync());
        Assert.Equal(2, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == "quality-sample.uploaded" && e.EntityId == $"{model}/1")));
    }

    [Fact]
    public async Task A_registry_pipeline_sets_the_reference_and_a_monitoring_job_sends_current_rows_never_the_other_way_round()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services);
        var columns = new Dictionary<string, object?[]> { ["a"] = [1, 2] };
        using var registry = app.CreateClientWithKey((await app.CreateKeyAsync("ci-reference", PortalRoles.RegistryWrite)).Secret);
        using var metrics = app.CreateClientWithKey((await app.CreateKeyAsync("monitor-current", PortalRoles.MetricsWrite)).Secret);
        var before = await CountSamplesAsync();

        using var reference = await registry.UploadJsonAsync(model, new { version = 1, role = "reference", columns });
        Assert.Equal(HttpStatusCode.Created, reference.StatusCode);
        using var current = await metrics.UploadJsonAsync(model, new { version = 1, role = "current", columns });
        Assert.Equal(HttpStatusCode.Created, current.StatusCode);

        using var registryCurrent = await registry.UploadJsonAsync(model, new { version = 1, role = "current", columns });
        var refused = await registryCurrent.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Metrics.Write", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        using var metricsReference = await metrics.UploadJsonAsync(model, new { version = 1, role = "reference", columns });
        refused = await metricsReference.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("Registry.Write", refused["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        Assert.Equal(before + 2, await CountSamplesAsync());
    }

    private static async Task<HttpResponseMessage> PostCsvAsync(HttpClient client, string model, string csv, string? version, string? role)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "sample.csv");
        if (version is not null)
        {
            form.Add(new StringContent(version), "version");
        }

        if (role is not null)
        {
            form.Add(new StringContent(role), "role");
        }

        return await client.PostAsync(new Uri($"/api/v1/models/{model}/samples", UriKind.Relative), form);
    }

    private static void AssertCells(string?[] expected, string?[]? actual) =>
        Assert.Equal(Show(expected), Show(actual ?? throw new Xunit.Sdk.XunitException("The column is missing.")));

    private static string Show(string?[] cells) => string.Join(" | ", cells.Select(c => c is null ? "<missing>" : $"'{c}'"));

    private Task<int> CountSamplesAsync() => app.QueryAsync(db => db.DataSamples.CountAsync());

    private async Task<(DataSample Sample, SampleTable Table)> StoredAsync(int id)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var sample = await db.DataSamples.AsNoTracking().SingleAsync(s => s.Id == id);
        return (sample, SampleTable.Decompress(sample.Content));
    }
}
