using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;

namespace MlOpsPortal.Features.Quality;

/// <summary>
/// Named columns of equal length with cells as text (null = missing), as a sample is stored and checks read it.
/// The canonical form is compact JSON <c>{"columns":{"name":[cells]}}</c>; its SHA-256 identifies the sample.
/// </summary>
public sealed class SampleTable
{
    public SampleTable(IReadOnlyList<string> names, IReadOnlyList<string?[]> columns)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(columns);
        Names = names;
        Columns = columns;
        RowCount = columns.Count == 0 ? 0 : columns[0].Length;
    }

    public IReadOnlyList<string> Names { get; }
    public IReadOnlyList<string?[]> Columns { get; }
    public int RowCount { get; }

    public string?[]? Column(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (Names[i] == name)
            {
                return Columns[i];
            }
        }

        return null;
    }

    public byte[] ToCanonicalJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("columns");
            for (var i = 0; i < Names.Count; i++)
            {
                json.WriteStartArray(Names[i]);
                foreach (var cell in Columns[i])
                {
                    if (cell is null)
                    {
                        json.WriteNullValue();
                    }
                    else
                    {
                        json.WriteStringValue(cell);
                    }
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static string Sha256Of(byte[] canonicalJson) => Convert.ToHexStringLower(SHA256.HashData(canonicalJson));

    public static byte[] Compress(byte[] canonicalJson)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(canonicalJson);
        }

        return buffer.ToArray();
    }

    public static SampleTable Decompress(byte[] content)
    {
        using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        using var json = new MemoryStream();
        gzip.CopyTo(json);

        // A forward-only reader: samples reach millions of cells, and a document tree of them would be built only to be copied.
        var reader = new Utf8JsonReader(json.GetBuffer().AsSpan(0, (int)json.Length));
        var names = new List<string>();
        var columns = new List<string?[]>();
        var cells = new List<string?>();
        Expect(ref reader, JsonTokenType.StartObject);
        Expect(ref reader, JsonTokenType.PropertyName);
        Expect(ref reader, JsonTokenType.StartObject);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            names.Add(reader.GetString()!);
            Expect(ref reader, JsonTokenType.StartArray);
            cells.Clear();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                cells.Add(reader.TokenType == JsonTokenType.Null ? null : reader.GetString());
            }

            columns.Add([.. cells]);
        }

        return new SampleTable(names, columns);
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType token)
    {
        if (!reader.Read() || reader.TokenType != token)
        {
            throw new InvalidDataException($"A stored sample is malformed: expected {token} at byte {reader.TokenStartIndex}.");
        }
    }
}
