using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// The risk-tier and business-unit choices of a filter bar (<see cref="Components.Shared.NativeSelect"/>), where the
/// empty value means "all".
/// </summary>
[FeatureContract]
public static class RegistryFilterChoices
{
    public static IReadOnlyList<(string Value, string Label)> Tiers { get; } =
        [(string.Empty, "All tiers"), .. Enum.GetValues<RiskTier>().Select(t => (t.ToString(), t.ToString()))];

    public static string TierValue(RiskTier? tier) => tier?.ToString() ?? string.Empty;

    public static RiskTier? ParseTier(string value) => Enum.TryParse<RiskTier>(value, out var tier) && Enum.IsDefined(tier) ? tier : null;

    /// <summary>Every unit, and the chosen one even when no model of it is listed (a shared link, a unit since renamed).</summary>
    public static IEnumerable<(string Value, string Label)> Units(IReadOnlyList<string> units, string? chosen) =>
        [(string.Empty, "All units"), .. (chosen is not null && !units.Contains(chosen) ? units.Append(chosen) : units).Select(u => (u, u))];

    public static string? ParseUnit(string value) => value.Length == 0 ? null : value;
}
