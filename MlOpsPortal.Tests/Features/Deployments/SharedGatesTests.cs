using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

/// <summary>
/// The inbox and a request's page share the gates judging recorded evidence with everyone who read them since that
/// evidence last changed (every such change is audited), and read alerts every time. What an approver relies on: what
/// they see is what the approval would evaluate now.
/// </summary>
public sealed class SharedGatesTests : DeploymentsTestContext
{
    [Fact]
    public async Task A_second_read_shows_the_same_gates_as_evaluating_them_afresh()
    {
        var request = await RequestAsync("churn-model", "production");

        var first = await InboxGatesAsync(request.Id);
        var second = await InboxGatesAsync(request.Id);
        var afresh = (await Services.GetRequiredService<CurrentGates>().PreviewAsync("churn-model", 1, "production"))!.Gates;

        Assert.Equal(afresh, second);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Evidence_changed_after_a_read_shows_on_the_next_read()
    {
        await RegisterAsync("late-model", RiskTier.Low, Personas.Contributor, evidence: false);
        var request = await RequestAsync("late-model", "staging");
        Assert.False(Gate(await InboxGatesAsync(request.Id), DeploymentGates.DocumentationGateName).Passed);
        Assert.False(Gate(await InboxGatesAsync(request.Id), DeploymentGates.CiGateName).Passed);

        await Services.GetRequiredService<ModelCards>().UpdateCardAsync(Personas.Contributor, "late-model", 1, SampleCards.Complete());
        var afterCard = await InboxGatesAsync(request.Id);
        Assert.True(Gate(afterCard, DeploymentGates.DocumentationGateName).Passed, Gate(afterCard, DeploymentGates.DocumentationGateName).Reason);
        Assert.False(Gate(afterCard, DeploymentGates.CiGateName).Passed);

        await Models.RecordCiEvidenceAsync(Personas.Admin, "late-model", 1, new CiEvidenceInput(120, 0, 88, 1, new VulnerabilityCounts(0, 0, 0, 0), null));
        Assert.True(Gate(await InboxGatesAsync(request.Id), DeploymentGates.CiGateName).Passed);
        Assert.True(Gate((await Requests.GetRequestAsync(request.Id))!.Gates, DeploymentGates.CiGateName).Passed);
    }

    [Fact]
    public async Task A_policy_changed_after_a_read_judges_the_next_read()
    {
        var request = await RequestAsync("churn-model", "staging");
        Assert.True(Gate(await InboxGatesAsync(request.Id), DeploymentGates.CiGateName).Passed);

        var staging = (await EnvironmentPolicies.ListPoliciesAsync()).Single(p => p.Environment == "staging").Policy;
        await EnvironmentPolicies.UpdatePolicyAsync(Personas.Admin, "staging", staging with { CiMinCoveragePercent = 95 });

        Assert.Contains("coverage 88 % (at least 95 %)", Gate(await InboxGatesAsync(request.Id), DeploymentGates.CiGateName).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_critical_alert_shows_on_the_next_read_though_nothing_was_audited()
    {
        var request = await RequestAsync("churn-model", "production");
        Assert.True(Gate(await InboxGatesAsync(request.Id), DeploymentGates.AlertsGateName).Passed);

        await FireCriticalAlertAsync("churn-model", "production");

        var read = await InboxGatesAsync(request.Id);
        Assert.False(Gate(read, DeploymentGates.AlertsGateName).Passed);
        Assert.Contains(GatesList.Title(DeploymentGates.AlertsGateName), GateAdvice.FailingBlocking(read));
    }

    [Fact]
    public async Task A_passing_report_that_ages_past_the_policy_limit_fails_within_the_shared_lifetime()
    {
        await RegisterAsync("ageing-model", RiskTier.Low, Personas.Contributor, evidence: false);
        var maxAgeDays = (await EnvironmentPolicies.ListPoliciesAsync()).Single(p => p.Environment == "production").Policy.QualityMaxAgeDays;
        var now = Clock.GetUtcNow().UtcDateTime;
        await AddQualityReportAsync("ageing-model", 1, QualityStatus.Pass, now.AddDays(-maxAgeDays).AddSeconds(5));
        var request = await RequestAsync("ageing-model", "production");
        Assert.True(Gate(await InboxGatesAsync(request.Id), DeploymentGates.QualityGateName).Passed);

        // Ten seconds on, the report is past the limit; nothing was audited, so the read within the lifetime is shared.
        Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.True(Gate(await InboxGatesAsync(request.Id), DeploymentGates.QualityGateName).Passed);

        Clock.Advance(CurrentGates.SharedFor);
        Assert.Contains($"older than {maxAgeDays} days", Gate(await InboxGatesAsync(request.Id), DeploymentGates.QualityGateName).Reason, StringComparison.Ordinal);
    }

    private async Task<IReadOnlyList<GateResult>> InboxGatesAsync(int requestId) =>
        (await Decisions.InboxAsync(Personas.Approver)).Single(i => i.Request.Id == requestId).Request.Gates;

    private static GateResult Gate(IReadOnlyList<GateResult> gates, string name) => gates.Single(g => g.Name == name);
}
