using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// A metric whose owner raises incident signals of its own (Quality's failed-checks count: the report is the better
/// source, with its link). Alerts on it still fire and show, but open no incident, or each failure would open two.
/// A feature above Monitoring registers one as a singleton.
/// </summary>
[FeatureContract]
public sealed record MetricWithOwnSignals(string Metric);
