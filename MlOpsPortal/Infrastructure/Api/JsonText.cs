using System.Text.Json;

namespace MlOpsPortal.Infrastructure.Api;

/// <summary>
/// For endpoints that read a <see cref="JsonDocument"/> themselves: JSON may escape half a character ("\ud800")
/// and spell numbers no double holds (1e400); reading either throws. A NUL ("\u0000") reads but cannot be stored.
/// This names the field before anything reads or saves it.
/// </summary>
public static class JsonText
{
    /// <summary>Throws a field error named by the JSON path (<c>columns.age[3]</c>; <c>body</c> for the root).</summary>
    public static void ThrowIfUnreadable(JsonElement element, string path = "")
    {
        ArgumentNullException.ThrowIfNull(path);
        var field = path.Length == 0 ? "body" : path;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = Readable(() => property.Name)
                        ?? throw PortalValidationException.For(field, "A name here holds half of a character (a lone surrogate escape such as \\ud800). Send whole characters.");
                    if (TextWithoutNul.HoldsNul(name))
                    {
                        throw PortalValidationException.For(field, TextWithoutNul.Message);
                    }

                    ThrowIfUnreadable(property.Value, path.Length == 0 ? name : $"{path}.{name}");
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    ThrowIfUnreadable(item, $"{field}[{index++}]");
                }

                break;
            case JsonValueKind.String when Readable(element.GetString) is null:
                throw PortalValidationException.For(field, "Not valid text: it holds half of a character (a lone surrogate escape such as \\ud800). Send whole characters.");
            case JsonValueKind.String when TextWithoutNul.HoldsNul(element.GetString()):
                throw PortalValidationException.For(field, TextWithoutNul.Message);
            case JsonValueKind.Number when !element.TryGetDouble(out _):
                throw PortalValidationException.For(field, "Not a usable number: it is too large or too precise for a double.");
        }
    }

    private static string? Readable(Func<string?> read)
    {
        try
        {
            return read() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
