using MlOpsPortal.Infrastructure.Architecture;
using MudBlazor;

namespace MlOpsPortal.Features.Models;

/// <summary>Addresses and colours the registry pages share, so a link built on one page matches the route of another.</summary>
[FeatureContract]
public static class RegistryLinks
{
    public const string Models = "/models";
    public const string Datasets = "/datasets";
    public const string Settings = "/models/settings";

    /// <summary>The registry API mirrors the pages' addresses under this prefix.</summary>
    private const string Api = "/api/v1";

    public static string Model(string key) => $"{Models}/{Uri.EscapeDataString(key)}";

    /// <summary>One tab of the model page (<c>?tab=quality</c>); the overview is the page itself.</summary>
    public static string ModelTab(string key, string tab) =>
        string.IsNullOrEmpty(tab) || tab == "overview" ? Model(key) : $"{Model(key)}?tab={Uri.EscapeDataString(tab)}";

    public static string ModelVersion(string key, int number) => $"{Model(key)}/versions/{number}";

    public static string NewVersion(string key) => $"{Model(key)}/versions/new";

    /// <summary>Either side may be left open for the person to choose on the page.</summary>
    public static string Compare(string key, int? a, int? b) => $"{Model(key)}/compare?a={a}&b={b}";

    public static string Dataset(string key) => $"{Datasets}/{Uri.EscapeDataString(key)}";

    public static string DatasetVersion(string key, string label) => $"{Dataset(key)}/versions/{Uri.EscapeDataString(label)}";

    public static string ApiModel(string key) => Api + Model(key);

    public static string ApiModelVersion(string key, int number) => Api + ModelVersion(key, number);

    public static string ApiDataset(string key) => Api + Dataset(key);

    public static string ApiDatasetVersion(string key, string label) => Api + DatasetVersion(key, label);

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
