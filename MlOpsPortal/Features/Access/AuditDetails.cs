using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MlOpsPortal.Features.Access;

/// <summary>One line of an event's details: a field with its value, or, for a change, its value before and after.</summary>
public sealed record AuditDetailRow(string Field, string? Value, string? Before, string? After, bool IsChange)
{
    public bool Changed => IsChange && !string.Equals(Before, After, StringComparison.Ordinal);
}

/// <summary>
/// An event's details JSON as a table a person reads: nested objects become "parent › field" rows, lists join, times read
/// as UTC, and where the event stores <c>before</c> and <c>after</c> each field shows both.
/// </summary>
public sealed record AuditDetails(IReadOnlyList<AuditDetailRow> Rows)
{
    private const string Missing = "—";

    public bool HasChanges => Rows.Any(r => r.IsChange);

    public static AuditDetails Parse(string? json)
    {
        var rows = new List<AuditDetailRow>();
        switch (AuditFacts.Parse(json))
        {
            case null:
                break;
            case JsonObject root:
                var before = root.TryGetPropertyValue("before", out var b) ? b : null;
                var after = root.TryGetPropertyValue("after", out var a) ? a : null;
                if (root.ContainsKey("before") || root.ContainsKey("after"))
                {
                    AddChanges(rows, before, after);
                }

                foreach (var (name, value) in root.Where(p => p.Key is not ("before" or "after")))
                {
                    Flatten(rows, Label(name), value);
                }

                break;
            case var other:
                rows.Add(new("Value", Text(other), null, null, false));
                break;
        }

        return new AuditDetails(rows);
    }

    /// <summary>Before and after side by side, field by field when they are objects, in the order they first appear.</summary>
    private static void AddChanges(List<AuditDetailRow> rows, JsonNode? before, JsonNode? after)
    {
        if (before is JsonObject || after is JsonObject)
        {
            var old = Flat(before);
            var now = Flat(after);
            foreach (var field in old.Keys.Concat(now.Keys).Distinct())
            {
                rows.Add(new(field, null, old.GetValueOrDefault(field, Missing), now.GetValueOrDefault(field, Missing), true));
            }
        }
        else
        {
            rows.Add(new("Value", null, Text(before), Text(after), true));
        }
    }

    private static Dictionary<string, string> Flat(JsonNode? node)
    {
        var rows = new List<AuditDetailRow>();
        if (node is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                Flatten(rows, Label(name), value);
            }
        }
        else if (node is not null)
        {
            rows.Add(new("Value", Text(node), null, null, false));
        }

        return rows.ToDictionary(r => r.Field, r => r.Value ?? Missing, StringComparer.Ordinal);
    }

    private static void Flatten(List<AuditDetailRow> rows, string label, JsonNode? node)
    {
        if (node is JsonObject obj && obj.Count > 0)
        {
            foreach (var (name, value) in obj)
            {
                Flatten(rows, $"{label} › {Label(name)}", value);
            }
        }
        else
        {
            rows.Add(new(label, Text(node), null, null, false));
        }
    }

    /// <summary>A value as text: lists of values joined by commas, lists of records one per line as "field: value · …".</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => Missing,
        JsonArray { Count: 0 } => "none",
        JsonArray list when list.All(i => i is not JsonObject and not JsonArray) => string.Join(", ", list.Select(Text)),
        JsonArray list => string.Join("\n", list.Select(Text)),
        JsonObject { Count: 0 } => Missing,
        JsonObject obj => string.Join(" · ", obj.Select(p => $"{Label(p.Key)}: {Text(p.Value)}")),
        JsonValue value => Scalar(value),
        _ => node.ToJsonString(),
    };

    private static string Scalar(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                var text = value.GetValue<string>();
                return text.Length >= 19 && text[4] == '-' && text[10] == 'T'
                    && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time)
                    ? time.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC"
                    : text;
            case JsonValueKind.True:
                return "yes";
            case JsonValueKind.False:
                return "no";
            case JsonValueKind.Null:
                return Missing;
            default:
                return value.ToJsonString();
        }
    }

    /// <summary>"approvalExpiresAtUtc" → "Approval expires at (UTC)".</summary>
    public static string Label(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new List<string>();
        var word = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && word.Length > 0 && !(i > 0 && char.IsUpper(name[i - 1]) && (i + 1 == name.Length || char.IsUpper(name[i + 1]))))
            {
                words.Add(word.ToString());
                word.Clear();
            }

            word.Append(c);
        }

        words.Add(word.ToString());
        var utc = words.Count > 1 && words[^1] is "Utc" or "UTC";
        if (utc)
        {
            words.RemoveAt(words.Count - 1);
        }

        var text = string.Join(' ', words.Select((w, i) => i == 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w.All(char.IsUpper) ? w : w.ToLowerInvariant()));
        return utc ? text + " (UTC)" : text;
    }
}
