using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;

namespace MlOpsPortal.Infrastructure.Api;

/// <summary>
/// What minimal APIs say when a parameter cannot be bound, said for the caller: the framework's own messages name
/// .NET types and parameters ("Failed to bind parameter \"DateTimeOffset? to\"", "Required parameter \"ModelInput
/// input\""), which tell a pipeline author nothing and show the portal's insides.
/// </summary>
internal static partial class BindingProblems
{
    public static ProblemDetails From(BadHttpRequestException bad)
    {
        ArgumentNullException.ThrowIfNull(bad);
        if (bad.StatusCode == StatusCodes.Status415UnsupportedMediaType)
        {
            return Problem(bad.StatusCode, "Unsupported content type", "Send the body as JSON with the header Content-Type: application/json.");
        }

        if (FailedToBind().Match(bad.Message) is { Success: true } failed)
        {
            var field = failed.Groups["name"].Value;
            return Field(field, $"'{Shorten(failed.Groups["value"].Value)}' is not {Expected(failed.Groups["type"].Value)}.");
        }

        if (Required().Match(bad.Message) is { Success: true } required)
        {
            return required.Groups["source"].Value == "body"
                ? Field("body", "The request needs a JSON body (an object, not null).")
                : Field(required.Groups["name"].Value, $"{required.Groups["name"].Value} is required.");
        }

        if (bad.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase))
        {
            return Field("body", "The request needs a JSON body.");
        }

        return Problem(bad.StatusCode, "The request could not be read",
            $"Check the request's path, query and body against the API reference at {PortalApi.ReferencePath}.");
    }

    private static string Expected(string type) => type.TrimEnd('?') switch
    {
        "int" or "long" or "short" => "a whole number",
        "double" or "decimal" or "float" => "a number",
        "bool" => "true or false",
        "DateTimeOffset" or "DateTime" => "a date and time (ISO 8601, e.g. 2026-11-20T10:00:00Z)",
        "DateOnly" => "a date (e.g. 2026-11-20)",
        "Guid" => "an identifier such as 3f2b8c9e-0d1a-4c57-9a3e-2b7c1d4e5f60",
        _ => "a valid value here",
    };

    private static string Shorten(string value) => value.Length <= 60 ? value : value[..60] + "…";

    private static HttpValidationProblemDetails Field(string field, string message) =>
        new(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid",
            Detail = $"{field}: {message}",
        };

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    [GeneratedRegex("^Failed to bind parameter \"(?<type>\\S+) (?<name>[^\"]+)\" from \"(?<value>.*)\"\\.$", RegexOptions.Singleline)]
    private static partial Regex FailedToBind();

    [GeneratedRegex("^Required parameter \"(?<type>\\S+) (?<name>[^\"]+)\" was not provided from (?<source>\\w+)", RegexOptions.Singleline)]
    private static partial Regex Required();
}
