namespace MlOpsPortal.Features.Models;

public sealed record Completeness(int Percent, IReadOnlyList<CardSection> Missing);

/// <summary>How much of the card an admin requires is filled in. With nothing required, every card is complete.</summary>
public static class DocumentationCompleteness
{
    public static Completeness Of(ModelCard card, IReadOnlyCollection<CardSection> required)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(required);
        if (required.Count == 0)
        {
            return new Completeness(100, []);
        }

        var missing = required.Distinct().Where(section => string.IsNullOrWhiteSpace(card[section])).Order().ToList();
        var filled = required.Distinct().Count() - missing.Count;
        return new Completeness((int)Math.Floor(100d * filled / required.Distinct().Count()), missing);
    }
}
