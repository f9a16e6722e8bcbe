using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Tests.Features.Quality.Statistics;

public sealed class ColumnTypeInferenceTests
{
    [Fact]
    public void Numbers_in_invariant_culture_with_missing_markers_are_numeric()
    {
        string?[] cells = ["1", "-2.5", "3e-4", "NaN", "nan", "", null, " 7 "];

        Assert.Equal(FeatureType.Numeric, ColumnTypeInference.Infer(cells));
        var parsed = ColumnTypeInference.ParseNumeric(cells);
        Assert.Equal([1, -2.5, 3e-4], parsed[..3]);
        Assert.All(parsed[3..7], v => Assert.True(double.IsNaN(v)));
        Assert.Equal(7, parsed[7]);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("abc")]
    [InlineData("Infinity")]
    [InlineData("1e400")]
    [InlineData("1,000")]
    public void A_single_cell_that_is_not_a_finite_invariant_number_makes_the_column_categorical(string odd)
    {
        Assert.Equal(FeatureType.Categorical, ColumnTypeInference.Infer(["1", "2", odd]));
    }

    [Fact]
    public void Missing_markers_are_recognised()
    {
        Assert.True(ColumnTypeInference.IsMissing(null));
        Assert.True(ColumnTypeInference.IsMissing(""));
        Assert.True(ColumnTypeInference.IsMissing("NaN"));
        Assert.True(ColumnTypeInference.IsMissing("nan"));
        Assert.False(ColumnTypeInference.IsMissing("0"));
    }
}
