using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Access;

/// <summary>The thing an audit event is about, as a reader names it, and the page that shows it (null when none does).</summary>
[FeatureContract]
public sealed record AuditThing(string Text, string? Link);

/// <summary>
/// How the audit log says one action: "{actor} " then <see cref="Template"/>, where <c>{thing}</c> is the linked subject
/// and <c>{field}</c> (or <c>{field|fallback}</c>) a value of the event's details. <see cref="Thing"/> names the
/// subject's kind when it is not the event's entity type (an access request named by its details, not by its person).
/// </summary>
[FeatureContract]
public sealed record AuditPhrase(string Action, string Template, string? Thing = null);

/// <summary>A family of actions for the log's filter: every action whose area (the part before the dot) is one of <see cref="Areas"/>.</summary>
[FeatureContract]
public sealed record AuditFamily(string Key, string Label, IReadOnlyList<string> Areas)
{
    public bool Contains(string action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var dot = action.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && Areas.Contains(action[..dot], StringComparer.Ordinal);
    }
}

/// <summary>
/// What a feature tells the audit log about the events it writes. Access says it for itself and every feature below it;
/// a feature above Access (Reports) registers its own, so the log reads its events without depending on it.
/// </summary>
[FeatureContract]
public interface IAuditVocabulary
{
    IReadOnlyList<AuditFamily> Families { get; }

    IReadOnlyList<AuditPhrase> Phrases { get; }

    /// <summary>By entity type (or <see cref="AuditPhrase.Thing"/>): the thing's name and link, or null to fall back to type and id.</summary>
    IReadOnlyDictionary<string, Func<AuditFacts, AuditThing?>> Things { get; }
}
