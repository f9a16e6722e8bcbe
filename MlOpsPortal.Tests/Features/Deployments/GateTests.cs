using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

public sealed class GateTests : DeploymentsTestContext
{
    [Fact]
    public async Task With_full_evidence_every_production_gate_passes_and_blocks()
    {
        var request = await RequestAsync("churn-model", "production");

        Assert.Equal(
            [DeploymentGates.QualityGateName, DeploymentGates.DocumentationGateName, DeploymentGates.NamingGateName, DeploymentGates.CiGateName, DeploymentGates.AlertsGateName],
            request.Gates.Select(g => g.Name));
        Assert.All(request.Gates.Where(g => g.Name != DeploymentGates.QualityGateName), g => Assert.True(g.Passed && g.Blocking, $"{g.Name}: {g.Reason}"));
    }

    [Fact]
    public async Task Quality_gate_fails_without_a_report_on_a_fail_and_on_a_stale_pass()
    {
        await RegisterAsync("bare-model", RiskTier.Low, Personas.Contributor, evidence: false);
        Assert.Contains("No quality report", Gate(await RequestAsync("bare-model", "production"), DeploymentGates.QualityGateName).Reason, StringComparison.Ordinal);

        await AddQualityReportAsync("bare-model", 1, QualityStatus.Pass, Clock.GetUtcNow().UtcDateTime.AddDays(-31));
        Assert.Contains("older than 30 days", Gate(await RequestAsync("bare-model", "production"), DeploymentGates.QualityGateName).Reason, StringComparison.Ordinal);

        await AddQualityReportAsync("bare-model", 1, QualityStatus.Fail, Clock.GetUtcNow().UtcDateTime.AddHours(-1));
        var failed = Gate(await RequestAsync("bare-model", "production"), DeploymentGates.QualityGateName);
        Assert.False(failed.Passed);
        Assert.Contains("is Fail, not Pass", failed.Reason, StringComparison.Ordinal);

        await AddQualityReportAsync("bare-model", 1, QualityStatus.Pass, Clock.GetUtcNow().UtcDateTime);
        Assert.True(Gate(await RequestAsync("bare-model", "production"), DeploymentGates.QualityGateName).Passed);
    }

    [Fact]
    public async Task Of_two_reports_made_at_the_same_moment_the_one_recorded_last_decides_the_quality_gate()
    {
        await RegisterAsync("bare-model", RiskTier.Low, Personas.Contributor, evidence: false);
        var now = Clock.GetUtcNow().UtcDateTime;
        await AddQualityReportAsync("bare-model", 1, QualityStatus.Pass, now);
        await AddQualityReportAsync("bare-model", 1, QualityStatus.Fail, now);
        Assert.Contains("is Fail, not Pass", Gate(await RequestAsync("bare-model", "production"), DeploymentGates.QualityGateName).Reason, StringComparison.Ordinal);

        await AddQualityReportAsync("bare-model", 1, QualityStatus.Pass, now);
        Assert.True(Gate(await RequestAsync("bare-model", "production"), DeploymentGates.QualityGateName).Passed);
    }

    [Fact]
    public async Task Documentation_and_ci_gates_fail_with_what_is_missing()
    {
        await RegisterAsync("bare-model", RiskTier.Low, Personas.Contributor, evidence: false);
        var request = await RequestAsync("bare-model", "production");
        var documentation = Gate(request, DeploymentGates.DocumentationGateName);
        Assert.False(documentation.Passed);
        Assert.Contains("below 80 %", documentation.Reason, StringComparison.Ordinal);
        Assert.Contains("No CI evidence", Gate(request, DeploymentGates.CiGateName).Reason, StringComparison.Ordinal);

        await Models.RecordCiEvidenceAsync(Personas.Contributor, "bare-model", 1, new CiEvidenceInput(10, 3, 40, 0, new VulnerabilityCounts(1, 0, 0, 0), null));
        var ci = Gate(await RequestAsync("bare-model", "production"), DeploymentGates.CiGateName);
        Assert.False(ci.Passed);
        Assert.Contains("3 failed tests", ci.Reason, StringComparison.Ordinal);
        Assert.Contains("coverage 40 %", ci.Reason, StringComparison.Ordinal);
        Assert.Contains("1 critical vulnerabilities", ci.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Naming_gate_fails_when_the_key_breaks_the_current_rule()
    {
        await Services.GetRequiredService<RegistryRules>().UpdateSettingsAsync(Personas.Admin, new RegistrySettingsInput("^[a-z]{3,10}$", RegistrySettings.DefaultKeyPattern, []));

        var naming = Gate(await RequestAsync("churn-model", "production"), DeploymentGates.NamingGateName);

        Assert.False(naming.Passed);
        Assert.Contains("'churn-model' does not follow ^[a-z]{3,10}$", naming.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_firing_critical_alert_in_that_environment_fails_the_alert_gate_and_blocks_approval()
    {
        var request = await RequestAsync("churn-model", "production");
        await FireCriticalAlertAsync("churn-model", "production");

        var refused = await Assert.ThrowsAsync<PortalConflictException>(() => Decisions.ApproveAsync(Personas.Approver, request.Id, null));

        Assert.Contains("noCriticalAlert", refused.Message, StringComparison.Ordinal);
        var after = (await Requests.GetRequestAsync(request.Id))!;
        Assert.Equal(DeploymentState.Pending, after.State);
        Assert.False(Gate(after, DeploymentGates.AlertsGateName).Passed);
        Assert.Equal(1, await AuditCountAsync(request.Id, "deployment-request.gates-evaluated"));
        // Staging has its own alerts: nothing fires there.
        Assert.True(Gate(await RequestAsync("churn-model", "staging"), DeploymentGates.AlertsGateName).Passed);
    }

    [Fact]
    public async Task An_advisory_gate_that_fails_does_not_block_and_an_off_gate_is_not_listed()
    {
        var policy = (await EnvironmentPolicies.ListPoliciesAsync()).Single(p => p.Environment == "staging").Policy;
        await EnvironmentPolicies.UpdatePolicyAsync(Personas.Admin, "staging", policy with { CiGate = GateMode.Advisory, NamingGate = GateMode.Off });
        await RegisterAsync("half-model", RiskTier.Low, Personas.Contributor, evidence: false);
        await Services.GetRequiredService<ModelCards>().UpdateCardAsync(Personas.Contributor, "half-model", 1, SampleCards.Complete());

        var request = await RequestAsync("half-model", "staging");

        var ci = Gate(request, DeploymentGates.CiGateName);
        Assert.False(ci.Passed);
        Assert.False(ci.Blocking);
        Assert.DoesNotContain(request.Gates, g => g.Name == DeploymentGates.NamingGateName);
        Assert.Equal(DeploymentState.Approved, (await Decisions.ApproveAsync(Personas.Approver, request.Id, null)).State);
    }

    [Fact]
    public async Task Development_needs_no_approval_and_approves_at_once()
    {
        var request = await RequestAsync("fraud-model", "development");

        Assert.Equal(DeploymentState.Approved, request.State);
        Assert.Equal(0, request.RequiredApprovals);
    }

    [Fact]
    public async Task A_gate_that_cannot_be_evaluated_fails_blocks_and_says_why()
    {
        var policy = (await EnvironmentPolicies.ListPoliciesAsync()).Single(p => p.Environment == "production").Policy;
        await EnvironmentPolicies.UpdatePolicyAsync(Personas.Admin, "production", policy with { QualityGate = GateMode.Blocking });
        var request = await RequestAsync("churn-model", "production");

        // Either the quality report passes, or, while its query cannot run, the gate fails with the reason.
        var quality = Gate(request, DeploymentGates.QualityGateName);
        Assert.True(quality.Blocking);
        Assert.True(quality.Passed || quality.Reason.StartsWith("Could not be evaluated: ", StringComparison.Ordinal), quality.Reason);
        Assert.DoesNotContain('\n', quality.Reason);
    }

    private static GateResult Gate(DeploymentRequestView request, string name) => request.Gates.Single(g => g.Name == name);
}
