using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MlOpsPortal.Infrastructure.Api;

/// <summary>
/// The one place where what went wrong in an <c>/api</c> request becomes an RFC 7807 answer a person can act on.
/// Other requests are left to the portal's error page.
/// </summary>
internal sealed partial class ApiExceptionHandler(
    IProblemDetailsService problems, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        if (!PortalApi.IsApiRequest(httpContext.Request))
        {
            return false;
        }

        var problem = DatabaseBusyAnswer.For(httpContext, exception) ?? exception switch
        {
            PortalValidationException validation => new HttpValidationProblemDetails(validation.Errors.ToDictionary())
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request is not valid",
                Detail = "Correct the fields listed under errors and send the request again.",
            },
            PortalConflictException conflict => Conflict(conflict),
            PortalNotFoundException notFound => Problem(StatusCodes.Status404NotFound, "Not found", notFound.Message),
            UnauthorizedAccessException denied => Problem(StatusCodes.Status403Forbidden, "Not allowed", denied.Message),
            BadHttpRequestException { InnerException: JsonException json } => Unreadable(httpContext, json),
            JsonException json => Unreadable(httpContext, json),
            BadHttpRequestException bad => BindingProblems.From(bad),
            _ => null,
        };
        if (problem is null)
        {
            // Anything else is the portal's fault: log it with the trace id the caller receives, and say no more.
            LogUnexpected(logger, exception, Activity.Current?.Id ?? httpContext.TraceIdentifier);
            problem = Problem(StatusCodes.Status500InternalServerError, "Something went wrong on our side",
                "The portal could not complete the request. Nothing was saved. Try again; if it keeps failing, give the traceId to the platform team.");
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails Conflict(PortalConflictException conflict)
    {
        var problem = Problem(StatusCodes.Status409Conflict, "Conflict", conflict.Message);
        foreach (var (name, value) in conflict.Details)
        {
            problem.Extensions[name] = value;
        }

        return problem;
    }

    private HttpValidationProblemDetails Unreadable(HttpContext httpContext, JsonException json)
    {
        var field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        // The middleware has already cleared the request's endpoint; the feature keeps the one that failed.
        var endpoint = httpContext.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? httpContext.GetEndpoint();
        var bodyType = endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType;
        var expected = field == "body" || bodyType is null ? null : TypeAt(bodyType, field);
        var message = expected switch
        {
            _ when json is NulInTextException => TextWithoutNul.Message,
            // The reader refuses "\ud800" (half of a character) only when the string is read, with its own message.
            _ when json.InnerException is InvalidOperationException { Message: var reason } && reason.Contains("surrogate", StringComparison.OrdinalIgnoreCase) => "Not valid text: it holds half of a character (a lone surrogate escape such as \\ud800). Send whole characters.",
            { IsEnum: true } => $"Not a valid value. Use one of: {string.Join(", ", EnumNames(expected))}.",
            not null => $"Not a valid value: expected {Describe(expected)}.",
            null => "Not valid JSON here" + (json.LineNumber is { } line ? $" (line {line + 1}, position {json.BytePositionInLine + 1})." : "."),
        };
        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request body could not be read",
            Detail = $"The JSON body is malformed or has a value of the wrong type at '{field}'. Send a JSON object as described at {PortalApi.DocumentPath}.",
        };
    }

    /// <summary>
    /// The .NET type a JSON path such as <c>datasets[0].role</c> lands on. System.Text.Json names only the
    /// enclosing record in its message, so the path is walked through the request type to say what was expected.
    /// </summary>
    private static Type? TypeAt(Type root, string path)
    {
        Type? current = root;
        foreach (var segment in path.Split('.'))
        {
            var bracket = segment.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? segment : segment[..bracket];
            current = current is null ? null
                : DictionaryValueType(current)
                    ?? current.GetProperties().FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))?.PropertyType;
            for (var i = bracket; current is not null && i >= 0; i = segment.IndexOf('[', i + 1))
            {
                current = ElementType(current);
            }
        }

        return current is null ? null : Nullable.GetUnderlyingType(current) ?? current;
    }

    private static Type? DictionaryValueType(Type type) =>
        ElementType(type) is { IsGenericType: true } pair && pair.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)
            ? pair.GetGenericArguments()[1]
            : null;

    private static Type? ElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }

    /// <summary>The values as the API spells them, whatever naming the enum's converter uses.</summary>
    private IEnumerable<string> EnumNames(Type type) =>
        Enum.GetValues(type).Cast<object>().Select(value => JsonSerializer.Serialize(value, type, json.Value.SerializerOptions).Trim('"'));

    private static string Describe(Type type) => Type.GetTypeCode(type) switch
    {
        TypeCode.Int32 or TypeCode.Int64 => "a whole number",
        TypeCode.Double or TypeCode.Decimal or TypeCode.Single => "a number",
        TypeCode.String => "a string",
        TypeCode.Boolean => "true or false",
        _ when type.IsArray || (type.IsGenericType && ElementType(type) is not null) => "an array (or an object for a map)",
        _ => "an object",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception in API request {TraceId}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string traceId);
}
