using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>A removal the provisioner refuses is recorded as failed and applied by a later run, still exactly once.</summary>
public sealed class AccessReviewRetryTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start.AddDays(-45));
    private readonly RefusingProvisioner provisioner = new();
    private readonly PortalAppFactory app;

    public AccessReviewRetryTests() => app = new PortalAppFactory
    {
        ConfigureServices = services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddSingleton<IRoleProvisioner>(provisioner);
        },
    };

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_refused_removal_fails_visibly_and_the_next_run_applies_it_once()
    {
        var ina = Personas.Custom("test-ina", "Ina Inactive", PortalRoles.ModelsContributor);
        await app.Services.RecordSignInsAsync(ina);
        clock.SetUtcNow(Start);
        var reviews = app.Services.GetRequiredService<AccessReviews>();
        var job = app.Services.GetRequiredService<AccessReviewJob>();
        var review = await reviews.StartAsync(Personas.Admin, new AccessReviewInput("Contributors", [PortalRoles.ModelsContributor],
            ReviewerChoice.SupportEngineers, null, 14, ReviewDefault.TakeRecommendations, 0));
        clock.SetUtcNow(new DateTimeOffset(review.DueAtUtc, TimeSpan.Zero).AddMinutes(1));

        var failed = await job.RunAsync(CancellationToken.None);

        Assert.Equal((1, 0, 1), (failed.Completed, failed.Removed, failed.Failed));
        var item = (await reviews.GetAsync(Personas.Auditor, review.Id)).Items.Single();
        Assert.Equal(("Failed: Graph refused the change (503)", null), (item.Result, item.AppliedAtUtc));
        Assert.Equal(0, await RemovalsAsync());

        provisioner.Refuse = false;
        Assert.Equal(1, (await job.RunAsync(CancellationToken.None)).Removed);
        Assert.Equal(0, (await job.RunAsync(CancellationToken.None)).Removed);
        Assert.Equal(AccessReviewResults.Removed, (await reviews.GetAsync(Personas.Auditor, review.Id)).Items.Single().Result);
        Assert.Equal(1, await RemovalsAsync());
    }

    private Task<int> RemovalsAsync() => app.QueryAsync(db => db.AuditEvents.CountAsync(e => e.Action == AccessGrants.RemovedAction));

    private sealed class RefusingProvisioner : IRoleProvisioner
    {
        public bool Refuse { get; set; } = true;

        public string Name => AccessOptions.Portal;

        public Task<RoleAssignment> AddAsync(string personId, string role, CancellationToken cancellationToken) => Task.FromResult(new RoleAssignment(null, false));

        public Task RemoveAsync(string personId, string role, string? assignmentId, CancellationToken cancellationToken) =>
            Refuse ? throw new ProvisioningException("Graph refused the change (503)") : Task.CompletedTask;

        public Task<IReadOnlyList<ExternalAssignment>?> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<ExternalAssignment>?>(null);
    }
}
