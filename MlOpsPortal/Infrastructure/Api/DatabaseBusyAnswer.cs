using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Api;

/// <summary>
/// A write refused because the database stayed busy past the bound is the caller's to retry, not the portal's
/// fault: 503 with Retry-After (the bound, by which whatever held it has finished or failed), never a 500.
/// </summary>
internal static class DatabaseBusyAnswer
{
    public static ProblemDetails? For(HttpContext httpContext, Exception exception)
    {
        if (!DatabaseBusy.Is(exception))
        {
            return null;
        }

        var seconds = httpContext.RequestServices.GetService<IOptions<DatabaseOptions>>()?.Value.BusyTimeoutSeconds ?? 1;
        httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = StatusCodes.Status503ServiceUnavailable,
            Title = "The database is busy",
            Detail = $"Another write held the database too long, so nothing of this request was saved. Send it again after {seconds} s (Retry-After).",
        };
    }
}
