using System.Text.Json;
using System.Text.Json.Serialization;

namespace MlOpsPortal.Infrastructure.Api;

/// <summary>
/// JSON may escape a NUL character ("\u0000"); PostgreSQL's text cannot hold one and SQL Server and SQLite would keep a
/// value no page shows faithfully. Every string of a request body is read through here, so the API refuses it as a
/// named field on every provider instead of failing (500) when it is saved.
/// </summary>
public sealed class TextWithoutNul : JsonConverter<string>
{
    public const string Message = "Not valid text: it holds a NUL character (\\u0000), which the portal cannot store. Remove it.";

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString());

    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Checked(reader.GetString()) ?? string.Empty;

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value);
    }

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value);
    }

    /// <summary>The text unchanged, or a <see cref="NulInTextException"/> that the serializer completes with the field's path.</summary>
    public static string? Checked(string? text) =>
        HoldsNul(text) ? throw new NulInTextException() : text;

    public static bool HoldsNul(string? text) => text is not null && text.Contains('\0', StringComparison.Ordinal);
}

/// <summary>A JsonException the serializer fills with the path of the string that held a NUL.</summary>
public sealed class NulInTextException : JsonException
{
    public NulInTextException()
        : base(TextWithoutNul.Message)
    {
    }

    public NulInTextException(string message)
        : base(message)
    {
    }

    public NulInTextException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
