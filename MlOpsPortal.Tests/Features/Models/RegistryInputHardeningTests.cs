using System.Net;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Models;

/// <summary>Inputs a careless or hostile pipeline could send: each gets a clear 400, never a stored surprise or a 500.</summary>
public sealed class RegistryInputHardeningTests : IAsyncLifetime, IDisposable
{
    private readonly PortalAppFactory app = new();
    private HttpClient pipeline = default!;

    public async Task InitializeAsync()
    {
        pipeline = await app.CreateRegistryWriterAsync();
        using var model = await pipeline.PostJsonAsync("/api/v1/models", Model("churn-model"));
        Assert.Equal(HttpStatusCode.Created, model.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        pipeline.Dispose();
        app.Dispose();
    }

    [Theory]
    [InlineData("evil-key\n")]
    [InlineData("settings")]
    public async Task Keys_with_control_characters_or_naming_a_portal_page_are_refused(string key)
    {
        using var response = await pipeline.PostJsonAsync("/api/v1/models", Model(key));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors("key"));
    }

    [Theory]
    [InlineData("pipelineRunUrl", "javascript:alert(document.domain)//")]
    [InlineData("pipelineRunUrl", "data:text/html,<script>alert(1)</script>")]
    [InlineData("artifactUri", "file:///etc/passwd")]
    [InlineData("sourceRepository", "ftp://example.org/repo")]
    public async Task Links_that_would_run_script_or_read_local_files_are_refused(string field, string value)
    {
        var version = new Dictionary<string, object?>
        {
            ["framework"] = "xgboost", ["artifactUri"] = "s3://models/churn/model.bin", ["artifactSha256"] = new string('a', 64),
            ["sourceRepository"] = "https://git.example/churn", ["pipelineRunUrl"] = "https://ci.example/runs/1",
        };
        version[field] = value;

        using var response = await pipeline.PostJsonAsync("/api/v1/models/churn-model/versions", version);

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.FieldErrors(field));
    }

    [Fact]
    public async Task Null_list_items_are_named_not_a_server_error()
    {
        using var version = await pipeline.PostRawAsync("/api/v1/models/churn-model/versions",
            $$"""{"framework":"xgboost","artifactUri":"s3://m/model.bin","artifactSha256":"{{new string('a', 64)}}","datasets":[null]}""");
        using var dataset = await pipeline.PostJsonAsync("/api/v1/datasets", new { key = "labels", description = "", owner = "Data" });
        using var datasetVersion = await pipeline.PostRawAsync("/api/v1/datasets/labels/versions",
            $$"""{"version":"v1","location":"s3://d/labels","sha256":"{{new string('b', 64)}}","rowCount":10,"schema":[null]}""");

        Assert.NotEmpty((await version.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("datasets[0]"));
        Assert.NotEmpty((await datasetVersion.ProblemAsync(HttpStatusCode.BadRequest)).FieldErrors("schema[0]"));
    }

    [Fact]
    public async Task Numeric_and_boolean_hyperparameters_are_kept_as_written()
    {
        using var response = await pipeline.PostRawAsync("/api/v1/models/churn-model/versions",
            $$$"""{"framework":"xgboost","artifactUri":"s3://m/model.bin","artifactSha256":"{{{new string('a', 64)}}}","hyperparameters":{"max_depth":6,"eta":0.05,"early_stop":true,"objective":"binary:logistic"}}""");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var hyperparameters = (await response.JsonAsync())["hyperparameters"]!;
        Assert.Equal("6", hyperparameters["max_depth"]!.GetValue<string>());
        Assert.Equal("0.05", hyperparameters["eta"]!.GetValue<string>());
        Assert.Equal("true", hyperparameters["early_stop"]!.GetValue<string>());
        Assert.Equal("binary:logistic", hyperparameters["objective"]!.GetValue<string>());
    }

    [Fact]
    public async Task Search_treats_like_wildcards_and_brackets_as_text()
    {
        using var odd = await pipeline.PostJsonAsync("/api/v1/models", Model("odd-model") with { DisplayName = "Odd [beta] 100% model" });
        Assert.Equal(HttpStatusCode.Created, odd.StatusCode);

        var brackets = await (await pipeline.GetPathAsync("/api/v1/models?search=%5Bbeta%5D")).JsonAsync();
        var percent = await (await pipeline.GetPathAsync("/api/v1/models?search=100%25")).JsonAsync();

        Assert.Equal(["odd-model"], brackets["items"]!.AsArray().Select(m => m!["key"]!.GetValue<string>()));
        Assert.Equal(["odd-model"], percent["items"]!.AsArray().Select(m => m!["key"]!.GetValue<string>()));
    }

    private static NewModel Model(string key) => new(key, "Customer churn", "Predicts churn", "Dana", "Retail", "Retention", "High", ["retention"]);

    private sealed record NewModel(string Key, string DisplayName, string Description, string Owner, string BusinessUnit, string UseCase, string RiskTier, string[] Tags);
}
