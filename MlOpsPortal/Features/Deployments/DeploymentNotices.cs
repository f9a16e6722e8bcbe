using System.Globalization;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// Who hears of a request's hand-offs: a new request reaches the approvers who may decide it (every holder of
/// Deployments.Approver but its requester and the version's registrant, as maker-checker); a decision reaches the
/// requester. Keyed per request, round and person, so a retried save notifies once.
/// </summary>
public sealed class DeploymentNotices(NotificationsService notifications, INoticeRecipients people)
{
    /// <summary>Adds the notices of a new pending request to <paramref name="db"/>; the caller saves them with the request.</summary>
    internal async Task NewRequestAsync(PortalDbContext db, DeploymentRequestView request, CancellationToken cancellationToken)
    {
        var approvers = await people.HoldersAsync(db, [PortalRoles.DeploymentsApprover], cancellationToken);
        var title = $"{request.RequestedBy} asks to deploy {Subject(request)}: {Approvals(request.RequiredApprovals)} needed";
        await notifications.AddAsync(db, [.. approvers
            .Where(id => DeploymentDecisions.MakerCheckerProblem(id, request.RequesterId, request.RegistrantId) is null)
            .Distinct(StringComparer.Ordinal)
            .Select(id => new Notice(id, Key(request, "new", id), title, DeploymentLinks.Request(request.Id), Critical: false))], cancellationToken);
    }

    /// <summary>Adds the requester's notice of a decision (the request is in its new state) unless they decided it themselves.</summary>
    internal async Task DecidedAsync(PortalDbContext db, DeploymentRequestView request, string decidedBy, string decidedById, CancellationToken cancellationToken)
    {
        if (request.RequesterId == decidedById)
        {
            return;
        }

        var title = request.State switch
        {
            DeploymentState.Approved => $"{decidedBy} approved your deployment of {Subject(request)}",
            DeploymentState.Deployed => $"{decidedBy} re-approved {request.Model} v{Number(request.Version)} running in {request.Environment} (#{Number(request.Id)})",
            DeploymentState.Rejected => $"{decidedBy} rejected your deployment of {Subject(request)}: {Clip(request.DecisionComment)}",
            _ => throw new InvalidOperationException($"{request.State} is no decision."),
        };
        await notifications.AddAsync(db,
            [new Notice(request.RequesterId, Key(request, request.State.ToString().ToLowerInvariant(), request.RequesterId), title, DeploymentLinks.Request(request.Id),
                Critical: request.State == DeploymentState.Rejected)],
            cancellationToken);
    }

    private static string Subject(DeploymentRequestView r) => $"{r.Model} v{Number(r.Version)} to {r.Environment} (#{Number(r.Id)})";

    private static string Approvals(int count) => count == 1 ? "1 approval" : $"{Number(count)} approvals";

    private static string Key(DeploymentRequestView r, string occasion, string personId) =>
        $"deployment-request:{Number(r.Id)}:{Number(r.ApprovalRound)}:{occasion}:{personId}";

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Clip(string? text) => text is null ? string.Empty : text.Length <= 200 ? text : text[..199] + "…";
}
