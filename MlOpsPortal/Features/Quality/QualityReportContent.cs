using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using MlOpsPortal.Features.Quality.Statistics;

namespace MlOpsPortal.Features.Quality;

/// <summary>One finding of a check that is not about a single feature's distribution (a row count, a coverage figure).</summary>
public sealed record CheckFinding(string Name, QualityStatus Status, string Message, double? Value = null, double? Threshold = null);

/// <summary>One feature's drift as a report keeps it: the deciding test and every statistic that applies.</summary>
public sealed record FeatureFinding(
    string Name, FeatureType Type, string? Test, double? Statistic, double? PValue, double? Threshold, bool Drifted, bool Warning,
    IReadOnlyDictionary<string, double> Statistics, int ReferenceCount, int CurrentCount, int ReferenceMissing, int CurrentMissing,
    string? Note, DriftDistribution? Distribution);

/// <summary>One check's verdict. <see cref="Kind"/> is the API name, e.g. "data_drift".</summary>
public sealed record CheckOutcome(
    string Kind, QualityStatus Status, string Summary, double? DriftedShare, IReadOnlyList<CheckFinding> Findings, IReadOnlyList<FeatureFinding> Features)
{
    public CheckKind CheckKind => CheckKinds.Parse(Kind) ?? throw new InvalidOperationException($"Unknown check kind '{Kind}'.");

    public static CheckOutcome Of(CheckKind kind, string summary, IReadOnlyList<CheckFinding> findings) =>
        new(kind.ApiName(), findings.Count == 0 ? QualityStatus.Pass : findings.Max(f => f.Status), summary, null, findings, []);

    public static CheckOutcome CannotEvaluate(CheckKind kind, string why) =>
        new(kind.ApiName(), QualityStatus.Fail, "Cannot be evaluated: " + why, null, [new CheckFinding("evaluation", QualityStatus.Fail, why)], []);
}

/// <summary>
/// Everything a report says, serialised once to canonical JSON; that text is stored, hashed and downloaded as is,
/// so anyone can check a downloaded report against its SHA-256.
/// </summary>
public sealed record QualityReportContent(int RunId, string Model, int Version, QualityStatus Status, DateTime CreatedAt, IReadOnlyList<CheckOutcome> Checks)
{
    private static readonly JsonSerializerOptions Json = CreateOptions();

    public static JsonSerializerOptions SerializerOptions => Json;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static QualityReportContent FromJson(string json) =>
        JsonSerializer.Deserialize<QualityReportContent>(json, Json) ?? throw new InvalidOperationException("A stored report is empty.");

    public static string Sha256Of(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true };
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}
