using System.Text.Json.Serialization;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Models;

[FeatureContract]
public enum RiskTier
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>What a dataset version was used for when a model version was made; camelCase in JSON, as pipelines write it.</summary>
public enum DatasetRole
{
    [JsonStringEnumMemberName("training")]
    Training,

    [JsonStringEnumMemberName("validation")]
    Validation,

    [JsonStringEnumMemberName("test")]
    Test,
}

/// <summary>The sections of a model card, in the order a card reads.</summary>
[FeatureContract]
public enum CardSection
{
    IntendedUse,
    OutOfScopeUse,
    TrainingData,
    EvaluationData,
    Metrics,
    Limitations,
    EthicalConsiderations,
    CaveatsAndRecommendations,
}
