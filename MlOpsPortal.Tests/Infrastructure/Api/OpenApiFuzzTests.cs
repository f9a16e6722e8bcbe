using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using MlOpsPortal.Tests.Support;
using Xunit.Abstractions;

namespace MlOpsPortal.Tests.Infrastructure.Api;

/// <summary>
/// Every POST and PUT of the OpenAPI document gets thousands of generated bodies (valid ones, then broken on purpose:
/// wrong types, missing fields, huge or empty strings, control characters, lone surrogates, bad numbers, nulls, junk,
/// wrong content types). Whatever is sent, the portal answers 2xx or a 4xx problem, never a 5xx.
/// </summary>
public sealed class OpenApiFuzzTests(SeededPortal app, ITestOutputHelper output) : IClassFixture<SeededPortal>
{
    private const int Seed = 20261203;
    private const int MinimumCases = 2000;

    [Fact]
    public async Task No_generated_request_gets_a_server_error()
    {
        using var client = app.CreateClientWithKey(SeededPortal.DevelopmentKey);
        var document = JsonNode.Parse(await (await client.GetPathAsync("/openapi/v1.json")).Content.ReadAsStringAsync())!;
        var operations = FuzzOperation.All(document);
        Assert.True(operations.Count >= 10, $"Expected the API's writes in the document, found {operations.Count}.");
        var random = new Random(Seed);
        var perOperation = (MinimumCases + operations.Count - 1) / operations.Count;
        var failures = new List<string>();
        var cases = 0;
        var recent = new Queue<string>();
        foreach (var operation in operations)
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var generator = new FuzzBodies(document, random);
            for (var i = 0; i < perOperation; i++, cases++)
            {
                var fuzzCase = generator.Next(operation, i);
                using var request = new HttpRequestMessage(new HttpMethod(operation.Method), new Uri(fuzzCase.Path, UriKind.Relative));
                if (fuzzCase.Body is not null)
                {
                    request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(fuzzCase.Body));
                    if (fuzzCase.ContentType is not null)
                    {
                        request.Content.Headers.TryAddWithoutValidation("Content-Type", fuzzCase.ContentType);
                    }
                }

                app.Errors.Clear();
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request);
                }
                catch (ObjectDisposedException)
                {
                    // A background service that crashes stops the whole portal: name the requests that led there.
                    Assert.Fail($"The portal stopped after case {cases}; the last requests were:\n" + string.Join("\n", recent));
                    throw;
                }

                recent.Enqueue($"{operation.Method} {fuzzCase.Path} {fuzzCase.ContentType} {Shorten(fuzzCase.Body)} → {(int)response.StatusCode}");
                if (recent.Count > 5)
                {
                    recent.Dequeue();
                }

                using var disposeResponse = response;
                var problem = Check(response, await response.Content.ReadAsStringAsync());
                if (problem is not null)
                {
                    var logged = (int)response.StatusCode >= 500 && app.Errors.TryPeek(out var error) ? " | logged: " + error : "";
                    failures.Add($"{operation.Method} {operation.Template} → {(int)response.StatusCode} {problem} | {fuzzCase.ContentType} {Shorten(fuzzCase.Body)} at {fuzzCase.Path}{logged}");
                }
            }

            output.WriteLine($"{operation.Method} {operation.Template}: {perOperation} cases in {watch.ElapsedMilliseconds} ms");
        }

        Assert.True(cases >= MinimumCases, $"Only {cases} cases ran.");
        var grouped = failures.GroupBy(f => f[..f.IndexOf(" | ", StringComparison.Ordinal)]).Select(g => $"{g.Count()}× {g.First()}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} cases failed:\n" + string.Join("\n", grouped.Take(40)));
    }

    private static string? Check(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return "server error";
        }

        if (status < 400)
        {
            return null;
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"is {response.Content.Headers.ContentType?.MediaType ?? "no content type"}, not problem+json";
        }

        var problem = JsonNode.Parse(text)!;
        var said = $"{problem["title"]} {problem["detail"]} {problem["errors"]?.ToJsonString()}";
        return ProblemText.NamesDotNetTypes(said) ? "names .NET types: " + Shorten(said) : null;
    }

    private static string Shorten(string? text) => text is null ? "(no body)" : text.Length <= 160 ? text : text[..160] + "…";
}

/// <summary>Whether a problem's text shows the portal's insides: .NET namespaces, type or exception names.</summary>
internal static class ProblemText
{
    private static readonly string[] Tells =
    [
        "System.", "Microsoft.", "MlOpsPortal.", "Exception", "DateTimeOffset", "Nullable`", "Int32", "Int64", "Input input", "Request request",
        "Failed to bind", "int?",
    ];

    public static bool NamesDotNetTypes(string text) => Tells.Any(t => text.Contains(t, StringComparison.Ordinal));
}

internal sealed record FuzzOperation(string Method, string Template, JsonNode Operation, JsonNode? BodySchema)
{
    public static List<FuzzOperation> All(JsonNode document)
    {
        var operations = new List<FuzzOperation>();
        foreach (var (template, item) in document["paths"]!.AsObject())
        {
            foreach (var method in new[] { "post", "put" })
            {
                if (item?[method] is { } operation)
                {
                    var schema = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                    operations.Add(new FuzzOperation(method.ToUpperInvariant(), template, operation, schema));
                }
            }
        }

        return operations;
    }
}

internal sealed record FuzzCase(string Path, string? ContentType, string? Body);
