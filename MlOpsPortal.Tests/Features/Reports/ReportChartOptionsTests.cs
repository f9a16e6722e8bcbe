using MlOpsPortal.Features.Reports;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>A report's chart on screen: counts are read off whole-number ticks.</summary>
public sealed class ReportChartOptionsTests
{
    [Fact]
    public void A_stacked_count_of_one_per_category_gets_the_ticks_0_and_1()
    {
        // The executive report's "Models by business unit and stage" with one model per unit: ApexCharts alone put ticks
        // at 0.2, 0.4, … which rounded to 0, 0, 0, 1, 1.
        var chart = new ReportChart("Models by business unit and stage", ReportChartKind.StackedBar, "models", ["Credit", "Insurance"],
            [new ReportSeries("production", [1, 0]), new ReportSeries("registered only", [0, 1])]);

        var axis = ReportChartOptions.For(chart).YAxis!;

        Assert.Equal(0, axis.Min);
        Assert.Equal(1, axis.Max);
        Assert.Equal(1, axis.TickAmount);
    }

    [Fact]
    public void A_stacked_bar_is_as_tall_as_its_categorys_values_together()
    {
        var chart = new ReportChart("Health by week", ReportChartKind.StackedBar, "models", ["W1", "W2"],
            [new ReportSeries("Healthy", [4, 2]), new ReportSeries("Critical", [3, 1])]);

        var axis = ReportChartOptions.For(chart).YAxis!;

        // 7 models in W1: steps of 2 up to 8.
        Assert.Equal(8, axis.Max);
        Assert.Equal(4, axis.TickAmount);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 1)]
    [InlineData(6, 2)]
    [InlineData(10, 2)]
    [InlineData(11, 5)]
    [InlineData(25, 5)]
    [InlineData(37, 10)]
    [InlineData(240, 50)]
    [InlineData(1_234, 500)]
    public void Whole_number_steps_are_1_2_5_times_a_power_of_ten_with_at_most_five_ticks(double highest, double step)
    {
        Assert.Equal(step, ReportChartOptions.WholeStep(highest));
    }

    [Fact]
    public void Fractions_and_empty_charts_are_left_to_the_chart_library()
    {
        var fractions = new ReportChart("Error rate", ReportChartKind.Line, "%", ["W1", "W2"], [new ReportSeries("api", [0.4, 1.7])]);
        var empty = new ReportChart("Incidents", ReportChartKind.Bar, "incidents", ["W1"], [new ReportSeries("P1", [0])]);

        Assert.Null(ReportChartOptions.For(fractions).YAxis!.Max);
        Assert.Null(ReportChartOptions.For(empty).YAxis!.Max);
    }
}
