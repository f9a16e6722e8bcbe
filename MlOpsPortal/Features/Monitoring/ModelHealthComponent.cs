using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>How much of a health score a page has room for.</summary>
[FeatureContract]
public enum ModelHealthLayout
{
    /// <summary>Every part, its weight and why: the model dashboard and the portfolio.</summary>
    Breakdown,

    /// <summary>Status, score and the reasons of the parts that have data: a deployment request.</summary>
    Summary,

    /// <summary>One line: a card in a list.</summary>
    Inline,
}

/// <summary>
/// The component that <see cref="ModelHealth"/> shows; registered by the Health feature. It takes the parameters
/// <c>Model</c>, <c>Environment</c> and <c>Layout</c>.
/// </summary>
[FeatureContract]
public sealed record ModelHealthComponent(Type Type);
