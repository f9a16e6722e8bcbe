using System.Text.Json;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// POST /api/v1/metrics. Timestamp and value stay raw JSON so a bad one is reported by its index ("points[3].value")
/// instead of failing the whole body with a parser message.
/// </summary>
[FeatureContract]
public sealed record IngestionRequest(string? Model, string? Environment, string? IdempotencyKey, IReadOnlyList<IngestionPoint>? Points);

[FeatureContract]
public sealed record IngestionPoint(string? Metric, JsonElement Timestamp, JsonElement Value);

[FeatureContract]
public sealed record IngestionResult(int Accepted, bool? Duplicate = null);

/// <summary>A validated batch: every point names its series and is ready to store.</summary>
public sealed record PendingBatch(
    string ClientId, string? IdempotencyKey, int? ModelId, string? ModelKey, int EnvironmentId, string EnvironmentKey,
    IReadOnlyList<PendingPoint> Points);

public sealed record PendingPoint(string Metric, long TimestampMs, double Value);

public sealed record WriteOutcome(int Accepted, bool Duplicate);

/// <summary>A committed point, as open dashboards receive it.</summary>
public sealed record CommittedPoint(string? Model, string Environment, string Metric, long TimestampMs, double Value);
