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
        using var document = JsonDocument.Parse(gzip);
        var names = new List<string>();
        var columns = new List<string?[]>();
        foreach (var column in document.RootElement.GetProperty("columns").EnumerateObject())
        {
            names.Add(column.Name);
            var cells = new string?[column.Value.GetArrayLength()];
            var row = 0;
            foreach (var cell in column.Value.EnumerateArray())
            {
                cells[row++] = cell.ValueKind == JsonValueKind.Null ? null : cell.GetString();
            }

            columns.Add(cells);
        }

        return new SampleTable(names, columns);
    }
}
