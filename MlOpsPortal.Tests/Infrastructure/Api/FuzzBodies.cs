using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace MlOpsPortal.Tests.Infrastructure.Api;

/// <summary>
/// Builds request bodies from an OpenAPI schema and breaks them in the ways callers really do. Seeded, so a failing
/// case comes back on the next run.
/// </summary>
internal sealed class FuzzBodies(JsonNode document, Random random)
{
    /// <summary>Stands for a lone surrogate escape, which no JSON writer will produce for us.</summary>
    private const string LoneSurrogate = "\u0001LONE\u0001";

    private static readonly string[] NastyStrings =
    [
        "", " ", "\u0000", "line\nbreak", "tab\there", "\u001b[31m", "evil\u202Egnp.exe", "zero\u200Bwidth", "../../etc/passwd",
        "..\\..\\windows", "%2e%2e%2f", "<script>alert(1)</script>", "' OR 1=1 --", "😀", "\uFEFF", "null", "-1", "1e999", LoneSurrogate,
        "abc" + LoneSurrogate + "def", "0001-01-01", "9999-12-31T23:59:59Z", "javascript:alert(1)", "http://169.254.169.254/",
    ];

    private static readonly string?[] ContentTypes =
    [
        "application/json; charset=nope", "application/json; charset=utf-16", "text/plain", "application/xml", null,
        "application/x-www-form-urlencoded", "multipart/form-data", "multipart/form-data; boundary=xyz", "application/json;;;", "*/*",
    ];

    private static readonly string[] RawBodies =
    [
        "", "[]", "null", "123", "true", "\"text\"", "{", "{\"a\":", "{}", "{\"a\":1,\"a\":2}", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
        "{\"x\":\"\\ud800\"}", "\"\\udfff\"", "{\"a\":1e400}", "\u0000", "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na,b\r\n1,",
    ];

    public FuzzCase Next(FuzzOperation operation, int index)
    {
        var path = Path(operation);
        var body = operation.BodySchema is { } schema ? Generate(schema, 0) : new JsonObject { ["version"] = 1, ["role"] = "current", ["columns"] = new JsonObject { ["age"] = new JsonArray(1, 2, 3) } };
        // The first cases of each operation are plausible, so the deeper rules run; later ones are broken on purpose.
        var kind = index < 5 ? -1 : random.Next(12);
        string? contentType = "application/json";
        string? text;
        switch (kind)
        {
            case 0:
                text = RawBodies[random.Next(RawBodies.Length)];
                if (text.StartsWith("--xyz", StringComparison.Ordinal))
                {
                    contentType = "multipart/form-data; boundary=xyz";
                }

                break;
            case 1:
                text = Serialize(body);
                contentType = ContentTypes[random.Next(ContentTypes.Length)];
                break;
            case 2:
                text = Serialize(body);
                text = text[..random.Next(text.Length)];
                break;
            case 3:
                text = null;
                break;
            default:
                text = Serialize(kind < 0 ? body : Mutate(body, random.Next(4) + 1));
                break;
        }

        return new FuzzCase(path, contentType, text);
    }

    private string Path(FuzzOperation operation)
    {
        var junk = random.Next(10) == 0;
        var builder = new StringBuilder(operation.Template);
        foreach (var parameter in (operation.Operation["parameters"]?.AsArray() ?? []).Where(p => p?["in"]?.GetValue<string>() == "path"))
        {
            var name = parameter!["name"]!.GetValue<string>();
            var value = junk ? JunkSegment() : name switch
            {
                "key" when operation.Template.StartsWith("/api/v1/datasets", StringComparison.Ordinal) => "customer-profiles",
                "key" => random.Next(5) == 0 ? "fraud-model" : "churn-model",
                "number" or "id" => (random.Next(4) + 1).ToString(CultureInfo.InvariantCulture),
                _ => "v1",
            };
            builder.Replace("{" + name + "}", value);
        }

        return builder.ToString();
    }

    private string JunkSegment() => new[] { "..", "%2e%2e", "x%0Ay", new string('k', 3000), "%F0%9F%98%80", "-1", "0", "99999999999", "%E2%80%AE" }[random.Next(9)];

    private JsonNode? Generate(JsonNode? schema, int depth)
    {
        schema = Resolve(schema);
        if (schema is null || depth > 6)
        {
            return null;
        }

        if (schema["enum"] is JsonArray values && values.Count > 0)
        {
            return values[random.Next(values.Count)]?.DeepClone();
        }

        foreach (var choice in new[] { "oneOf", "anyOf", "allOf" })
        {
            if (schema[choice] is JsonArray options && options.Count > 0)
            {
                var usable = options.Where(o => TypeOf(Resolve(o)) != "null").ToList();
                return Generate(usable.Count > 0 ? usable[random.Next(usable.Count)] : options[0], depth + 1);
            }
        }

        return TypeOf(schema) switch
        {
            "object" => GenerateObject(schema, depth),
            "array" => new JsonArray([.. Enumerable.Range(0, random.Next(3) + 1).Select(_ => Generate(schema["items"], depth + 1))]),
            "integer" => random.Next(0, 5),
            "number" => Math.Round(random.NextDouble() * 100, 2),
            "boolean" => random.Next(2) == 0,
            "string" => schema["format"]?.GetValue<string>() switch
            {
                "date-time" => "2026-11-20T10:00:00Z",
                "uri" => "https://ci.example/runs/1",
                _ => "fuzz-" + random.Next(1000).ToString(CultureInfo.InvariantCulture),
            },
            "null" => null,
            _ => "fuzz",
        };
    }

    private JsonObject GenerateObject(JsonNode schema, int depth)
    {
        var result = new JsonObject();
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            result[name] = Generate(property, depth + 1);
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            result["fuzz-" + random.Next(100).ToString(CultureInfo.InvariantCulture)] = Generate(additional, depth + 1);
        }

        return result;
    }

    /// <summary>Breaks the body in a few places: a leaf or a property is replaced, removed or nulled.</summary>
    private JsonNode? Mutate(JsonNode? body, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var targets = Containers(body).ToList();
            if (targets.Count == 0 || random.Next(20) == 0)
            {
                return Junk();
            }

            var target = targets[random.Next(targets.Count)];
            if (target is JsonObject obj)
            {
                var names = obj.Select(p => p.Key).ToList();
                if (names.Count == 0 || random.Next(6) == 0)
                {
                    obj["unexpected" + random.Next(10).ToString(CultureInfo.InvariantCulture)] = Junk();
                    continue;
                }

                var name = names[random.Next(names.Count)];
                if (random.Next(4) == 0)
                {
                    obj.Remove(name);
                }
                else
                {
                    obj[name] = Junk();
                }
            }
            else if (target is JsonArray array && array.Count > 0)
            {
                array[random.Next(array.Count)] = Junk();
            }
        }

        return body;
    }

    private JsonNode? Junk() => random.Next(11) switch
    {
        0 => null,
        1 => NastyStrings[random.Next(NastyStrings.Length)],
        2 => new string('x', random.Next(2) == 0 ? 100_000 : 5000),
        3 => JsonValue.Create(new[] { -1L, 0L, 2147483648L, long.MaxValue, long.MinValue, -2147483649L }[random.Next(6)]),
        4 => JsonValue.Create(new[] { 1.5, -0.0, 1e300, -1e300, double.Epsilon, 0.1 }[random.Next(6)]),
        5 => new JsonArray(1, "two", null, new JsonObject()),
        6 => new JsonObject { ["nested"] = new JsonObject { ["deeper"] = new JsonArray(new JsonObject { ["x"] = LoneSurrogate }) } },
        7 => random.Next(2) == 0,
        8 => new JsonArray(),
        9 => new JsonObject(),
        _ => NastyStrings[random.Next(NastyStrings.Length)] + new string('y', random.Next(300)),
    };

    private static IEnumerable<JsonNode> Containers(JsonNode? node)
    {
        if (node is JsonObject or JsonArray)
        {
            yield return node;
            var children = node is JsonObject obj ? obj.Select(p => p.Value) : node.AsArray();
            foreach (var child in children.ToList())
            {
                foreach (var inner in Containers(child))
                {
                    yield return inner;
                }
            }
        }
    }

    private static string Serialize(JsonNode? body) =>
        (body?.ToJsonString() ?? "null").Replace("\\u0001LONE\\u0001", "\\ud800", StringComparison.Ordinal);

    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 10 && schema?["$ref"]?.GetValue<string>() is { } reference; i++)
        {
            schema = document["components"]?["schemas"]?[reference.Split('/')[^1]];
        }

        return schema;
    }

    private static string? TypeOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonValue value => value.GetValue<string>(),
        JsonArray types => types.Select(t => t!.GetValue<string>()).FirstOrDefault(t => t != "null") ?? "null",
        _ => schema?["properties"] is not null ? "object" : null,
    };
}
