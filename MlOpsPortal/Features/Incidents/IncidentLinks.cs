using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Incidents;

/// <summary>The incidents feature's pages, for links from anywhere above it and from notices.</summary>
[FeatureContract]
public static class IncidentLinks
{
    public const string Queue = "/incidents";
    public const string Overview = "/incidents/overview";
    public const string Settings = "/settings/incidents";

    public static string Incident(string number) => $"/incidents/{Uri.EscapeDataString(number)}";

    public static string ForModel(string modelKey) => $"/incidents?model={Uri.EscapeDataString(modelKey)}";
}
