using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Monitoring;

public static class MetricsEndpoints
{
    public const string IngestionRateLimit = "metrics-ingestion";

    public static IEndpointRouteBuilder MapPortalMonitoring(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var maxBodyBytes = endpoints.ServiceProvider.GetRequiredService<IOptions<MetricsIngestionOptions>>().Value.MaxBodyBytes;
        var metrics = endpoints.MapGroup("/api/v1/metrics").WithTags("Metrics");
        metrics.MapPost("", IngestAsync)
            .RequireAuthorization(Policies.ApiWriteMetrics)
            .RequireRateLimiting(IngestionRateLimit)
            .AddEndpointFilter((context, next) => RefuseOversizedBodies(context, next, maxBodyBytes))
            .WithMetadata(new RequestSizeLimitAttribute(maxBodyBytes))
            .WithSummary("Push a batch of metric points; answered after the points are durably committed")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        metrics.MapGet("/query", QueryAsync)
            .RequireAuthorization(Policies.ApiReadMonitoring)
            .WithSummary("Read one series; downsampled (rollups, then LTTB) when it has more than maxPoints points")
            .ProducesValidationProblem();
        endpoints.MapLiveSocket();
        return endpoints;
    }

    /// <summary>Per-client fixed window: one noisy exporter cannot starve the others.</summary>
    public static void AddIngestionRateLimit(IServiceCollection services, int requestsPerMinute)
    {
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
                {
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                await Results.Problem(
                    statusCode: StatusCodes.Status429TooManyRequests,
                    title: "Too many requests",
                    detail: $"This client sent more than {requestsPerMinute:N0} ingestion requests in a minute. Send larger batches or wait for Retry-After seconds.")
                    .ExecuteAsync(context.HttpContext);
            };
            limiter.AddPolicy(IngestionRateLimit, http => RateLimitPartition.GetFixedWindowLimiter(
                ClientId(http.User),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = requestsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        });
    }

    private static async Task<Ok<IngestionResult>> IngestAsync(
        [FromBody] IngestionRequest request, ClaimsPrincipal user, MetricsIngestion ingestion, CancellationToken cancellationToken) =>
        TypedResults.Ok(await ingestion.IngestAsync(ClientId(user), request, cancellationToken));

    private static async Task<Ok<MetricQueryResult>> QueryAsync(
        string? model, string? environment, string? metric, DateTimeOffset? from, DateTimeOffset? to, int? maxPoints,
        ChartQueries queries, CancellationToken cancellationToken) =>
        TypedResults.Ok(await queries.QueryAsync(new MetricQuery(model, environment, metric, from, to, maxPoints), cancellationToken));

    // The test server does not enforce Kestrel's body limit, and a declared length can be refused before reading.
    private static ValueTask<object?> RefuseOversizedBodies(EndpointFilterInvocationContext context, EndpointFilterDelegate next, long limit)
    {
        if (context.HttpContext.Request.ContentLength > limit)
        {
            return ValueTask.FromResult<object?>(Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "The request is too large",
                detail: $"A metrics request may be at most {limit:N0} bytes; this one is {context.HttpContext.Request.ContentLength:N0}. Split the points into smaller batches."));
        }

        return next(context);
    }

    private static string ClientId(ClaimsPrincipal user) => user.UserId() ?? user.Identity?.Name ?? "anonymous";
}
