using System.Globalization;
using System.Text;

namespace MlOpsPortal.Infrastructure.Api;

/// <summary>
/// The one rule every identifier obeys (keys, version labels, commits, idempotency keys, names looked up by key):
/// printable text that cannot pass for a path. Control characters, text-direction overrides and invisible
/// formatting characters make one key look like another; '/', '\' and '..' turn a key into a path in links and files.
/// </summary>
public static class IdentifierRule
{
    public static void Identifier(this FieldErrors errors, string field, string? value, string label)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (Problem(value, label) is { } problem)
        {
            errors.Add(field, problem);
        }
    }

    /// <summary>Null when the value is a usable identifier (or absent: whether it is required is the caller's rule).</summary>
    public static string? Problem(string? value, string label)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }

                return $"{label} must be printable text: it holds half of a character (a lone surrogate U+{(int)c:X4}) at position {i + 1}.";
            }

            var category = char.GetUnicodeCategory(c);
            if (category == UnicodeCategory.Control)
            {
                return $"{label} must be printable: remove the control character U+{(int)c:X4} at position {i + 1}.";
            }

            if (category is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return $"{label} must be printable: remove the invisible or text-direction character U+{(int)c:X4} at position {i + 1}.";
            }
        }

        return LooksLikePath(value)
            ? $"{label} cannot look like a path: use no '/', '\\' or '..' (and no percent-encoded forms of them)."
            : null;
    }

    private static bool LooksLikePath(string value)
    {
        var decoded = value.Contains('%', StringComparison.Ordinal) ? Decode(value) : value;
        return decoded.Contains('/', StringComparison.Ordinal) || decoded.Contains('\\', StringComparison.Ordinal)
            || decoded.Contains("..", StringComparison.Ordinal);
    }

    /// <summary>Percent-decodes twice, so %2e%2e and %252e%252e are seen for what a server would make of them.</summary>
    private static string Decode(string value)
    {
        var once = Uri.UnescapeDataString(value);
        var twice = Uri.UnescapeDataString(once);
        return new StringBuilder(value).Append(' ').Append(once).Append(' ').Append(twice).ToString();
    }
}
