using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Tests.Features.Quality.Statistics;

public sealed class GoldenCategoricalTests
{
    public static TheoryData<string> Categorical => GoldenDriftCases.CategoricalNames();

    [Theory]
    [MemberData(nameof(Categorical))]
    public void Category_union_is_the_golden_one(string name)
    {
        var c = GoldenDriftCases.Get(name);

        var table = CategoryTable.From(CategoricalSample.Create(c.CategoricalReference), CategoricalSample.Create(c.CategoricalCurrent));

        Assert.Equal(c.Strings("categories"), table.Labels);
    }

    [Theory]
    [MemberData(nameof(Categorical))]
    public void Chi_square_matches_scipy(string name)
    {
        var c = GoldenDriftCases.Get(name);
        var table = CategoryTable.From(CategoricalSample.Create(c.CategoricalReference), CategoricalSample.Create(c.CategoricalCurrent));

        var result = ChiSquareHomogeneity.Test(table.ReferenceCounts, table.CurrentCounts);

        Assert.NotNull(result);
        Tolerance.Statistic(c.Number("chisquare_statistic"), result.Statistic, "chi-square");
        Tolerance.PValue(c.Number("chisquare_pvalue"), result.PValue, "chi-square p");
        Assert.Equal((int)c.Number("chisquare_dof"), result.DegreesOfFreedom);
    }

    [Theory]
    [MemberData(nameof(Categorical))]
    public void Feature_drift_uses_chi_square_for_small_categorical_references(string name)
    {
        var c = GoldenDriftCases.Get(name);

        var result = FeatureDrift.Categorical(name, c.CategoricalReference, c.CategoricalCurrent);

        Assert.Equal(FeatureType.Categorical, result.FeatureType);
        Assert.Equal(DriftTest.ChiSquare, result.Test);
        Tolerance.Statistic(c.Number("chisquare_statistic"), result.Statistic!.Value, "statistic");
        Tolerance.PValue(c.Number("chisquare_pvalue"), result.PValue!.Value, "p");
        Assert.Equal(c.Number("chisquare_pvalue") < 0.05, result.Drifted);
        Assert.Equal(c.Strings("categories"), result.Distribution!.Labels);
        Assert.Equal(["chiSquare", "chiSquarePValue", "jensenShannon", "psi"], result.Statistics.Keys.Order(StringComparer.Ordinal));
    }
}
