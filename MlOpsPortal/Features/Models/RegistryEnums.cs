namespace MlOpsPortal.Features.Models;

public enum RiskTier
{
    Low,
    Medium,
    High,
    Critical,
}

/// <summary>What a dataset version was used for when a model version was made.</summary>
public enum DatasetRole
{
    Training,
    Validation,
    Test,
}

/// <summary>The sections of a model card, in the order a card reads.</summary>
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
