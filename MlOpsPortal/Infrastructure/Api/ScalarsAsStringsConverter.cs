using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOpsPortal.Infrastructure.Api;

/// <summary>
/// Reads a JSON object of scalars into strings: pipelines send hyperparameters as they are ({"max_depth": 6,
/// "early_stopping": true}), and the registry keeps them as text exactly as written.
/// </summary>
public sealed class ScalarsAsStringsConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    public override IReadOnlyDictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object of names and values.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = TextWithoutNul.Checked(reader.GetString())!;
            reader.Read();
            values[name] = reader.TokenType switch
            {
                JsonTokenType.String => TextWithoutNul.Checked(reader.GetString())!,
                JsonTokenType.Number or JsonTokenType.True or JsonTokenType.False => JsonDocument.ParseValue(ref reader).RootElement.GetRawText(),
                _ => throw new JsonException($"'{name}' must be a string, number or true/false."),
            };
        }

        return values;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        foreach (var (name, text) in value)
        {
            writer.WriteString(name, text);
        }

        writer.WriteEndObject();
    }
}
