using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Models;

/// <summary>The risk-tier and business-unit choices of a filter bar (<see cref="NativeSelect"/>); the empty value means "all".</summary>
[FeatureContract]
public static class RegistryFilterChoices
{
    public static IReadOnlyList<(string Value, string Label)> Tiers { get; } = NativeSelect.EnumChoices<RiskTier>("All tiers");

    /// <summary>Every unit, and the chosen one even when no model of it is listed (a shared link, a unit since renamed).</summary>
    public static IEnumerable<(string Value, string Label)> Units(IReadOnlyList<string> units, string? chosen) =>
        [(string.Empty, "All units"), .. (chosen is not null && !units.Contains(chosen) ? units.Append(chosen) : units).Select(u => (u, u))];
}
