using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// Reads an upstream dataset version either as an object (<c>{"dataset", "label"}</c>) or as the short
/// <c>"dataset@label"</c> a pipeline script writes; writes the object. A string without '@' is kept with no label, so
/// validation can name the field and say what shape it needs instead of failing the whole body.
/// </summary>
public sealed class DatasetVersionRefConverter : JsonConverter<DatasetVersionRef>
{
    public override DatasetVersionRef? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return Parse(reader.GetString()!);
            case JsonTokenType.StartObject:
                string? dataset = null, label = null;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    var value = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                    {
                        throw new JsonException("Expected {\"dataset\": …, \"label\": …} or \"dataset@label\".");
                    }
                    if (name.Equals("dataset", StringComparison.OrdinalIgnoreCase))
                    {
                        dataset = value;
                    }
                    else if (name.Equals("label", StringComparison.OrdinalIgnoreCase) || name.Equals("version", StringComparison.OrdinalIgnoreCase))
                    {
                        label = value;
                    }
                }

                return new DatasetVersionRef(dataset, label);
            default:
                throw new JsonException("Expected {\"dataset\": …, \"label\": …} or \"dataset@label\".");
        }
    }

    public override void Write(Utf8JsonWriter writer, DatasetVersionRef value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("dataset", value.Dataset);
        writer.WriteString("label", value.Label);
        writer.WriteEndObject();
    }

    /// <summary>The last '@' splits, so a label never holds one but a key is refused by its own rule.</summary>
    public static DatasetVersionRef Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.LastIndexOf('@');
        return at < 0 ? new DatasetVersionRef(text.Trim(), null) : new DatasetVersionRef(text[..at].Trim(), text[(at + 1)..].Trim());
    }
}
