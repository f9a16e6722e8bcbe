using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Quality.Statistics;
using MlOpsPortal.Tests.Features.Quality.Statistics;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Quality;

/// <summary>The real portal with its job server: runs requested through the API are executed by Hangfire.</summary>
public sealed class QualityJobServerApp : PortalAppFactory
{
    public QualityJobServerApp()
    {
        RunJobServer = true;
    }
}

/// <summary>
/// The SciPy golden cases end to end: samples uploaded through the API, a data_drift run executed by the job
/// server, and every statistic of the report read back over HTTP at DESIGN §10's tolerances.
/// </summary>
public sealed class QualityGoldenApiTests(QualityJobServerApp app) : IClassFixture<QualityJobServerApp>
{
    public static TheoryData<string> Numeric => GoldenDriftCases.NumericNames();

    public static TheoryData<string> Categorical => GoldenDriftCases.CategoricalNames();

    [Theory]
    [MemberData(nameof(Numeric))]
    public async Task Numeric_statistics_of_a_report_match_scipy(string name)
    {
        var c = GoldenDriftCases.Get(name);
        var feature = await RunGoldenCaseAsync(c, c.NumericReference.Distinct().Count() <= 5 ? FeatureType.Numeric : null);

        Assert.Equal("Numeric", feature["type"]!.GetValue<string>());
        var statistics = feature["statistics"]!.AsObject();
        foreach (var key in new[] { "ks", "ksPValue", "wasserstein", "jensenShannon", "psi" })
        {
            Assert.True(statistics.ContainsKey(key), $"{name}: '{key}' is missing from {statistics.ToJsonString()}");
        }

        Tolerance.Statistic(c.Number("ks_statistic"), Number(statistics, "ks"), $"{name} ks");
        Tolerance.Statistic(c.Number("psi"), Number(statistics, "psi"), $"{name} psi");
        Tolerance.Statistic(c.Number("wasserstein_normalized"), Number(statistics, "wasserstein"), $"{name} wasserstein");
        Tolerance.Statistic(c.Number("jensenshannon"), Number(statistics, "jensenShannon"), $"{name} jensenShannon");

        // The product computes the exact p-value when n·m ≤ 10,000 (KolmogorovSmirnov.DefaultExactMaxProduct), the asymptotic one above.
        var n = c.NumericReference.Length;
        var m = c.NumericCurrent.Length;
        if ((long)n * m <= KolmogorovSmirnov.DefaultExactMaxProduct)
        {
            Assert.NotNull(c.OptionalNumber("ks_pvalue_exact"));
            Tolerance.PValue(c.Number("ks_pvalue_exact"), Number(statistics, "ksPValue"), $"{name} exact ks p");
        }
        else
        {
            Tolerance.PValue(c.Number("ks_pvalue_asymp"), Number(statistics, "ksPValue"), $"{name} asymptotic ks p");
        }

        // The default rule of DESIGN §10 decides, with the figures the report shows.
        var categorical = c.NumericReference.Distinct().Count() <= 5;
        var expectedTest = n <= 1000 ? (categorical ? "chiSquare" : "ks") : (categorical ? "jensenShannon" : "wasserstein");
        Assert.Equal(expectedTest, feature["test"]!.GetValue<string>());
        AssertVerdictFollowsTheRule(feature, statistics, expectedTest);
    }

    [Theory]
    [MemberData(nameof(Categorical))]
    public async Task Categorical_statistics_of_a_report_match_scipy(string name)
    {
        var c = GoldenDriftCases.Get(name);
        var feature = await RunGoldenCaseAsync(c, null);

        Assert.Equal("Categorical", feature["type"]!.GetValue<string>());
        var statistics = feature["statistics"]!.AsObject();
        foreach (var key in new[] { "chiSquare", "chiSquarePValue", "jensenShannon", "psi" })
        {
            Assert.True(statistics.ContainsKey(key), $"{name}: '{key}' is missing from {statistics.ToJsonString()}");
        }

        Tolerance.Statistic(c.Number("chisquare_statistic"), Number(statistics, "chiSquare"), $"{name} chi-square");
        Tolerance.PValue(c.Number("chisquare_pvalue"), Number(statistics, "chiSquarePValue"), $"{name} chi-square p");
        var expectedTest = c.CategoricalReference.Length <= 1000 ? "chiSquare" : "jensenShannon";
        Assert.Equal(expectedTest, feature["test"]!.GetValue<string>());
        AssertVerdictFollowsTheRule(feature, statistics, expectedTest);
    }

    [Fact]
    public async Task Columns_with_nothing_to_compare_give_a_report_that_says_why_without_nan()
    {
        var model = await QualityTestData.CreateModelAsync(app.Services, "edge");
        using var client = app.CreateClientAs(Personas.Contributor);
        var reference = new Dictionary<string, object?[]>
        {
            ["all_missing_current"] = [1, 2, 3, 4, 5, 6, 7, 8],
            ["with_missing_strings"] = [1, "NaN", 3, "nan", 5, 6, 7, 8],
            ["constant_reference"] = [3, 3, 3, 3, 3, 3, 3, 3],
            ["single_category"] = ["a", "a", "a", "a", "a", "a", "a", "a"],
            ["all_missing_reference"] = [null, "NaN", "", null, null, null, null, null],
        };
        var current = new Dictionary<string, object?[]>
        {
            ["all_missing_current"] = [null, null, "", "NaN", null, null, null, null],
            ["with_missing_strings"] = ["NaN", 2, 3, 4, "NaN", 6, 9, 9],
            ["constant_reference"] = [3, 3, 4, 4, 5, 5, 6, 6],
            ["single_category"] = ["a", "a", "a", "a", "a", "a", "a", "a"],
            ["all_missing_reference"] = [1, 2, 3, 4, 5, 6, 7, 8],
        };
        await client.UploadOkAsync(model, 1, "reference", reference);
        await client.UploadOkAsync(model, 1, "current", current);

        var runId = await client.RequestRunAsync(model, 1, "data_drift");
        var run = await client.SucceededRunAsync(runId);
        var reportId = run["reportId"]!.GetValue<int>();
        using var raw = await client.GetPathAsync($"/api/v1/quality-reports/{reportId}");
        var text = await raw.Content.ReadAsStringAsync();
        Assert.DoesNotContain("NaN", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Infinity", text, StringComparison.Ordinal);
        var drift = JsonNode.Parse(text)!.Check("data_drift");

        var allMissing = drift.Feature("all_missing_current");
        Assert.Null(allMissing["statistic"]);
        Assert.False(allMissing["drifted"]!.GetValue<bool>());
        Assert.Contains("Every current value is missing", allMissing["note"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(8, allMissing["currentMissing"]!.GetValue<int>());

        Assert.Contains("Every reference value is missing", drift.Feature("all_missing_reference")["note"]!.GetValue<string>(), StringComparison.Ordinal);

        var withMissing = drift.Feature("with_missing_strings");
        Assert.Equal("Numeric", withMissing["type"]!.GetValue<string>());
        Assert.Equal(2, withMissing["referenceMissing"]!.GetValue<int>());
        Assert.Equal(2, withMissing["currentMissing"]!.GetValue<int>());
        Assert.Equal(6, withMissing["referenceCount"]!.GetValue<int>());
        Assert.NotNull(withMissing["statistics"]!["ks"]);

        var constant = drift.Feature("constant_reference");
        Assert.Equal("Numeric", constant["type"]!.GetValue<string>());
        // std(ref) = 0: the Wasserstein distance is divided by 0.001 (DESIGN §10), finite and large.
        var w = Number(constant["statistics"]!.AsObject(), "wasserstein");
        Assert.True(double.IsFinite(w) && w > 100, $"wasserstein {w}");

        var single = drift.Feature("single_category");
        Assert.Equal("Categorical", single["type"]!.GetValue<string>());
        Assert.Null(single["statistic"]);
        Assert.False(single["drifted"]!.GetValue<bool>());
        Assert.Contains("only one", single["note"]!.GetValue<string>(), StringComparison.Ordinal);

        // Features without a verdict do not count as evaluated.
        Assert.Contains(" of 2 features drifted", drift["summary"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private async Task<JsonNode> RunGoldenCaseAsync(GoldenDriftCase c, FeatureType? forcedType)
    {
        var model = await QualityTestData.CreateModelAsync(app.Services, "golden");
        using var client = app.CreateClientAs(Personas.Contributor);
        if (forcedType is { } type)
        {
            // Cases with few unique values would be read as categorical; the suite says the feature is numeric.
            var settings = new CheckSuiteSettings { Features = { [c.Name] = new FeatureSettings { Type = type } } };
            await app.Services.GetRequiredService<CheckSuites>().SaveSuiteAsync(Personas.Admin, model,
                new CheckSuiteInput(false, "0 2 * * *", [CheckKind.DataDrift], settings));
        }

        await UploadAsync(client, model, "reference", c.Name, c.Reference);
        await UploadAsync(client, model, "current", c.Name, c.Current);
        var runId = await client.RequestRunAsync(model, 1, "data_drift");
        var run = await client.SucceededRunAsync(runId);
        Assert.Equal(100, run["progress"]!.GetValue<int>());
        var report = await client.ReportAsync(run["reportId"]!.GetValue<int>());
        Assert.Equal(model, report["model"]!.GetValue<string>());
        var drift = report.Check("data_drift");
        Assert.Single(drift["features"]!.AsArray());
        return drift.Feature(c.Name);
    }

    private static async Task UploadAsync(HttpClient client, string model, string role, string column, JsonElement values)
    {
        using var response = await client.UploadJsonAsync(model, new { version = 1, role, columns = new Dictionary<string, JsonElement> { [column] = values } });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"{column} {role}: {(int)response.StatusCode} {text}");
        Assert.Equal(values.GetArrayLength(), JsonNode.Parse(text)!["rowCount"]!.GetValue<int>());
    }

    private static void AssertVerdictFollowsTheRule(JsonNode feature, JsonObject statistics, string test)
    {
        var drifted = feature["drifted"]!.GetValue<bool>();
        var threshold = feature["threshold"]!.GetValue<double>();
        if (test is "ks" or "chiSquare")
        {
            var p = Number(statistics, test == "ks" ? "ksPValue" : "chiSquarePValue");
            Assert.Equal(0.05, threshold);
            Assert.Equal(p, feature["pValue"]!.GetValue<double>());
            Assert.Equal(p < 0.05, drifted);
        }
        else
        {
            var statistic = Number(statistics, test);
            Assert.Equal(0.1, threshold);
            Assert.Equal(statistic, feature["statistic"]!.GetValue<double>());
            Assert.Equal(statistic >= 0.1, drifted);
        }
    }

    private static double Number(JsonObject statistics, string key) =>
        statistics[key]?.GetValue<double>() ?? throw new Xunit.Sdk.XunitException($"'{key}' is missing from {statistics.ToJsonString()}");
}
