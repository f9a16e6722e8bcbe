using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Models;

/// <summary>The model card of one version (Mitchell et al., "Model Cards for Model Reporting").</summary>
[FeatureContract]
public sealed class ModelCard
{
    public string? IntendedUse { get; set; }
    public string? OutOfScopeUse { get; set; }
    public string? TrainingData { get; set; }
    public string? EvaluationData { get; set; }
    public string? Metrics { get; set; }
    public string? Limitations { get; set; }
    public string? EthicalConsiderations { get; set; }
    public string? CaveatsAndRecommendations { get; set; }

    public string? this[CardSection section]
    {
        get => section switch
        {
            CardSection.IntendedUse => IntendedUse,
            CardSection.OutOfScopeUse => OutOfScopeUse,
            CardSection.TrainingData => TrainingData,
            CardSection.EvaluationData => EvaluationData,
            CardSection.Metrics => Metrics,
            CardSection.Limitations => Limitations,
            CardSection.EthicalConsiderations => EthicalConsiderations,
            CardSection.CaveatsAndRecommendations => CaveatsAndRecommendations,
            _ => throw new ArgumentOutOfRangeException(nameof(section)),
        };
        set
        {
            switch (section)
            {
                case CardSection.IntendedUse: IntendedUse = value; break;
                case CardSection.OutOfScopeUse: OutOfScopeUse = value; break;
                case CardSection.TrainingData: TrainingData = value; break;
                case CardSection.EvaluationData: EvaluationData = value; break;
                case CardSection.Metrics: Metrics = value; break;
                case CardSection.Limitations: Limitations = value; break;
                case CardSection.EthicalConsiderations: EthicalConsiderations = value; break;
                case CardSection.CaveatsAndRecommendations: CaveatsAndRecommendations = value; break;
                default: throw new ArgumentOutOfRangeException(nameof(section));
            }
        }
    }

    /// <summary>A card of its own with the same text, for an edit or an audit record that must not change with this one.</summary>
    public ModelCard Copy()
    {
        var copy = new ModelCard();
        foreach (var section in Enum.GetValues<CardSection>())
        {
            copy[section] = this[section];
        }

        return copy;
    }

    public static string Title(CardSection section) => section switch
    {
        CardSection.IntendedUse => "Intended use",
        CardSection.OutOfScopeUse => "Out-of-scope use",
        CardSection.TrainingData => "Training data",
        CardSection.EvaluationData => "Evaluation data",
        CardSection.Metrics => "Metrics",
        CardSection.Limitations => "Limitations",
        CardSection.EthicalConsiderations => "Ethical considerations",
        CardSection.CaveatsAndRecommendations => "Caveats and recommendations",
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };
}
