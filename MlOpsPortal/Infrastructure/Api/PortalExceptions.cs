namespace MlOpsPortal.Infrastructure.Api;

/// <summary>Input a person or pipeline can fix; <see cref="Errors"/> names each field (camelCase) with what is wrong.</summary>
public sealed class PortalValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("The request is not valid: " + string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static PortalValidationException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>
/// The request clashes with what exists (a key already taken, a state already changed). <see cref="Details"/> go into
/// the problem details as extra members, e.g. the transitions an incident allows in its current state.
/// </summary>
public sealed class PortalConflictException(string message, IReadOnlyDictionary<string, object?>? details = null) : Exception(message)
{
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}

/// <summary>Something the request names does not exist.</summary>
public sealed class PortalNotFoundException(string message) : Exception(message);
