using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Deployments;

/// <summary>The approvals inbox evaluates a page of requests together; each card must read as it would alone.</summary>
public sealed class InboxBatchTests
{
    [Fact]
    public async Task Gates_evaluated_for_the_whole_inbox_equal_each_request_evaluated_alone()
    {
        await using var app = await PortalServices.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow), seedDemoData: true);
        var inbox = await app.Services.GetRequiredService<DeploymentDecisions>().InboxAsync(Personas.SecondApprover);
        var current = app.Services.GetRequiredService<CurrentGates>();
        var running = app.Services.GetRequiredService<RunningDeployments>();
        Assert.NotEmpty(inbox);
        Assert.Contains(inbox, i => i.Request.Gates.Any(g => !g.Passed));

        foreach (var item in inbox)
        {
            // Evaluated afresh and alone, as a new request of the version would be (the inbox's may be shared).
            var alone = (await current.PreviewAsync(item.Request.Model, item.Request.Version, item.Request.Environment))!;
            Assert.Equal(JsonSerializer.Serialize(alone.Gates), JsonSerializer.Serialize(item.Request.Gates));
            var except = item.Request.State == DeploymentState.ReapprovalRequired ? (int?)null : item.Request.Id;
            var deployed = await running.DeployedNowAsync(item.Request.Model, item.Request.Environment, except);
            Assert.Equal(deployed?.Id, item.DeployedNow?.RequestId);
            Assert.Equal(deployed?.Version, item.DeployedNow?.Version);
        }
    }

    [Fact]
    public async Task The_inbox_pages_cover_every_waiting_request_once_in_order()
    {
        await using var app = await PortalServices.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow), seedDemoData: true);
        var decisions = app.Services.GetRequiredService<DeploymentDecisions>();
        var whole = (await decisions.InboxAsync(Personas.SecondApprover)).Select(i => i.Request.Id).ToList();
        Assert.True(whole.Count >= 2, "the demo leaves several requests waiting");

        var first = await decisions.InboxAsync(Personas.SecondApprover, 0, 1);
        var paged = new List<int>();
        for (var page = 0; page < first.TotalCount; page++)
        {
            paged.AddRange((await decisions.InboxAsync(Personas.SecondApprover, page, 1)).Items.Select(i => i.Request.Id));
        }

        Assert.Equal(whole.Count, first.TotalCount);
        Assert.Equal(whole, paged);
        Assert.Empty((await decisions.InboxAsync(Personas.SecondApprover, first.TotalCount, 1)).Items);
    }
}
