using System.Globalization;
using System.Security.Claims;
using System.Text;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// The audit log page's filtered view as CSV: every matching event, not only the page shown, streamed in batches with its
/// sentence and link beside the stored fields, formula-safe (<see cref="CsvText"/>). The export is itself an event.
/// </summary>
public static class AuditExport
{
    public const string ExportedAction = "audit.exported";
    public const string EntityType = "AuditLog";
    public const string Header = "sequence,occurredAtUtc,actorId,actorName,action,sentence,entityType,entityId,link,details";

    private const int Batch = 500;

    public static IEndpointRouteBuilder MapAuditExport(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(AuditFilter.CsvPath, DownloadAsync).RequireAuthorization(Policies.ApiReadAudit).WithTags("Access")
            .WithSummary("The audit log as CSV, newest first, with each event's sentence: q (person, action or entity id), action (a family such as deployments, or one action), from and to (UTC dates, both included)")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        return endpoints;
    }

    private static async Task<IResult> DownloadAsync(
        AuditLog audit, AuditNarrator narrator, ClaimsPrincipal user, string? q, string? action, string? from, string? to, CancellationToken cancellationToken)
    {
        var filter = new AuditFilter(q, action, AuditFilter.Date(from), AuditFilter.Date(to));
        var errors = new FieldErrors();
        if (filter.IsFamily && narrator.Sentences.Families.All(f => f.Key != action))
        {
            errors.Add("action", $"Use one action, or one of the families: {string.Join(", ", narrator.Sentences.Families.Select(f => f.Key))}.");
        }

        foreach (var (name, value, date) in new[] { ("from", from, filter.From), ("to", to, filter.To) })
        {
            if (!string.IsNullOrEmpty(value) && date is null)
            {
                errors.Add(name, "Give a date as yyyy-MM-dd (UTC).");
            }
        }

        if (filter.From > filter.To)
        {
            errors.Add("to", "The last day must not come before the first.");
        }

        errors.ThrowIfAny();
        var query = filter.ToQuery(narrator.Sentences);
        var rows = (await audit.ListAsync(query with { PageSize = 1 }, cancellationToken)).TotalCount;
        await audit.RecordAsync(AuditActor.From(user), ExportedAction, EntityType, null,
            new { rows, filter = new { search = filter.Search, action = filter.Action, from = filter.From, to = filter.To } }, cancellationToken);
        return Results.Stream(stream => WriteAsync(stream, audit, narrator, query, cancellationToken), "text/csv; charset=utf-8", "audit-log.csv");
    }

    /// <summary>Writes the CSV of <paramref name="query"/>, a batch at a time, flushing each so a long export starts arriving at once.</summary>
    public static async Task WriteAsync(Stream stream, AuditLog audit, AuditNarrator narrator, AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(narrator);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = CsvText.LineEnd };
        await writer.WriteAsync(Header + CsvText.LineEnd);
        var batch = new List<AuditEvent>(Batch);
        await foreach (var auditEvent in audit.StreamAsync(query, cancellationToken))
        {
            batch.Add(auditEvent);
            if (batch.Count == Batch)
            {
                await WriteBatchAsync(writer, narrator, batch, cancellationToken);
            }
        }

        await WriteBatchAsync(writer, narrator, batch, cancellationToken);
    }

    private static async Task WriteBatchAsync(StreamWriter writer, AuditNarrator narrator, List<AuditEvent> batch, CancellationToken cancellationToken)
    {
        var csv = new StringBuilder();
        foreach (var (e, sentence) in await narrator.DescribeAsync(batch, cancellationToken))
        {
            csv.AppendRow([e.Sequence.ToString(CultureInfo.InvariantCulture), CsvText.Utc(e.OccurredAtUtc), e.ActorId, e.ActorName, e.Action, sentence.Text,
                e.EntityType, e.EntityId, sentence.Thing?.Link, e.Details]);
        }

        batch.Clear();
        await writer.WriteAsync(csv, cancellationToken);
        await writer.FlushAsync(cancellationToken);
    }
}
