using System.Text.RegularExpressions;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>Metric names of DESIGN.md §9: the standard ones, and custom names of the same shape.</summary>
public static partial class MetricNames
{
    public const string Accuracy = "model.accuracy";
    public const string Precision = "model.precision";
    public const string Recall = "model.recall";
    public const string F1 = "model.f1";
    public const string Auc = "model.auc";
    public const string Rmse = "model.rmse";
    public const string Predictions = "predictions.count";
    public const string LatencyP50 = "latency.p50_ms";
    public const string LatencyP95 = "latency.p95_ms";
    public const string ErrorRate = "errors.rate";
    public const string DataLoadDuration = "data.load_duration_s";
    public const string DataRowCount = "data.row_count";
    public const string DataCompleteness = "data.completeness";
    public const string SystemCpu = "system.cpu_percent";
    public const string SystemMemory = "system.memory_mb";
    public const string SystemNetwork = "system.network_bytes_per_s";
    public const string AppLoadTime = "app.load_time_ms";

    // The portal's own process, sampled every minute (custom names of the standard shape).
    public const string SystemGcHeap = "system.gc_heap_mb";
    public const string AppRequestsPerMinute = "app.requests_per_minute";

    public const string Pattern = "^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*$";

    public static bool IsValid(string? name) => name is { Length: > 0 and <= 128 } && NamePattern().IsMatch(name);

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
