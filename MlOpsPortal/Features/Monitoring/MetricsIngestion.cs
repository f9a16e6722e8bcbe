using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// Validates an ingestion request as a whole, then hands it to the single writer and answers once it is committed.
/// One bad point rejects the batch and nothing is written.
/// </summary>
[FeatureContract]
public sealed class MetricsIngestion(
    SeriesKeys seriesKeys,
    RegistryKeys registry,
    MetricsWriter writer,
    IOptions<MetricsIngestionOptions> options,
    TimeProvider clock)
{
    // Enough for a person to fix a batch without drowning them in ten thousand identical messages.
    private const int MaxReportedErrors = 10;

    public async Task<IngestionResult> IngestAsync(string clientId, IngestionRequest request, CancellationToken cancellationToken)
    {
        var batch = await ValidateAsync(clientId, request, cancellationToken);
        var outcome = await writer.WriteAsync(batch, cancellationToken);
        return outcome.Duplicate ? new IngestionResult(0, true) : new IngestionResult(outcome.Accepted);
    }

    public async Task<PendingBatch> ValidateAsync(string clientId, IngestionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limits = options.Value;
        var errors = new FieldErrors();
        // Two lookups per request would cost more than storing a one-point batch: both keys come from caches.
        var model = string.IsNullOrWhiteSpace(request.Model) ? null : await seriesKeys.ModelAsync(request.Model, cancellationToken);
        if (model is null)
        {
            errors.Add("model", string.IsNullOrWhiteSpace(request.Model)
                ? "Model is required: the key of a registered model."
                : $"There is no model with the key '{request.Model}'. Register it first (POST /api/v1/models).");
        }

        var environment = string.IsNullOrWhiteSpace(request.Environment) ? null : await registry.EnvironmentAsync(request.Environment, cancellationToken);
        if (environment is null)
        {
            errors.Add("environment", await registry.UnknownEnvironmentMessageAsync(request.Environment, cancellationToken));
        }

        if (request.IdempotencyKey is { Length: > 128 })
        {
            errors.Add("idempotencyKey", "The idempotency key must be at most 128 characters.");
        }

        errors.Identifier("idempotencyKey", request.IdempotencyKey, "The idempotency key");

        var points = request.Points ?? [];
        if (points.Count == 0)
        {
            errors.Add("points", "Send at least one point.");
        }
        else if (points.Count > limits.MaxPointsPerBatch)
        {
            errors.Add("points", $"A batch holds at most {limits.MaxPointsPerBatch:N0} points; this one has {points.Count:N0}. Split it.");
        }

        var pending = new List<PendingPoint>(Math.Min(points.Count, limits.MaxPointsPerBatch));
        if (points.Count <= limits.MaxPointsPerBatch)
        {
            var now = clock.GetUtcNow();
            var oldest = now.AddDays(-limits.MaxAgeDays);
            var newest = now.AddMinutes(limits.MaxFutureMinutes);
            var reported = 0;
            for (var i = 0; i < points.Count && reported < MaxReportedErrors; i++)
            {
                var problems = CheckPoint(points[i], oldest, newest, out var point);
                foreach (var (field, message) in problems)
                {
                    errors.Add($"points[{i}].{field}", message);
                    reported++;
                }

                if (point is not null)
                {
                    pending.Add(point);
                }
            }
        }

        errors.ThrowIfAny();
        return new PendingBatch(clientId, string.IsNullOrWhiteSpace(request.IdempotencyKey) ? null : request.IdempotencyKey,
            model!.Id, model.Key, environment!.Id, environment.Key, pending);
    }

    private static List<(string Field, string Message)> CheckPoint(IngestionPoint? input, DateTimeOffset oldest, DateTimeOffset newest, out PendingPoint? point)
    {
        point = null;
        var problems = new List<(string, string)>();
        if (input is null)
        {
            problems.Add(("metric", "The point is empty."));
            return problems;
        }

        if (!MetricNames.IsValid(input.Metric))
        {
            problems.Add(("metric", $"'{input.Metric}' is not a metric name: use a standard name such as model.accuracy or one matching {MetricNames.Pattern}."));
        }

        DateTimeOffset timestamp = default;
        if (input.Timestamp.ValueKind != JsonValueKind.String || !TryReadTimestamp(input.Timestamp, out timestamp))
        {
            problems.Add(("timestamp", "Timestamp must be an ISO 8601 date and time, e.g. 2026-11-26T17:00:00Z."));
        }
        else if (timestamp < oldest || timestamp > newest)
        {
            problems.Add(("timestamp", $"Timestamp {timestamp:O} is outside the accepted window ({oldest:O} to {newest:O})."));
        }

        if (input.Value.ValueKind != JsonValueKind.Number || !input.Value.TryGetDouble(out var value) || !double.IsFinite(value))
        {
            problems.Add(("value", "Value must be a finite number (not a string, NaN or infinity)."));
            value = double.NaN;
        }

        if (problems.Count == 0)
        {
            point = new PendingPoint(input.Metric!, timestamp.ToUnixTimeMilliseconds(), value);
        }

        return problems;
    }

    /// <summary>
    /// Exporters almost always send UTC ISO 8601 ("…Z"), which the JSON reader parses several times faster than the
    /// lenient parser; anything else (no offset means UTC here, other spellings) still goes through the lenient one.
    /// </summary>
    private static bool TryReadTimestamp(JsonElement element, out DateTimeOffset timestamp)
    {
        string? text;
        try
        {
            text = element.GetString();
        }
        catch (InvalidOperationException)
        {
            // Half a character ("\ud800") is no timestamp either: the point is refused like any other unreadable one.
            timestamp = default;
            return false;
        }

        if (text is [.., 'Z' or 'z'] && element.TryGetDateTimeOffset(out timestamp))
        {
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp);
    }
}
