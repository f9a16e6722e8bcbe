using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Incidents;

/// <summary>A transition's body: a reason (hold, cancel, reopen, escalate), a note, or a resolution code and notes.</summary>
public sealed record IncidentActionInput(HoldReason? Reason = null, string? Note = null, ResolutionCode? Code = null, string? Notes = null, string? Comment = null);

public sealed record CommentInput(string? Text);

/// <summary>A page of incidents as the API returns it (DESIGN §11c).</summary>
public sealed record IncidentPage(IReadOnlyList<IncidentView> Items, int Total, int Page, int PageSize);

/// <summary>The incidents API (DESIGN §11c). Every rule lives in the services; their exceptions become problem details.</summary>
public static class IncidentEndpoints
{
    public static IEndpointRouteBuilder MapPortalIncidents(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var incidents = endpoints.MapGroup("/api/v1/incidents").WithTags("Incidents").ProducesProblem(StatusCodes.Status401Unauthorized);
        incidents.MapPost("", Create).RequireAuthorization(Policies.ApiWriteIncidents)
            .WithSummary("Open an incident; the priority comes from impact × urgency and the SLA clocks start")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        incidents.MapGet("", List).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Incidents, newest first: filter by model, state (open, or a state name) and priority; page from 1")
            .ProducesValidationProblem();
        incidents.MapGet("/metrics", IncidentMetricsEndpoint.GetAsync).RequireAuthorization(Policies.ApiRead)
            .WithSummary("MTTA, MTTR, MTTD, SLA attainment per priority, breaches, backlog by age and a daily series of [from, to) (ISO 8601; default the last 30 days, at most 366)")
            .ProducesValidationProblem();
        incidents.MapGet("/{number}", Get).RequireAuthorization(Policies.ApiRead)
            .WithSummary("One incident with its SLA records").ProducesProblem(StatusCodes.Status404NotFound);
        incidents.MapGet("/{number}/timeline", Timeline).RequireAuthorization(Policies.ApiRead)
            .WithSummary("Every action, signal, warning and comment of an incident, oldest first").ProducesProblem(StatusCodes.Status404NotFound);
        incidents.MapPost("/{number}/comments", Comment).RequireAuthorization(Policies.ApiWriteIncidents)
            .WithSummary("Add a comment to an incident's timeline")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        incidents.MapPost("/{number}/{action}", Transition).RequireAuthorization(Policies.ApiWorkIncidents)
            .WithSummary("acknowledge, hold {reason}, resume, resolve {code, notes}, close, cancel {comment}, reopen {comment}; 409 lists the actions allowed now")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        endpoints.MapPortalAlertmanager();
        return endpoints;
    }

    private static async Task<Created<IncidentView>> Create(IncidentsService incidents, ClaimsPrincipal user, IncidentInput input, CancellationToken cancellationToken)
    {
        var view = await incidents.CreateAsync(user, input, cancellationToken);
        return TypedResults.Created($"/api/v1/incidents/{view.Number}", view);
    }

    private static async Task<Ok<IncidentPage>> List(
        IncidentsService incidents, string? model, string? state, IncidentPriority? priority, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        IReadOnlyList<IncidentState>? states = null;
        if (string.Equals(state, "open", StringComparison.OrdinalIgnoreCase))
        {
            states = IncidentStates.Open;
        }
        else if (!string.IsNullOrWhiteSpace(state))
        {
            states = Enum.TryParse<IncidentState>(state, ignoreCase: true, out var one) && Enum.IsDefined(one)
                ? [one]
                : throw PortalValidationException.For("state", $"Use open or one of: {string.Join(", ", Enum.GetNames<IncidentState>())}.");
        }

        var errors = new FieldErrors();
        var (pageNumber, size) = ApiPaging.Parse(errors, page, pageSize, IncidentQuery.MaxPageSize);
        errors.ThrowIfAny();
        var result = await incidents.ListAsync(new IncidentQuery(States: states, Priority: priority, Model: model, PageIndex: pageNumber - 1, PageSize: size), cancellationToken);
        return TypedResults.Ok(new IncidentPage(result.Items, result.TotalCount, result.PageIndex + 1, result.PageSize));
    }

    private static async Task<Ok<IncidentView>> Get(IncidentsService incidents, string number, CancellationToken cancellationToken) =>
        TypedResults.Ok(await incidents.GetAsync(number, cancellationToken) ?? throw new PortalNotFoundException($"There is no incident {number}."));

    private static async Task<Ok<IReadOnlyList<TimelineEntryView>>> Timeline(IncidentsService incidents, string number, CancellationToken cancellationToken) =>
        TypedResults.Ok(await incidents.TimelineAsync(number, cancellationToken));

    private static async Task<Created<TimelineEntryView>> Comment(
        IncidentsService incidents, ClaimsPrincipal user, string number, CommentInput input, CancellationToken cancellationToken) =>
        TypedResults.Created($"/api/v1/incidents/{number}/timeline", await incidents.CommentAsync(user, number, input.Text, cancellationToken));

    private static async Task<Ok<IncidentView>> Transition(
        IncidentWork work, ClaimsPrincipal user, string number, string action, IncidentActionInput? input, CancellationToken cancellationToken)
    {
        input ??= new IncidentActionInput();
        return TypedResults.Ok(action.ToLowerInvariant() switch
        {
            "acknowledge" => await work.AcknowledgeAsync(user, number, cancellationToken),
            "hold" => await work.HoldAsync(user, number, input.Reason, input.Note, cancellationToken),
            "resume" => await work.ResumeAsync(user, number, cancellationToken),
            "resolve" => await work.ResolveAsync(user, number, input.Code, input.Notes, cancellationToken),
            "close" => await work.CloseAsync(user, number, cancellationToken),
            "cancel" => await work.CancelAsync(user, number, input.Comment, cancellationToken),
            "reopen" => await work.ReopenAsync(user, number, input.Comment, cancellationToken),
            "escalate" => await work.EscalateAsync(user, number, input.Comment, cancellationToken),
            _ => throw new PortalNotFoundException(
                $"There is no incident action '{action}'. Use acknowledge, hold, resume, resolve, close, cancel, reopen or escalate."),
        });
    }
}
