using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Tests.Features.Models;

public sealed class DocumentationCompletenessTests
{
    private static readonly CardSection[] Required = [CardSection.IntendedUse, CardSection.TrainingData, CardSection.Metrics, CardSection.Limitations];

    [Fact]
    public void Counts_filled_required_sections_and_names_the_missing_ones()
    {
        var card = new ModelCard { IntendedUse = "Score churn", Metrics = "AUC 0.83", Limitations = "   ", EthicalConsiderations = "not required" };

        var result = DocumentationCompleteness.Of(card, Required);

        Assert.Equal(50, result.Percent);
        Assert.Equal([CardSection.TrainingData, CardSection.Limitations], result.Missing);
    }

    [Fact]
    public void A_full_card_is_complete_and_an_empty_one_is_zero()
    {
        var full = new ModelCard();
        foreach (var section in Enum.GetValues<CardSection>())
        {
            full[section] = "written";
        }

        Assert.Equal(100, DocumentationCompleteness.Of(full, Required).Percent);
        Assert.Empty(DocumentationCompleteness.Of(full, Required).Missing);
        Assert.Equal(0, DocumentationCompleteness.Of(new ModelCard(), Required).Percent);
    }

    [Fact]
    public void With_nothing_required_every_card_is_complete()
    {
        Assert.Equal(100, DocumentationCompleteness.Of(new ModelCard(), []).Percent);
    }

    [Fact]
    public void Percent_rounds_down_so_a_card_is_never_shown_complete_while_a_section_is_missing()
    {
        var required = new[] { CardSection.IntendedUse, CardSection.TrainingData, CardSection.Metrics };

        Assert.Equal(66, DocumentationCompleteness.Of(new ModelCard { IntendedUse = "x", Metrics = "y" }, required).Percent);
    }
}
