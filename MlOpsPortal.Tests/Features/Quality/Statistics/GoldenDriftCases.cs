using System.Text.Json;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Quality.Statistics;

/// <summary>The SciPy-computed cases in ../shared/reference/drift-cases.json.</summary>
public sealed record GoldenDriftCase(
    string Name,
    string Kind,
    JsonElement Reference,
    JsonElement Current,
    JsonElement Expected)
{
    public double[] NumericReference => [.. Reference.EnumerateArray().Select(e => e.GetDouble())];

    public double[] NumericCurrent => [.. Current.EnumerateArray().Select(e => e.GetDouble())];

    public string?[] CategoricalReference => [.. Reference.EnumerateArray().Select(e => e.GetString())];

    public string?[] CategoricalCurrent => [.. Current.EnumerateArray().Select(e => e.GetString())];

    public double Number(string key) => Expected.GetProperty(key).GetDouble();

    public double? OptionalNumber(string key) => Expected.TryGetProperty(key, out var value) ? value.GetDouble() : null;

    public double[] Numbers(string key) => [.. Expected.GetProperty(key).EnumerateArray().Select(e => e.GetDouble())];

    public string[] Strings(string key) => [.. Expected.GetProperty(key).EnumerateArray().Select(e => e.GetString()!)];
}

public static class GoldenDriftCases
{
    private static readonly Lazy<IReadOnlyList<GoldenDriftCase>> Cases = new(Load);

    public static IReadOnlyList<GoldenDriftCase> All => Cases.Value;

    public static GoldenDriftCase Get(string name) => All.Single(c => c.Name == name);

    public static TheoryData<string> NumericNames() => Names("numeric");

    public static TheoryData<string> CategoricalNames() => Names("categorical");

    public static TheoryData<string> NamesWithExactKs()
    {
        var data = new TheoryData<string>();
        foreach (var c in All.Where(c => c.Kind == "numeric" && c.OptionalNumber("ks_pvalue_exact") is not null))
        {
            data.Add(c.Name);
        }

        return data;
    }

    private static TheoryData<string> Names(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var c in All.Where(c => c.Kind == kind))
        {
            data.Add(c.Name);
        }

        return data;
    }

    private static List<GoldenDriftCase> Load()
    {
        var path = Path.Combine(RepositoryPaths.Root, "..", "shared", "reference", "drift-cases.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var cases = new List<GoldenDriftCase>();
        foreach (var c in document.RootElement.GetProperty("cases").EnumerateArray())
        {
            var clone = c.Clone();
            cases.Add(new GoldenDriftCase(
                clone.GetProperty("name").GetString()!,
                clone.GetProperty("kind").GetString()!,
                clone.GetProperty("reference"),
                clone.GetProperty("current"),
                clone));
        }

        return cases;
    }
}

/// <summary>The tolerances of DESIGN §10.</summary>
public static class Tolerance
{
    public static void Statistic(double expected, double actual, string what) =>
        Assert.True(RelativeError(expected, actual) <= 1e-9 || (expected == 0 && Math.Abs(actual) <= 1e-15),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {RelativeError(expected, actual):E2})");

    // 1e-12 absolute would let a 2e-9 p-value be off by 0.05 %: it is accepted only where the expected value is
    // itself 0 (the disjoint case), everywhere else the relative bound applies.
    public static void PValue(double expected, double actual, string what) =>
        Assert.True(RelativeError(expected, actual) <= 1e-6 || (expected == 0 && Math.Abs(actual) <= 1e-12),
            $"{what}: expected {expected:R}, got {actual:R} (relative error {RelativeError(expected, actual):E2})");

    private static double RelativeError(double expected, double actual) =>
        expected == actual ? 0 : Math.Abs(actual - expected) / Math.Abs(expected);
}
