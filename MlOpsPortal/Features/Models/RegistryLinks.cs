using MlOpsPortal.Infrastructure.Architecture;
using MudBlazor;

namespace MlOpsPortal.Features.Models;

/// <summary>Addresses and colours the registry pages share, so a link built on one page matches the route of another.</summary>
[FeatureContract]
public static class RegistryLinks
{
    public static string Model(string key) => $"/models/{Uri.EscapeDataString(key)}";

    public static string ModelVersion(string key, int number) => $"{Model(key)}/versions/{number}";

    public static string NewVersion(string key) => $"{Model(key)}/versions/new";

    public static string Compare(string key, int a, int b) => $"{Model(key)}/compare?a={a}&b={b}";

    public static string Dataset(string key) => $"/datasets/{Uri.EscapeDataString(key)}";

    public static string DatasetVersion(string key, string label) => $"{Dataset(key)}/versions/{Uri.EscapeDataString(label)}";

    public static Color RiskColor(RiskTier tier) => tier switch
    {
        RiskTier.Low => Color.Success,
        RiskTier.Medium => Color.Info,
        RiskTier.High => Color.Warning,
        _ => Color.Error,
    };

    public static string RoleText(DatasetRole role) => role switch
    {
        DatasetRole.Training => "training",
        DatasetRole.Validation => "validation",
        _ => "test",
    };

    /// <summary>Digests are 64 characters; the first 12 are enough to recognise one, the tooltip keeps the rest.</summary>
    public static string ShortDigest(string sha) => sha.Length > 12 ? sha[..12] + "…" : sha;
}
