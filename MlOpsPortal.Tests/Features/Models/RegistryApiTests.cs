using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Models;

/// <summary>The /api/v1 contract as a pipeline sees it: real HTTP, a real SQLite file, an API key from an administrator.</summary>
public sealed class RegistryApiTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static readonly string Sha = new('a', 64);

    [Fact]
    public async Task Creating_a_model_answers_201_with_its_location_and_the_location_serves_it()
    {
        using var client = await app.CreateRegistryWriterAsync();

        using var created = await client.PostJsonAsync("/api/v1/models", Model("fraud-scorer", "High", "payments", "fraud"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/models/fraud-scorer", created.Headers.Location!.PathAndQueryOf());
        var body = await created.JsonAsync();
        Assert.Equal("fraud-scorer", body["key"]!.GetValue<string>());
        Assert.Equal("High", body["riskTier"]!.GetValue<string>());
        using var fetched = await client.GetPathAsync(created.Headers.Location!.PathAndQueryOf());
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        var details = await fetched.JsonAsync();
        Assert.Equal("Fraud scorer", details["model"]!["displayName"]!.GetValue<string>());
        Assert.Empty(details["versions"]!.AsArray());
    }

    [Fact]
    public async Task Registering_a_key_that_exists_is_409_and_changes_nothing()
    {
        using var client = await app.CreateRegistryWriterAsync();
        (await client.PostJsonAsync("/api/v1/models", Model("duplicate-model"))).Dispose();

        using var again = await client.PostJsonAsync("/api/v1/models", Model("duplicate-model") with { DisplayName = "Other" });

        var problem = await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("duplicate-model", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Duplicate model", await app.QueryAsync(db => db.Models.Where(m => m.Key == "duplicate-model").Select(m => m.DisplayName).SingleAsync()));
    }

    [Fact]
    public async Task An_invalid_model_is_400_with_every_field_error_and_the_naming_rule_quoted()
    {
        using var client = await app.CreateRegistryWriterAsync();
        var rule = (await app.Services.GetRequiredService<RegistryRules>().GetSettingsAsync()).ModelKeyPattern;

        using var response = await client.PostJsonAsync("/api/v1/models", Model("Fraud Scorer!") with { DisplayName = "", Owner = null });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.FieldErrors("key"), m => m.Contains(rule, StringComparison.Ordinal));
        Assert.NotEmpty(problem.FieldErrors("displayName"));
        Assert.NotEmpty(problem.FieldErrors("owner"));
        Assert.False(await app.QueryAsync(db => db.Models.AnyAsync(m => m.Key == "Fraud Scorer!")));
    }

    [Fact]
    public async Task An_unknown_model_or_version_is_a_404_problem()
    {
        using var client = await app.CreateRegistryWriterAsync();

        using var model = await client.GetPathAsync("/api/v1/models/no-such-model");
        using var version = await client.GetPathAsync("/api/v1/models/no-such-model/versions/1");
        using var lineage = await client.GetPathAsync("/api/v1/models/no-such-model/versions/1/lineage");
        using var dataset = await client.GetPathAsync("/api/v1/datasets/no-such-dataset");

        Assert.Contains("no-such-model", (await model.ProblemAsync(HttpStatusCode.NotFound))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await version.ProblemAsync(HttpStatusCode.NotFound);
        await lineage.ProblemAsync(HttpStatusCode.NotFound);
        await dataset.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_model_list_pages_filters_and_sorts()
    {
        using var client = await app.CreateRegistryWriterAsync();
        foreach (var (key, tier) in new[] { ("list-c", "Low"), ("list-a", "High"), ("list-b", "High") })
        {
            (await client.PostJsonAsync("/api/v1/models", Model(key, tier, "list-unit", "listed"))).Dispose();
        }

        var first = await (await client.GetPathAsync("/api/v1/models?businessUnit=list-unit&sort=key&page=1&pageSize=2")).JsonAsync();
        var second = await (await client.GetPathAsync("/api/v1/models?businessUnit=list-unit&sort=key&page=2&pageSize=2")).JsonAsync();
        var high = await (await client.GetPathAsync("/api/v1/models?tag=listed&riskTier=high&sort=-key")).JsonAsync();

        Assert.Equal(["list-a", "list-b"], Keys(first));
        Assert.Equal(3, first["totalCount"]!.GetValue<int>());
        Assert.Equal(1, first["page"]!.GetValue<int>());
        Assert.Equal(["list-c"], Keys(second));
        Assert.Equal(["list-b", "list-a"], Keys(high));
    }

    [Theory]
    [InlineData("pageSize=201", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("riskTier=Extreme", "riskTier")]
    [InlineData("sort=colour", "sort")]
    public async Task Bad_list_parameters_are_400_naming_the_parameter(string query, string field)
    {
        using var client = await app.CreateRegistryWriterAsync();

        using var response = await client.GetPathAsync($"/api/v1/models?{query}");

        Assert.NotEmpty((await response.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors(field));
    }

    [Fact]
    public async Task Datasets_and_their_versions_are_created_listed_and_immutable()
    {
        using var client = await app.CreateRegistryWriterAsync();

        using var dataset = await client.PostJsonAsync("/api/v1/datasets", new { key = "card-transactions", description = "Card payments", owner = "data-eng" });
        using var version = await client.PostJsonAsync("/api/v1/datasets/card-transactions/versions", DatasetVersion("2026-10"));
        using var again = await client.PostJsonAsync("/api/v1/datasets/card-transactions/versions", DatasetVersion("2026-10"));
        using var duplicate = await client.PostJsonAsync("/api/v1/datasets", new { key = "card-transactions", owner = "someone" });
        using var missing = await client.PostJsonAsync("/api/v1/datasets/no-such-dataset/versions", DatasetVersion("v1"));

        Assert.Equal(HttpStatusCode.Created, dataset.StatusCode);
        Assert.Equal("/api/v1/datasets/card-transactions", dataset.Headers.Location!.PathAndQueryOf());
        Assert.Equal(HttpStatusCode.Created, version.StatusCode);
        Assert.Equal("/api/v1/datasets/card-transactions/versions/2026-10", version.Headers.Location!.PathAndQueryOf());
        Assert.Contains("2026-10", (await again.ProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await duplicate.ProblemAsync(HttpStatusCode.Conflict);
        await missing.ProblemAsync(HttpStatusCode.NotFound);

        var details = await (await client.GetPathAsync("/api/v1/datasets/card-transactions")).JsonAsync();
        Assert.Equal("2026-10", details["versions"]![0]!["version"]!.GetValue<string>());
        Assert.Equal("amount", details["versions"]![0]!["schema"]![1]!["name"]!.GetValue<string>());
        var list = await (await client.GetPathAsync("/api/v1/datasets?search=card-trans")).JsonAsync();
        Assert.Contains("card-transactions", list["items"]!.AsArray().Select(d => d!["key"]!.GetValue<string>()));
        using var fetchedVersion = await client.GetPathAsync(version.Headers.Location!.PathAndQueryOf());
        Assert.Equal(HttpStatusCode.OK, fetchedVersion.StatusCode);
    }

    [Fact]
    public async Task A_search_ignores_case_on_every_provider()
    {
        using var client = await app.CreateRegistryWriterAsync();
        using var created = await client.PostJsonAsync("/api/v1/datasets", new { key = "zebra-ledger", description = "Quarterly Zebra Ledger", owner = "data-eng" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var byDescription = await (await client.GetPathAsync("/api/v1/datasets?search=quarterly%20ZEBRA")).JsonAsync();
        var byKey = await (await client.GetPathAsync("/api/v1/datasets?search=ZEBRA-Le")).JsonAsync();

        Assert.Equal(["zebra-ledger"], byDescription["items"]!.AsArray().Select(d => d!["key"]!.GetValue<string>()));
        Assert.Equal(["zebra-ledger"], byKey["items"]!.AsArray().Select(d => d!["key"]!.GetValue<string>()));
    }

    [Fact]
    public async Task An_invalid_dataset_version_is_400_with_field_errors()
    {
        using var client = await app.CreateRegistryWriterAsync();
        (await client.PostJsonAsync("/api/v1/datasets", new { key = "bad-versions", owner = "data-eng" })).Dispose();

        using var response = await client.PostJsonAsync("/api/v1/datasets/bad-versions/versions",
            new { version = "v1", location = "not a uri", sha256 = "xyz", rowCount = -1 });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("location"));
        Assert.NotEmpty(problem.FieldErrors("sha256"));
        Assert.NotEmpty(problem.FieldErrors("rowCount"));
    }

    [Fact]
    public async Task A_version_with_datasets_gets_number_location_lineage_and_ci_evidence()
    {
        using var client = await app.CreateRegistryWriterAsync();
        await SeedDatasetAsync(client, "churn-events", "2026-09");
        await SeedDatasetAsync(client, "churn-holdout", "2026-09");
        (await client.PostJsonAsync("/api/v1/models", Model("churn-predictor"))).Dispose();

        using var registered = await client.PostJsonAsync("/api/v1/models/churn-predictor/versions", Version(
            ("churn-events", "2026-09", "training"), ("churn-holdout", "2026-09", "test")));

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("/api/v1/models/churn-predictor/versions/1", registered.Headers.Location!.PathAndQueryOf());
        var version = await registered.JsonAsync();
        Assert.Equal(1, version["version"]!.GetValue<int>());
        Assert.Equal("training", version["datasets"]![0]!["role"]!.GetValue<string>());

        var lineage = await (await client.GetPathAsync("/api/v1/models/churn-predictor/versions/1/lineage")).JsonAsync();
        var nodes = lineage["nodes"]!.AsArray().Select(n => (n!["id"]!.GetValue<string>(), n["kind"]!.GetValue<string>(), n["label"]!.GetValue<string>())).ToList();
        Assert.Contains(("model:churn-predictor/1", "modelVersion", "churn-predictor v1"), nodes);
        Assert.Contains(("dataset:churn-events/2026-09", "datasetVersion", "churn-events @ 2026-09"), nodes);
        var edges = lineage["edges"]!.AsArray().Select(e => (e!["from"]!.GetValue<string>(), e["to"]!.GetValue<string>(), e["kind"]!.GetValue<string>())).ToList();
        Assert.Contains(("dataset:churn-events/2026-09", "model:churn-predictor/1", "trainedOn"), edges);
        Assert.Contains(("dataset:churn-holdout/2026-09", "model:churn-predictor/1", "testedOn"), edges);

        using var evidence = await client.PostJsonAsync("/api/v1/models/churn-predictor/versions/1/ci-evidence", new
        {
            testsPassed = 120, testsFailed = 0, coveragePercent = 87.5, lintWarnings = 3,
            vulnerabilities = new { critical = 0, high = 1, medium = 2, low = 5 },
            pipelineRunUrl = "https://ci.example/runs/42",
        });
        Assert.Equal(HttpStatusCode.Created, evidence.StatusCode);
        var fetched = await (await client.GetPathAsync("/api/v1/models/churn-predictor/versions/1")).JsonAsync();
        Assert.Equal(120, fetched["latestCiEvidence"]!["testsPassed"]!.GetValue<int>());
        Assert.Equal(1, fetched["latestCiEvidence"]!["vulnerabilities"]!["high"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invalid_ci_evidence_is_400_and_evidence_for_an_unknown_version_is_404()
    {
        using var client = await app.CreateRegistryWriterAsync();
        (await client.PostJsonAsync("/api/v1/models", Model("evidence-model"))).Dispose();
        (await client.PostJsonAsync("/api/v1/models/evidence-model/versions", Version())).Dispose();

        using var invalid = await client.PostJsonAsync("/api/v1/models/evidence-model/versions/1/ci-evidence", new { testsPassed = -1, coveragePercent = 140 });
        using var unknown = await client.PostJsonAsync("/api/v1/models/evidence-model/versions/9/ci-evidence", new
        {
            testsPassed = 1, testsFailed = 0, coveragePercent = 50, lintWarnings = 0, vulnerabilities = new { critical = 0, high = 0, medium = 0, low = 0 },
        });

        var problem = await invalid.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("testsPassed"));
        Assert.NotEmpty(problem.FieldErrors("coveragePercent"));
        Assert.NotEmpty(problem.FieldErrors("vulnerabilities"));
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_dataset_version_is_400_naming_it_and_nothing_is_written()
    {
        using var client = await app.CreateRegistryWriterAsync();
        await SeedDatasetAsync(client, "known-data", "v1");
        (await client.PostJsonAsync("/api/v1/models", Model("careful-model"))).Dispose();
        var before = await CountsAsync();

        using var response = await client.PostJsonAsync("/api/v1/models/careful-model/versions", Version(
            ("known-data", "v1", "training"), ("known-data", "v2", "validation")));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.FieldErrors("datasets[1]"), m => m.Contains("known-data", StringComparison.Ordinal) && m.Contains("v2", StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync());
        Assert.Equal(0, await app.QueryAsync(db => db.Models.Where(m => m.Key == "careful-model").Select(m => m.LatestVersion).SingleAsync()));
    }

    [Fact]
    public async Task Ten_pipelines_registering_at_once_get_versions_one_to_ten()
    {
        using var client = await app.CreateRegistryWriterAsync();
        (await client.PostJsonAsync("/api/v1/models", Model("busy-model"))).Dispose();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostJsonAsync("/api/v1/models/busy-model/versions", Version())));

        try
        {
            Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
            var numbers = new List<int>();
            foreach (var response in responses)
            {
                numbers.Add((await response.JsonAsync())["version"]!.GetValue<int>());
            }

            Assert.Equal(Enumerable.Range(1, 10), numbers.Order());
            Assert.Equal(Enumerable.Range(1, 10), await app.QueryAsync(db =>
                db.ModelVersions.Where(v => v.Model!.Key == "busy-model").Select(v => v.Number).OrderBy(n => n).ToListAsync()));
        }
        finally
        {
            foreach (var response in responses)
            {
                response.Dispose();
            }
        }
    }

    [Fact]
    public async Task Every_create_is_audited_with_the_key_as_actor_and_the_after_state()
    {
        var key = await app.CreateKeyAsync("audited-pipeline", PortalRoles.RegistryWrite);
        using var client = app.CreateClientWithKey(key.Secret);
        await SeedDatasetAsync(client, "audited-data", "v1");
        (await client.PostJsonAsync("/api/v1/models", Model("audited-model"))).Dispose();
        (await client.PostJsonAsync("/api/v1/models/audited-model/versions", Version(("audited-data", "v1", "training")))).Dispose();
        (await client.PostJsonAsync("/api/v1/models/audited-model/versions/1/ci-evidence", new
        {
            testsPassed = 1, testsFailed = 0, coveragePercent = 50, lintWarnings = 0, vulnerabilities = new { critical = 0, high = 0, medium = 0, low = 0 },
        })).Dispose();

        var events = await app.QueryAsync(db => db.AuditEvents.Where(e => e.ActorName == "API key audited-pipeline" && e.Action != "api-key.used").OrderBy(e => e.Sequence).ToListAsync());
        // The key's first use of the day is an access log event of its own, once.
        Assert.Equal(1, await app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == "api-key.used" && e.EntityId == key.Key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))));

        Assert.Equal(
            [("dataset.created", "audited-data"), ("dataset-version.registered", "audited-data/v1"), ("model.created", "audited-model"),
             ("model-version.registered", "audited-model/1"), ("ci-evidence.recorded", "audited-model/1")],
            events.Select(e => (e.Action, e.EntityId)));
        Assert.All(events, e => Assert.Equal($"apikey:{key.Key.Id}", e.ActorId));
        Assert.All(events, e => Assert.NotNull(JsonNode.Parse(e.Details!)!["after"]));
    }

    [Fact]
    public async Task Without_credentials_or_with_an_unknown_key_the_api_answers_401_problems_not_a_sign_in_redirect()
    {
        using var anonymous = app.CreateClientAs(null);
        using var forged = app.CreateClientWithKey("mlp_abcdefghijkl_" + new string('x', 43));
        using var garbage = app.CreateClientWithKey("not-a-key");

        using var read = await anonymous.GetPathAsync("/api/v1/models");
        using var write = await anonymous.PostJsonAsync("/api/v1/models", Model("anonymous-model"));
        using var unknown = await forged.GetPathAsync("/api/v1/models");
        using var malformed = await garbage.PostJsonAsync("/api/v1/datasets", new { key = "nope", owner = "x" });

        await read.ProblemAsync(HttpStatusCode.Unauthorized);
        await write.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("not valid", (await unknown.ProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await malformed.ProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(read.Headers.WwwAuthenticate, h => h.Scheme == "ApiKey");
        Assert.False(await app.QueryAsync(db => db.Models.AnyAsync(m => m.Key == "anonymous-model")));
    }

    [Fact]
    public async Task A_key_without_registry_write_and_a_business_viewer_may_read_but_writing_is_403()
    {
        var metrics = await app.CreateKeyAsync("metrics-only", PortalRoles.MetricsWrite);
        using var metricsClient = app.CreateClientWithKey(metrics.Secret);
        using var viewer = app.CreateClientAs(Personas.Business);

        using var metricsWrite = await metricsClient.PostJsonAsync("/api/v1/models", Model("metrics-model"));
        using var viewerWrite = await viewer.PostJsonAsync("/api/v1/datasets", new { key = "viewer-data", owner = "bea" });
        using var metricsRead = await metricsClient.GetPathAsync("/api/v1/models");
        using var viewerRead = await viewer.GetPathAsync("/api/v1/datasets");

        Assert.Contains("Registry.Write", (await metricsWrite.ProblemAsync(HttpStatusCode.Forbidden))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await viewerWrite.ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, metricsRead.StatusCode);
        Assert.Equal(HttpStatusCode.OK, viewerRead.StatusCode);
        Assert.False(await app.QueryAsync(db => db.Models.AnyAsync(m => m.Key == "metrics-model")));
        Assert.False(await app.QueryAsync(db => db.Datasets.AnyAsync(d => d.Key == "viewer-data")));
    }

    [Fact]
    public async Task A_signed_in_contributor_can_write_through_the_api_and_is_the_actor()
    {
        using var contributor = app.CreateClientAs(Personas.Contributor);

        using var response = await contributor.PostJsonAsync("/api/v1/models", Model("contributed-model"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("Dana Scientist", (await response.JsonAsync())["createdBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_json_and_wrong_enum_values_are_400_saying_what_is_wrong()
    {
        using var client = await app.CreateRegistryWriterAsync();
        (await client.PostJsonAsync("/api/v1/models", Model("json-model"))).Dispose();

        using var truncated = await client.PostRawAsync("/api/v1/models", "{\"key\": \"json-broken\", ");
        using var tier = await client.PostRawAsync("/api/v1/models",
            "{\"key\":\"json-tier\",\"displayName\":\"x\",\"owner\":\"o\",\"businessUnit\":\"b\",\"riskTier\":\"Extreme\"}");
        using var role = await client.PostRawAsync("/api/v1/models/json-model/versions",
            $"{{\"framework\":\"onnx\",\"artifactUri\":\"s3://m/1\",\"artifactSha256\":\"{Sha}\",\"datasets\":[{{\"dataset\":\"d\",\"version\":\"1\",\"role\":\"train\"}}]}}");
        using var number = await client.PostRawAsync("/api/v1/models", "{\"key\":\"json-number\",\"riskTier\":2}");

        Assert.NotEmpty((await truncated.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("body"));
        Assert.Contains(
            (await tier.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("riskTier"),
            m => m.Contains("Low, Medium, High, Critical", StringComparison.Ordinal));
        Assert.Contains(
            (await role.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("datasets[0].role"),
            m => m.Contains("training, validation, test", StringComparison.Ordinal));
        await number.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(0, await app.QueryAsync(db => db.Models.CountAsync(m => m.Key.StartsWith("json-") && m.Key != "json-model")));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_415_and_an_unknown_path_is_404_even_with_a_valid_key()
    {
        using var client = await app.CreateRegistryWriterAsync();
        using var text = new StringContent("key=form-model", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        using var form = await client.PostAsync(new Uri("/api/v1/models", UriKind.Relative), text);
        using var nowhere = await client.GetPathAsync("/api/v1/nowhere");

        await form.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        await nowhere.ProblemAsync(HttpStatusCode.NotFound);
    }

    private async Task<(int Models, int Versions, int Links, int Audit)> CountsAsync() => await app.QueryAsync(async db =>
        (await db.Models.CountAsync(), await db.ModelVersions.CountAsync(), await db.LineageLinks.CountAsync(), await db.AuditEvents.CountAsync()));

    private static async Task SeedDatasetAsync(HttpClient client, string key, string version)
    {
        using var dataset = await client.PostJsonAsync("/api/v1/datasets", new { key, description = "test data", owner = "data-eng" });
        using var created = await client.PostJsonAsync($"/api/v1/datasets/{key}/versions", DatasetVersion(version));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static string[] Keys(JsonNode page) => [.. page["items"]!.AsArray().Select(m => m!["key"]!.GetValue<string>())];

    private static ModelBody Model(string key, string riskTier = "Medium", string businessUnit = "retail", string tag = "test") =>
        new(key, Title(key), "A model for tests", "ml-team", businessUnit, "Scoring", riskTier, [tag]);

    private static string Title(string key)
    {
        var words = key.Replace('-', ' ');
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    private static object DatasetVersion(string label) => new
    {
        version = label,
        location = $"s3://datasets/{label}",
        sha256 = Sha,
        rowCount = 1000,
        schema = new[] { new { name = "id", type = "string" }, new { name = "amount", type = "decimal" } },
    };

    private static object Version(params (string Dataset, string Version, string Role)[] datasets) => new
    {
        framework = "scikit-learn 1.5",
        artifactUri = "s3://models/artifact.onnx",
        artifactSha256 = Sha,
        sourceRepository = "https://git.example/ml/models",
        sourceCommit = "0123456789abcdef",
        pipelineRunUrl = "https://ci.example/runs/1",
        datasets = datasets.Select(d => new { dataset = d.Dataset, version = d.Version, role = d.Role }).ToArray(),
        hyperparameters = new Dictionary<string, string> { ["max_depth"] = "6" },
        trainingMetrics = new Dictionary<string, double> { ["auc"] = 0.91 },
        modelCard = new { intendedUse = "Tests", limitations = "None known" },
    };

    private sealed record ModelBody(
        string Key, string? DisplayName, string Description, string? Owner, string BusinessUnit, string UseCase, string RiskTier, string[] Tags);
}
