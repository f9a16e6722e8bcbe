using Microsoft.AspNetCore.Diagnostics;

namespace MlOpsPortal.Infrastructure.Security;

/// <summary>
/// The status-code pages re-execute the request with its own method, so a refused POST (a non-admin's Hangfire
/// command, say) reached the status page as a POST without a form token and came back 400 instead of 403. The
/// re-executed request is a GET: the page renders and the original status stands.
/// </summary>
public static class StatusPagesAsGet
{
    public static IApplicationBuilder UseStatusPagesAsGet(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var method = context.Request.Method;
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is null || HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            {
                await next(context);
                return;
            }

            context.Request.Method = HttpMethods.Get;
            try
            {
                await next(context);
            }
            finally
            {
                context.Request.Method = method;
            }
        });
}
