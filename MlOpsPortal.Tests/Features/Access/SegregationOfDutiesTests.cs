using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Features.Deployments;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>
/// The evidence beside a segregation-of-duties warning: the approvals a person who both builds and approves made of
/// models they contributed to, from real registrations, requests and approvals (Dana registered churn-model and
/// fraud-model in the context).
/// </summary>
public sealed class SegregationOfDutiesTests : DeploymentsTestContext
{
    /// <summary>Holds both Models.Contributor and Deployments.Approver: the case the warning is about.</summary>
    private static readonly Persona Mo = Personas.Custom("test-maker-checker", "Mo Both", PortalRoles.ModelsContributor, PortalRoles.DeploymentsApprover);

    private PeopleDirectory People => Services.GetRequiredService<PeopleDirectory>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Services.RecordSignInsAsync(Mo);
        await RegisterAsync("mo-model", RiskTier.Medium, Mo);
    }

    [Fact]
    public async Task Approving_only_models_someone_else_built_is_zero_with_the_warning()
    {
        var churn = await RequestAsync("churn-model", "staging");
        await Decisions.ApproveAsync(Mo, churn.Id, "Not mine.");

        var mo = (await People.GetAsync(Personas.Auditor, Mo.Id))!;

        Assert.Single(mo.SegregationWarnings);
        Assert.Empty(mo.OwnModelApprovals);
    }

    [Fact]
    public async Task Approvals_of_a_model_they_created_or_later_registered_a_version_of_are_listed_with_how()
    {
        // Dana registers v2 of Mo's model and asks for it: maker-checker lets Mo approve (neither requester nor registrant).
        await RegisterVersionAsync("mo-model", Personas.Contributor);
        var mine = await Requests.CreateRequestAsync(Personas.Contributor, new DeploymentRequestInput("mo-model", 2, "staging", "Retrained.", null));
        await Decisions.ApproveAsync(Mo, mine.Id, null);
        Clock.Advance(TimeSpan.FromHours(1));
        // Mo approves fraud-model v1, then registers fraud-model v2: a contributor after the approval.
        var fraud = await RequestAsync("fraud-model", "production");
        await Decisions.ApproveAsync(Mo, fraud.Id, null);
        await RegisterVersionAsync("fraud-model", Mo);
        // Arun gives the second approval production needs for High risk: he built nothing.
        var second = await Decisions.ApproveAsync(Personas.Approver, fraud.Id, null);

        var mo = (await People.GetAsync(Personas.Auditor, Mo.Id))!;
        var arun = await Services.GetRequiredService<MakerCheckerEvidence>().OwnModelApprovalsAsync(Personas.Approver.Id);

        Assert.Equal(
            [
                new OwnModelApproval(fraud.Id, "fraud-model", 1, "production", Clock.GetUtcNow().UtcDateTime, "registered v2"),
                new OwnModelApproval(mine.Id, "mo-model", 2, "staging", Clock.GetUtcNow().UtcDateTime.AddHours(-1), "created the model; registered v1"),
            ],
            mo.OwnModelApprovals);
        Assert.Equal(DeploymentState.Approved, second.State);
        Assert.Empty(arun);
    }

    [Fact]
    public async Task An_approval_by_the_requester_written_past_the_service_is_listed()
    {
        // The service and the database trigger refuse this; history from before them, or a restored backup, may hold it.
        var own = await RequestAsync("churn-model", "staging", Mo);
        await DbAsync(async db =>
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER DeploymentApprovals_MakerChecker");
            db.DeploymentApprovals.Add(new DeploymentApproval { RequestId = own.Id, Round = 1, ApproverId = Mo.Id, ApproverName = Mo.Name, ApprovedAtUtc = Clock.GetUtcNow().UtcDateTime });
            return await db.SaveChangesAsync();
        });

        var listed = Assert.Single((await People.GetAsync(Personas.Auditor, Mo.Id))!.OwnModelApprovals);

        Assert.Equal((own.Id, "churn-model", "requested this deployment"), (listed.RequestId, listed.Model, listed.Contribution));
    }

    private async Task RegisterVersionAsync(string key, Persona registrant)
    {
        var card = SampleCards.Complete();

        var version = await Models.RegisterVersionAsync(registrant, key, new VersionInput("xgboost", "s3://m/model-2.bin", new string('c', 64), null, null, null, [],
            null, null, card));
        await Models.RecordCiEvidenceAsync(registrant, key, version.Version, new CiEvidenceInput(120, 0, 88, 1, new VulnerabilityCounts(0, 0, 1, 2), null));
    }
}
