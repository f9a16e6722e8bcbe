using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Models;

public sealed class ModelsServiceTests : IAsyncLifetime
{
    private PortalServices app = default!;

    private ModelsService Models => app.Services.GetRequiredService<ModelsService>();

    public async Task InitializeAsync() => app = await PortalServices.StartAsync();

    public async Task DisposeAsync() => await app.DisposeAsync();

    private Datasets Datasets => app.Services.GetRequiredService<Datasets>();

    private Lineage Lineage => app.Services.GetRequiredService<Lineage>();

    private RegistryRules Rules => app.Services.GetRequiredService<RegistryRules>();

    [Fact]
    public async Task Creating_a_model_records_who_and_the_after_state_in_the_audit_log()
    {
        await Models.CreateModelAsync(Personas.Contributor, NewModel("churn-model"));

        await using var db = await DbAsync();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "model.created");
        Assert.Equal("Dana Scientist", audit.ActorName);
        Assert.Equal("churn-model", audit.EntityId);
        using var details = JsonDocument.Parse(audit.Details!);
        Assert.Equal("Customer churn", details.RootElement.GetProperty("after").GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Updating_a_model_audits_before_and_after()
    {
        await Models.CreateModelAsync(Personas.Contributor, NewModel("churn-model"));

        await Models.UpdateModelAsync(Personas.Contributor, "churn-model", NewModel("churn-model") with { RiskTier = RiskTier.Critical });

        await using var db = await DbAsync();
        using var details = JsonDocument.Parse((await db.AuditEvents.SingleAsync(e => e.Action == "model.updated")).Details!);
        Assert.Equal("High", details.RootElement.GetProperty("before").GetProperty("riskTier").GetString());
        Assert.Equal("Critical", details.RootElement.GetProperty("after").GetProperty("riskTier").GetString());
    }

    [Fact]
    public async Task A_taken_key_is_a_conflict_and_a_bad_key_quotes_the_rule()
    {
        await Models.CreateModelAsync(Personas.Contributor, NewModel("churn-model"));

        await Assert.ThrowsAsync<PortalConflictException>(() => Models.CreateModelAsync(Personas.Contributor, NewModel("churn-model")));
        var invalid = await Assert.ThrowsAsync<PortalValidationException>(() => Models.CreateModelAsync(Personas.Contributor, NewModel("Churn Model")));
        Assert.Contains(RegistrySettings.DefaultKeyPattern, invalid.Errors["key"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readers_cannot_write_even_by_calling_the_service_directly()
    {
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Models.CreateModelAsync(Personas.Business, NewModel("churn-model")));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Rules.UpdateSettingsAsync(Personas.Contributor, new RegistrySettingsInput("^[a-z]+$", "^[a-z]+$", [])));
    }

    [Fact]
    public async Task Ten_pipelines_registering_at_once_get_versions_one_to_ten()
    {
        await Models.CreateModelAsync(Personas.Contributor, NewModel("churn-model"));

        var registered = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() =>
            Models.RegisterVersionAsync(Personas.Contributor, "churn-model", NewVersion()))));

        Assert.Equal(Enumerable.Range(1, 10), registered.Select(v => v.Version).Order());
        Assert.Equal(10, (await Models.GetModelAsync("churn-model"))!.Model.LatestVersion);
    }

    [Fact]
    public async Task An_unknown_dataset_version_is_named_and_nothing_is_written()
    {
        await Models.CreateModelAsync(Personas.Contributor, NewModel("churn-model"));
        await Datasets.CreateDatasetAsync(Personas.Contributor, new DatasetInput("churn-labels", "labels", "Retention"));
        await Datasets.AddDatasetVersionAsync(Personas.Contributor, "churn-labels", NewDatasetVersion("2026-11-01"));
        await using var before = await DbAsync();
        var eventsBefore = await before.AuditEvents.CountAsync();

        var error = await Assert.ThrowsAsync<PortalValidationException>(() => Models.RegisterVersionAsync(Personas.Contributor, "churn-model",
            NewVersion() with { Datasets = [new("churn-labels", "2026-11-01", DatasetRole.Training), new("churn-labels", "2030-01-01", DatasetRole.Test)] }));

        Assert.Contains("'2030-01-01'", error.Errors["datasets[1]"][0], StringComparison.Ordinal);
        await using var after = await DbAsync();
        Assert.Equal(0, await after.ModelVersions.CountAsync());
        Assert.Equal(0, await after.LineageLinks.CountAsync());
        Assert.Equal(eventsBefore, await after.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task Lineage_links_dataset_versions_to_the_model_version_both_ways()
    {
        await Models.CreateModelAsync(Personas.Contributor, NewModel("churn-model"));
        await Datasets.CreateDatasetAsync(Personas.Contributor, new DatasetInput("churn-labels", "labels", "Retention"));
        await Datasets.AddDatasetVersionAsync(Personas.Contributor, "churn-labels", NewDatasetVersion("2026-11-01"));
        await Models.RegisterVersionAsync(Personas.Contributor, "churn-model",
            NewVersion() with { Datasets = [new("churn-labels", "2026-11-01", DatasetRole.Training), new("churn-labels", "2026-11-01", DatasetRole.Validation)] });

        var graph = (await Lineage.GetVersionLineageAsync("churn-model", 1))!;
        var reverse = (await Lineage.GetDatasetVersionLineageAsync("churn-labels", "2026-11-01"))!;

        // The version's source commit stands before it too (LineageTests); here only the datasets count.
        var datasetEdges = graph.Edges.Where(e => e.From.StartsWith("dataset:", StringComparison.Ordinal)).ToList();
        Assert.Equal(["dataset:churn-labels/2026-11-01", "model:churn-model/1"], graph.Nodes.Where(n => n.Kind != LineageGraph.CommitKind).Select(n => n.Id).Order());
        Assert.Equal(["trainedOn", "validatedOn"], datasetEdges.Select(e => e.Kind).Order());
        Assert.All(datasetEdges, e => Assert.Equal(("dataset:churn-labels/2026-11-01", "model:churn-model/1"), (e.From, e.To)));
        Assert.Contains(reverse.Nodes, n => n.Id == "model:churn-model/1" && n.Href == "/models/churn-model/versions/1");
        Assert.Equal(1, (await Datasets.GetDatasetAsync("churn-labels"))!.Versions.Single().UsedByModelVersions);
    }

    [Fact]
    public async Task Changing_a_naming_rule_flags_existing_keys_but_keeps_them()
    {
        await Models.CreateModelAsync(Personas.Contributor, NewModel("churn-model"));
        await Models.CreateModelAsync(Personas.Contributor, NewModel("fraud-v2"));

        await Rules.UpdateSettingsAsync(Personas.Admin, new RegistrySettingsInput("^[a-z-]+$", RegistrySettings.DefaultKeyPattern, [CardSection.IntendedUse]));

        var flagged = await Rules.FlaggedKeysAsync();
        Assert.Equal([new FlaggedKey("model", "fraud-v2", "^[a-z-]+$")], flagged);
        var list = await Models.ListModelsAsync(new ModelQuery { SortBy = ModelSort.Key, Descending = false });
        Assert.Equal([true, false], list.Items.Select(m => m.KeyFollowsNamingRule));
        await Assert.ThrowsAsync<PortalValidationException>(() => Models.CreateModelAsync(Personas.Contributor, NewModel("model-3")));
    }

    [Fact]
    public async Task Keys_asked_about_are_checked_against_the_rules_in_force_and_no_others_are_reported()
    {
        await Rules.UpdateSettingsAsync(Personas.Admin, new RegistrySettingsInput("^[a-z-]+$", "^[a-z]+$", [CardSection.IntendedUse]));

        var flagged = await Rules.FlaggedAmongAsync(["churn-model", "fraud-v2", "fraud-v2"], ["labels", "labels-2024"]);

        Assert.Equal([new FlaggedKey("model", "fraud-v2", "^[a-z-]+$"), new FlaggedKey("dataset", "labels-2024", "^[a-z]+$")], flagged);
        Assert.Empty(await Rules.FlaggedAmongAsync(["churn-model"], ["labels"]));
    }

    [Fact]
    public async Task Completeness_follows_the_sections_the_admin_requires()
    {
        await Models.CreateModelAsync(Personas.Contributor, NewModel("churn-model"));
        await Models.RegisterVersionAsync(Personas.Contributor, "churn-model", NewVersion() with { ModelCard = new ModelCard { IntendedUse = "Retention calls" } });
        await Rules.UpdateSettingsAsync(Personas.Admin, new RegistrySettingsInput(
            RegistrySettings.DefaultKeyPattern, RegistrySettings.DefaultKeyPattern, [CardSection.IntendedUse, CardSection.Limitations]));

        var version = (await Models.GetVersionAsync("churn-model", 1))!;

        Assert.Equal(50, version.DocumentationPercent);
        Assert.Equal([CardSection.Limitations], version.MissingSections);
    }

    [Fact]
    public async Task The_list_searches_filters_sorts_and_pages_on_the_server()
    {
        foreach (var (key, tier, unit) in new[] { ("alpha-model", RiskTier.Low, "Retail"), ("beta-model", RiskTier.Critical, "Credit"), ("gamma-model", RiskTier.High, "Retail"), ("delta-fraud", RiskTier.Medium, "Retail") })
        {
            await Models.CreateModelAsync(Personas.Contributor, NewModel(key) with { RiskTier = tier, BusinessUnit = unit, DisplayName = key.Replace('-', ' ') });
        }

        var retailByRisk = await Models.ListModelsAsync(new ModelQuery { BusinessUnit = "Retail", SortBy = ModelSort.RiskTier, Descending = true });
        var search = await Models.ListModelsAsync(new ModelQuery { Search = "FRAUD" });
        var page2 = await Models.ListModelsAsync(new ModelQuery { SortBy = ModelSort.Key, Descending = false, PageIndex = 1, PageSize = 3 });

        Assert.Equal(["gamma-model", "delta-fraud", "alpha-model"], retailByRisk.Items.Select(m => m.Key));
        Assert.Equal(["delta-fraud"], search.Items.Select(m => m.Key));
        Assert.Equal(4, page2.TotalCount);
        Assert.Equal(["gamma-model"], page2.Items.Select(m => m.Key));
    }

    [Fact]
    public async Task Demo_data_fills_an_empty_registry_once()
    {
        var seeder = app.Services.GetRequiredService<RegistryDemoData>();

        await seeder.SeedAsync();
        await seeder.SeedAsync();

        var models = await Models.ListModelsAsync(new ModelQuery { PageSize = 100 });
        Assert.True(models.TotalCount >= 8);
        Assert.True(models.Items.Select(m => m.BusinessUnit).Distinct().Count() >= 4);
        Assert.Equal(Enum.GetValues<RiskTier>().Order(), models.Items.Select(m => m.RiskTier).Distinct().Order());
        Assert.All(models.Items, m => Assert.InRange(m.LatestVersion, 2, 6));
        // Ten sources plus raw card events and churn features, which the demo derives from others (issue 15 lineage).
        Assert.Equal(12, (await Datasets.ListDatasetsAsync(new DatasetQuery())).TotalCount);
        var completeness = new HashSet<int>();
        foreach (var model in models.Items)
        {
            foreach (var version in (await Models.GetModelAsync(model.Key))!.Versions)
            {
                completeness.Add(version.DocumentationPercent);
                Assert.NotEmpty(version.Datasets);
            }
        }

        Assert.Contains(100, completeness);
        Assert.True(completeness.Count >= 3, "cards of varying completeness");
    }

    private Task<PortalDbContext> DbAsync() => app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private static ModelInput NewModel(string key) =>
        new(key, "Customer churn", "Predicts churn", "Dana Scientist", "Retail Banking", "Retention calls", RiskTier.High, ["retention"]);

    private static VersionInput NewVersion() =>
        new("xgboost 2.1", "s3://models/churn/model.bin", new string('a', 64), "https://git.example/churn", "abc123", null, [],
            new Dictionary<string, string> { ["max_depth"] = "6" }, new Dictionary<string, double> { ["auc"] = 0.83 }, new ModelCard());

    private static DatasetVersionInput NewDatasetVersion(string label) =>
        new(label, "s3://data/churn-labels/" + label, new string('b', 64), 1000, [new DatasetColumn("customer_id", "string")]);
}
