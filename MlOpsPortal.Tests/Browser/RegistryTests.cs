using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

[Collection(BrowserTests.Name)]
public sealed class RegistryTests(BrowserFixture browser)
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    [Fact]
    public async Task A_contributor_registers_a_model_a_dataset_and_a_version_then_follows_the_lineage_both_ways()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var modelKey = $"churn-{suffix}";
        var datasetKey = $"customers-{suffix}";
        var page = await browser.NewPageAsync();
        await page.SignInAsync(Personas.Contributor, "/models");

        await page.GetByTestId("register-model").ClickAsync();
        var dialog = page.GetByTestId("model-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync(RegistrySettings.DefaultKeyPattern);
        await page.GetByTestId("field-key").FillAsync("Bad Key");
        await page.GetByTestId("field-displayName").FillAsync("Customer churn");
        await page.GetByTestId("field-businessUnit").FillAsync("Retail");
        await page.ChooseAsync("field-riskTier", "High");
        await page.GetByTestId("field-tags").FillAsync("retention, batch");
        await page.GetByTestId("save-model").ClickAsync();
        // The server's naming rule message appears next to the key, and the person fixes it there.
        await Assertions.Expect(dialog).ToContainTextAsync("does not follow the naming rule");
        await BrowserFixture.SaveScreenshotAsync(page, "registry-register-model-error");
        await page.GetByTestId("field-key").FillAsync(modelKey);
        await page.GetByTestId("save-model").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/models/{modelKey}$"));
        await Assertions.Expect(page.GetByTestId("model-key")).ToHaveTextAsync(modelKey);
        await Assertions.Expect(page.GetByTestId("model-owner")).ToHaveTextAsync("Dana Scientist");
        await Assertions.Expect(page.GetByTestId("no-versions")).ToBeVisibleAsync();

        await page.GotoAsync("/datasets");
        await page.WaitForLiveAsync();
        await page.GetByTestId("register-dataset").ClickAsync();
        await page.GetByTestId("field-key").FillAsync(datasetKey);
        await page.GetByTestId("field-description").FillAsync("Customer snapshot with churn labels");
        await page.GetByTestId("save-dataset").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/datasets/{datasetKey}$"));

        await page.GetByTestId("add-dataset-version").ClickAsync();
        await page.GetByTestId("field-version").FillAsync("2026-11-01");
        await page.GetByTestId("field-rowCount").FillAsync("125000");
        await page.GetByTestId("field-location").FillAsync($"s3://data/{datasetKey}/2026-11-01/");
        await page.GetByTestId("field-sha256").FillAsync(Sha);
        await page.GetByTestId("save-dataset-version").ClickAsync();
        await Assertions.Expect(page.GetByTestId("dataset-version-link")).ToHaveTextAsync("2026-11-01");
        await BrowserFixture.SaveScreenshotAsync(page, "registry-dataset");

        await page.GotoAsync($"/models/{modelKey}");
        await page.WaitForLiveAsync();
        await page.GetByTestId("register-version").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/models/{modelKey}/versions/new$"));
        await page.WaitForLiveAsync();
        await page.GetByTestId("field-framework").FillAsync("xgboost 2.1");
        await page.GetByTestId("field-artifactUri").FillAsync($"s3://models/{modelKey}/1/model.json");
        await page.GetByTestId("field-artifactSha256").FillAsync(Sha);
        await page.GetByTestId("add-dataset").ClickAsync();
        await page.SearchAndPickAsync(page.GetByTestId("dataset-key"), datasetKey[..12], datasetKey);
        await Assertions.Expect(page.GetByTestId("dataset-row-0")).ToContainTextAsync("2026-11-01");
        await page.GetByTestId("add-hyperparameters").ClickAsync();
        await page.GetByTestId("hyperparameters-row-0").GetByTestId("kv-name").FillAsync("max_depth");
        await page.GetByTestId("hyperparameters-row-0").GetByTestId("kv-value").FillAsync("6");
        await page.GetByTestId("add-metrics").ClickAsync();
        await page.GetByTestId("metrics-row-0").GetByTestId("kv-name").FillAsync("auc");
        await page.GetByTestId("metrics-row-0").GetByTestId("kv-value").FillAsync("0.91");
        await page.GetByTestId("card-IntendedUse").FillAsync("Rank customers by churn risk for the retention team.");
        await BrowserFixture.SaveScreenshotAsync(page, "registry-register-version");
        await page.GetByTestId("save-version").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/models/{modelKey}/versions/1$"));
        await Assertions.Expect(page.GetByTestId("version-facts")).ToContainTextAsync("xgboost 2.1");
        var datasetNode = page.Locator($"[data-testid='lineage'] a[data-node='dataset:{datasetKey}/2026-11-01']:visible");
        await Assertions.Expect(datasetNode).ToHaveAttributeAsync("aria-label", new Regex("Dataset version"));
        // One drawing now (it zooms rather than having a phone copy), and a level edge has no height for :visible.
        await Assertions.Expect(page.Locator("[data-testid='lineage'] [data-edge='trainedOn']")).ToHaveCountAsync(1);
        await page.WaitForLiveAsync();
        await BrowserFixture.SaveScreenshotAsync(page, "registry-version");

        await datasetNode.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/datasets/{datasetKey}/versions/2026-11-01$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"{datasetKey} @ 2026-11-01");
        var modelNode = page.Locator($"[data-testid='lineage'] a[data-node='model:{modelKey}/1']:visible");
        await Assertions.Expect(modelNode).ToBeVisibleAsync();
        await BrowserFixture.SaveScreenshotAsync(page, "registry-dataset-version");

        await modelNode.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/models/{modelKey}/versions/1$"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(1366, 860, false)]
    [InlineData(1366, 860, true)]
    [InlineData(390, 844, false)]
    [InlineData(390, 844, true)]
    public async Task Registry_pages_render_at_laptop_and_phone_width_in_both_themes(int width, int height, bool dark)
    {
        var (model, dataset) = await SeedAsync();
        var page = await browser.NewPageAsync(width, height);
        await page.SignInAsync(Personas.Admin, "/models");
        await SetThemeAsync(page, dark);
        var name = $"{width}-{(dark ? "dark" : "light")}";

        foreach (var (path, shot, ready) in new[]
        {
            ("/models", "models", "[data-testid='model-link']"),
            ($"/models/{model}", "model", "[data-testid='model-header']"),
            ($"/models/{model}/versions/2", "version", "[data-testid='lineage']"),
            ($"/models/{model}/compare?a=1&b=2", "compare", "[data-testid='compare-metrics']"),
            ("/datasets", "datasets", "[data-testid='dataset-link']"),
            ($"/datasets/{dataset}/versions/v1", "dataset-version", "[data-testid='lineage']"),
            ("/models/settings", "settings", "[data-testid='flagged']"),
        })
        {
            await page.GotoAsync(path);
            await page.WaitForLiveAsync();
            await Assertions.Expect(page.Locator(ready).First).ToBeVisibleAsync();
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{path} scrolls sideways at {width}px");
            await BrowserFixture.SaveScreenshotAsync(page, $"registry-{shot}-{name}");
        }

        await page.Context.CloseAsync();
    }

    private static async Task SetThemeAsync(IPage page, bool dark)
    {
        var toggle = page.GetByTestId("theme-toggle");
        var wanted = dark ? "Switch to light theme" : "Switch to dark theme";
        if (await toggle.GetAttributeAsync("aria-label") != wanted)
        {
            await toggle.ClickAsync();
        }

        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", wanted);
    }

    /// <summary>A model with two versions on two datasets, made through the service as a pipeline would.</summary>
    private async Task<(string Model, string Dataset)> SeedAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var models = browser.App.Services.GetRequiredService<ModelsService>();
        var datasets = browser.App.Services.GetRequiredService<Datasets>();
        var dana = Personas.Contributor.Principal;
        var model = $"fraud-scoring-{suffix}";
        var dataset = $"card-transactions-{suffix}";
        await models.CreateModelAsync(dana, new ModelInput(model, "Card fraud scoring", "Scores card payments for fraud in real time.",
            "Dana Scientist", "Payments", "Block fraudulent card payments before authorisation", RiskTier.Critical, ["fraud", "realtime"]));
        await datasets.CreateDatasetAsync(dana, new DatasetInput(dataset, "Labelled card transactions", "Dana Scientist"));
        await datasets.CreateDatasetAsync(dana, new DatasetInput($"holdout-{suffix}", "Holdout set", "Dana Scientist"));
        foreach (var (key, label) in new[] { (dataset, "v1"), (dataset, "v2"), ($"holdout-{suffix}", "2026-q3") })
        {
            await datasets.AddDatasetVersionAsync(dana, key, new DatasetVersionInput(label, $"s3://data/{key}/{label}/", Sha, 1_200_000,
                [new DatasetColumn("amount", "decimal"), new DatasetColumn("merchant_category", "string"), new DatasetColumn("is_fraud", "bool")]));
        }

        for (var v = 1; v <= 2; v++)
        {
            await models.RegisterVersionAsync(dana, model, new VersionInput(
                "lightgbm 4.3", $"s3://models/{model}/{v}/model.txt", Sha, "https://git.example/payments/fraud", $"a1b2c3d{v}",
                "https://ci.example/runs/42",
                [new DatasetRef(dataset, $"v{v}", DatasetRole.Training), new DatasetRef(dataset, $"v{v}", DatasetRole.Validation), new DatasetRef($"holdout-{suffix}", "2026-q3", DatasetRole.Test)],
                new Dictionary<string, string> { ["num_leaves"] = v == 1 ? "31" : "63", ["learning_rate"] = "0.05" },
                new Dictionary<string, double> { ["auc"] = v == 1 ? 0.912 : 0.934, ["recall_at_1pct_fpr"] = 0.61 },
                new ModelCard { IntendedUse = "Real-time fraud scoring of card payments.", TrainingData = "Twelve months of labelled card transactions.", Metrics = v == 2 ? "AUC 0.934 on the holdout set." : null }));
        }

        await models.RecordCiEvidenceAsync(dana, model, 2, new CiEvidenceInput(412, 0, 87.5, 3, new VulnerabilityCounts(0, 1, 2, 5), "https://ci.example/runs/43"));
        return (model, dataset);
    }
}
