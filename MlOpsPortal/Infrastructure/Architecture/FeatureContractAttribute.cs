namespace MlOpsPortal.Infrastructure.Architecture;

/// <summary>
/// Marks a type as part of its feature's contract: a feature higher in <c>docs/architecture.md</c> may use it. Everything
/// else in a feature (entities, jobs, pages, private components, helpers) is the feature's own; the architecture test
/// fails when another feature reaches for it.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Enum | AttributeTargets.Interface, Inherited = false)]
public sealed class FeatureContractAttribute : Attribute;
