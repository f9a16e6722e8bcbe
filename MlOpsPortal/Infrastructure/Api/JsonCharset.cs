using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace MlOpsPortal.Infrastructure.Api;

/// <summary>
/// JSON is UTF-8 (RFC 8259). A JSON body that declares another charset, or one .NET does not know, is answered
/// 415 before any endpoint tries to decode it (the framework would throw, and the caller would see a 500).
/// </summary>
public static class JsonCharset
{
    public static IApplicationBuilder UseJsonCharsetCheck(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (IsPlainUtf8Json(context.Request.ContentType))
            {
                await next(context);
                return;
            }

            if (Unsupported(context.Request.ContentType) is not { } charset)
            {
                // The framework reads the charset as written, so "UTF-8" in quotes (valid HTTP) would fail to decode.
                if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var media) && media.Charset.HasValue && IsJson(media.MediaType.Value))
                {
                    context.Request.ContentType = $"{media.MediaType.Value}; charset=utf-8";
                }

                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "Unsupported character set",
                    Detail = $"Content-Type: the charset '{charset}' is not supported. Send JSON as UTF-8 (Content-Type: application/json or application/json; charset=utf-8).",
                },
            });
        });

    /// <summary>The declared charset of a JSON content type when it is not UTF-8; otherwise null.</summary>
    public static string? Unsupported(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media) || !IsJson(media.MediaType.Value))
        {
            return null;
        }

        var charset = media.Charset.HasValue ? media.Charset.Value!.Trim('"', ' ') : null;
        return charset is null || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase)
            ? null
            : charset;
    }

    /// <summary>
    /// No body, or the spellings exporters send on nearly every call: nothing to check or rewrite, so the media type is
    /// not parsed (twice) for them.
    /// </summary>
    private static bool IsPlainUtf8Json(string? contentType) =>
        contentType is null
        || contentType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        || contentType.Equals("application/json; charset=utf-8", StringComparison.OrdinalIgnoreCase);

    private static bool IsJson(string? mediaType) =>
        mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
