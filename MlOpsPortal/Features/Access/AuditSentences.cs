using System.Text;
using MlOpsPortal.Infrastructure.Audit;

namespace MlOpsPortal.Features.Access;

/// <summary>An event as a sentence: who (<see cref="Actor"/>), did what (<see cref="Before"/>, <see cref="After"/>) to which thing.</summary>
public sealed record AuditSentence(string Actor, string Before, AuditThing? Thing, string After)
{
    public string Text => Actor + " " + Before + Thing?.Text + After;

    public override string ToString() => Text;
}

/// <summary>
/// Turns audit events into sentences from the vocabularies the features register: a known action by its phrase, an
/// unknown one by a generic sentence naming the action; the thing by its entity type, or by type and id when no
/// feature names it.
/// </summary>
public sealed class AuditSentences
{
    private const string ThingPlaceholder = "{thing}";
    private const string UnknownTemplate = "recorded “{action}” on {thing}";

    private readonly Dictionary<string, AuditPhrase> phrases = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<AuditFacts, AuditThing?>> things = new(StringComparer.Ordinal);

    public AuditSentences(IEnumerable<IAuditVocabulary> vocabularies)
    {
        ArgumentNullException.ThrowIfNull(vocabularies);
        var families = new List<AuditFamily>();
        foreach (var vocabulary in vocabularies)
        {
            families.AddRange(vocabulary.Families);
            foreach (var phrase in vocabulary.Phrases)
            {
                phrases.Add(phrase.Action, phrase);
            }

            foreach (var (kind, describe) in vocabulary.Things)
            {
                things.Add(kind, describe);
            }
        }

        Families = families;
        Actions = [.. phrases.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>Every family of every vocabulary, in registration order.</summary>
    public IReadOnlyList<AuditFamily> Families { get; }

    /// <summary>Every action some feature writes, sorted.</summary>
    public IReadOnlyList<string> Actions { get; }

    public AuditFamily? FamilyOf(string action) => Families.FirstOrDefault(f => f.Contains(action));

    public bool IsKnown(string action) => phrases.ContainsKey(action);

    public AuditSentence Describe(AuditFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var e = facts.Event;
        var phrase = phrases.GetValueOrDefault(e.Action);
        var template = Fill(phrase?.Template ?? UnknownTemplate, facts);
        var at = template.IndexOf(ThingPlaceholder, StringComparison.Ordinal);
        if (at < 0)
        {
            return new AuditSentence(e.ActorName, template, null, string.Empty);
        }

        var kind = phrase?.Thing ?? e.EntityType;
        var thing = (things.TryGetValue(kind, out var describe) ? describe(facts) : null) ?? Generic(e);
        return new AuditSentence(e.ActorName, template[..at], thing, template[(at + ThingPlaceholder.Length)..]);
    }

    /// <summary>Where the log names neither thing nor link: the entity type and id as stored.</summary>
    private static AuditThing Generic(AuditEvent e) =>
        new(string.IsNullOrEmpty(e.EntityId) ? e.EntityType : $"{e.EntityType} {e.EntityId}", null);

    /// <summary>Replaces each <c>{field}</c> or <c>{field|fallback}</c> but <c>{thing}</c> by the details' value.</summary>
    private static string Fill(string template, AuditFacts facts)
    {
        var text = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            var close = open < 0 ? -1 : template.IndexOf('}', open);
            if (close < 0)
            {
                text.Append(template, i, template.Length - i);
                break;
            }

            text.Append(template, i, open - i);
            var name = template[(open + 1)..close];
            var bar = name.IndexOf('|', StringComparison.Ordinal);
            var (field, fallback) = bar < 0 ? (name, "?") : (name[..bar], name[(bar + 1)..]);
            text.Append(field switch
            {
                "thing" => ThingPlaceholder,
                "action" => facts.Event.Action,
                _ => facts.Text(field) is { Length: > 0 } value ? value : fallback,
            });
            i = close + 1;
        }

        return text.ToString();
    }
}
