using System.Globalization;
using MlOpsPortal.Components.Charts;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>How the dashboards name, format and link metrics, so a value reads the same on every page.</summary>
public static class MetricDisplay
{
    public static IReadOnlyList<string> Performance { get; } =
        [MetricNames.Accuracy, MetricNames.Precision, MetricNames.Recall, MetricNames.F1, MetricNames.Auc];

    public static IReadOnlyList<string> DataPipeline { get; } =
        [MetricNames.DataLoadDuration, MetricNames.DataRowCount, MetricNames.DataCompleteness];

    /// <summary>What the model page's monitoring tab sums up: quality, traffic, service and data, in that order.</summary>
    public static IReadOnlyList<string> Key { get; } =
    [
        .. Performance, MetricNames.Predictions, MetricNames.LatencyP50, MetricNames.LatencyP95, MetricNames.ErrorRate,
        .. DataPipeline,
    ];

    public static string Label(string metric) => metric switch
    {
        MetricNames.Accuracy => "Accuracy",
        MetricNames.Precision => "Precision",
        MetricNames.Recall => "Recall",
        MetricNames.F1 => "F1",
        MetricNames.Auc => "AUC",
        MetricNames.Rmse => "RMSE",
        MetricNames.Predictions => "Predictions",
        MetricNames.LatencyP50 => "Latency p50",
        MetricNames.LatencyP95 => "Latency p95",
        MetricNames.ErrorRate => "Error rate",
        MetricNames.DataLoadDuration => "Load duration",
        MetricNames.DataRowCount => "Rows",
        MetricNames.DataCompleteness => "Completeness",
        MetricNames.SystemCpu => "CPU",
        MetricNames.SystemMemory => "Working set",
        MetricNames.SystemGcHeap => "GC heap",
        MetricNames.AppRequestsPerMinute => "Requests",
        MetricNames.SystemNetwork => "Network throughput",
        MetricNames.AppLoadTime => "App load time",
        _ => metric,
    };

    public static string Unit(string metric) => metric switch
    {
        MetricNames.LatencyP50 or MetricNames.LatencyP95 or MetricNames.AppLoadTime => "ms",
        MetricNames.DataLoadDuration => "s",
        MetricNames.SystemCpu => "%",
        MetricNames.SystemMemory or MetricNames.SystemGcHeap => "MB",
        MetricNames.AppRequestsPerMinute => "per minute",
        MetricNames.SystemNetwork => "bytes/s",
        _ => string.Empty,
    };

    /// <summary>Counts are whole numbers; ratios keep three decimals, which is where model quality differences show.</summary>
    public static string Format(string metric, double value)
    {
        var number = metric switch
        {
            MetricNames.Predictions or MetricNames.DataRowCount => value.ToString("N0", CultureInfo.CurrentCulture),
            _ when Math.Abs(value) >= 100 => value.ToString("N0", CultureInfo.CurrentCulture),
            _ when Math.Abs(value) >= 10 => value.ToString("0.#", CultureInfo.CurrentCulture),
            _ => value.ToString("0.###", CultureInfo.CurrentCulture),
        };
        var unit = Unit(metric);
        return unit.Length == 0 ? number : $"{number} {unit}";
    }

    /// <summary>The chart formatter for a metric's y axis.</summary>
    public static string AxisFormatter(string metric) => metric switch
    {
        MetricNames.Predictions or MetricNames.DataRowCount or MetricNames.SystemNetwork => ChartFormatters.Fixed0,
        MetricNames.LatencyP50 or MetricNames.LatencyP95 or MetricNames.AppLoadTime or MetricNames.SystemMemory
            or MetricNames.SystemGcHeap or MetricNames.AppRequestsPerMinute => ChartFormatters.Fixed0,
        MetricNames.DataLoadDuration or MetricNames.SystemCpu => ChartFormatters.Fixed1,
        _ => ChartFormatters.Fixed3,
    };

    /// <summary>The query API's resolution, as a person reads it next to a chart.</summary>
    public static string Resolution(string resolution) => resolution switch
    {
        "raw" => "every point",
        "1m" => "1m buckets",
        "1h" => "1h buckets",
        "1d" => "1d buckets",
        _ => resolution,
    };

    /// <summary>The name a training run would use for the same measure: model.auc is "auc" in trainingMetrics.</summary>
    public static string TrainingName(string metric) => metric.StartsWith("model.", StringComparison.Ordinal) ? metric["model.".Length..] : metric;

    /// <summary>The approved baseline of a metric: the version's training metric of the same name (model.auc → auc), if recorded.</summary>
    public static double? Baseline(Models.VersionDetails? version, string metric)
    {
        var name = TrainingName(metric);
        var match = version?.TrainingMetrics.FirstOrDefault(m => string.Equals(m.Key, name, StringComparison.OrdinalIgnoreCase));
        return match?.Key is null ? null : match.Value.Value;
    }
}
