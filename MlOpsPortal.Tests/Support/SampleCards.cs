using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Tests.Support;

public static class SampleCards
{
    /// <summary>A model card with every section written: documentation 100 % whatever sections an admin requires.</summary>
    public static ModelCard Complete()
    {
        var card = new ModelCard();
        foreach (var section in Enum.GetValues<CardSection>())
        {
            card[section] = "Written.";
        }

        return card;
    }
}
