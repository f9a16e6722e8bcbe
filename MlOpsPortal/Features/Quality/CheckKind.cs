using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Quality;

/// <summary>The kinds of check of DESIGN.md §10. The API names them in snake case (see <see cref="CheckKinds"/>).</summary>
[FeatureContract]
public enum CheckKind
{
    DataQuality,
    DataDrift,
    PredictionDrift,
    ModelPerformance,
    Documentation,
    NamingRules,
    CodeQuality,
}

[FeatureContract]
public static class CheckKinds
{
    private static readonly Dictionary<CheckKind, (string Api, string Title)> Names = new()
    {
        [CheckKind.DataQuality] = ("data_quality", "Data quality"),
        [CheckKind.DataDrift] = ("data_drift", "Data drift"),
        [CheckKind.PredictionDrift] = ("prediction_drift", "Prediction drift"),
        [CheckKind.ModelPerformance] = ("model_performance", "Model performance"),
        [CheckKind.Documentation] = ("documentation", "Documentation completeness"),
        [CheckKind.NamingRules] = ("naming_rules", "Naming rules"),
        [CheckKind.CodeQuality] = ("code_quality", "Code quality evidence"),
    };

    public static IReadOnlyList<CheckKind> All { get; } = Enum.GetValues<CheckKind>();

    public static string ApiName(this CheckKind kind) => Names[kind].Api;

    public static string Title(this CheckKind kind) => Names[kind].Title;

    public static CheckKind? Parse(string? name) =>
        Names.Where(n => string.Equals(n.Value.Api, name, StringComparison.OrdinalIgnoreCase) || string.Equals(n.Key.ToString(), name, StringComparison.OrdinalIgnoreCase))
            .Select(n => (CheckKind?)n.Key).FirstOrDefault();

    public static string AllApiNames => string.Join(", ", All.Select(ApiName));
}
