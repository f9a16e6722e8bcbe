using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Architecture;

namespace MlOpsPortal.Features.Deployments;

public sealed record DeploymentRequestInput(string? Model, int? Version, string? Environment, string? Justification, DateTimeOffset? PlannedAt);

public sealed record PipelineCallbackInput(string? PipelineRunUrl);

public sealed record DecisionInput(string? Comment);

/// <summary>One gate's verdict; <see cref="Blocking"/> false means it only advises.</summary>
public sealed record GateResult(string Name, bool Passed, bool Blocking, string Reason);

public sealed record ApprovalView(string ApproverId, string ApproverName, int Round, string? Comment, DateTime ApprovedAtUtc);

[FeatureContract]
public sealed record DeploymentRequestView(
    int Id, DeploymentState State, string Model, int Version, string Environment, RiskTier RiskTier,
    int RequiredApprovals, int ApprovalCount, int ApprovalRound, string Justification, DateTime? PlannedAtUtc,
    string RequesterId, string RequestedBy, string? RegistrantId, string RegisteredBy, DateTime RequestedAtUtc,
    string? StateChangedBy, DateTime StateChangedAtUtc, string? DecisionComment,
    DateTime? ApprovedAtUtc, DateTime? ApprovalExpiresAtUtc, DateTime? DeployedAtUtc, string? PipelineRunUrl,
    IReadOnlyList<GateResult> Gates, IReadOnlyList<ApprovalView> Approvals)
{
    public bool AwaitsDecision => State is DeploymentState.Pending or DeploymentState.ReapprovalRequired;
}

[FeatureContract]
public sealed record DeploymentQuery
{
    public DeploymentState? State { get; init; }
    public string? Model { get; init; }
    public string? Environment { get; init; }
    public int Take { get; init; } = 200;
}

/// <summary>What an approver sees in the inbox: the request, and what runs in that environment now.</summary>
[FeatureContract]
public sealed record InboxItem(DeploymentRequestView Request, RunningVersion? DeployedNow);

/// <summary>The request whose deployment runs in an environment: the version it deployed, and its approval (Deployed, or lapsed: ReapprovalRequired).</summary>
[FeatureContract]
public sealed record RunningVersion(int RequestId, int Version, DeploymentState State, DateTime? ApprovalExpiresAtUtc);

[FeatureContract]
public enum ApprovalStandingKind
{
    NotDeployed,
    Valid,
    Expiring,
    ReapprovalRequired,
}

/// <summary>The governance view of one model in one environment, for the health score and the portfolio.</summary>
[FeatureContract]
public sealed record ApprovalStanding(ApprovalStandingKind Kind, int? Version, DateTime? ExpiresAtUtc, string Explanation);

public sealed record EnvironmentPolicyInput(
    int ApprovalsLow, int ApprovalsMedium, int ApprovalsHigh, int ApprovalsCritical, int ValidityDays,
    GateMode QualityGate, int QualityMaxAgeDays, GateMode DocumentationGate, int DocumentationThreshold, GateMode NamingGate,
    GateMode CiGate, double CiMinCoveragePercent, int CiMaxFailedTests, int CiMaxCriticalVulnerabilities, int CiMaxHighVulnerabilities,
    GateMode AlertsGate);

public sealed record EnvironmentPolicyView(string Environment, string DisplayName, EnvironmentPolicyInput Policy, string UpdatedBy, DateTime UpdatedAtUtc);

public sealed record WebhookSettingsInput(string? Url, string? Secret);

public sealed record TimelineEntry(DateTime OccurredAtUtc, string Actor, string Action, string Details)
{
    /// <summary>What a reader wants beside the action: the comment, the count of approvals, or the pipeline run.</summary>
    public string? Note
    {
        get
        {
            try
            {
                using var json = System.Text.Json.JsonDocument.Parse(string.IsNullOrEmpty(Details) ? "{}" : Details);
                var root = json.RootElement;
                string? Text(string name) => root.ValueKind == System.Text.Json.JsonValueKind.Object && root.TryGetProperty(name, out var v)
                    && v.ValueKind == System.Text.Json.JsonValueKind.String ? v.GetString() : null;
                return string.Join(" · ", new[] { Text("approvals") is { } a ? a + " approvals" : null, Text("comment"), Text("pipelineRunUrl") }.Where(t => !string.IsNullOrWhiteSpace(t)));
            }
            catch (System.Text.Json.JsonException)
            {
                return null;
            }
        }
    }
}
