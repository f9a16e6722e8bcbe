using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Models;

/// <summary>A page's GET looks each model key up once; what it reads must equal what each lookup would read alone.</summary>
public sealed class RegistryKeyMemoTests
{
    [Fact]
    public async Task Keys_looked_up_once_for_a_page_equal_those_looked_up_each_time()
    {
        await using var app = await PortalServices.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow), seedDemoData: true);
        var keys = app.Services.GetRequiredService<RegistryKeys>();
        var models = app.Services.GetRequiredService<ModelsService>();
        string[] wanted = ["churn-model", "fraud-detector", "no-such-model"];

        var direct = await LookUpAsync();
        using (RegistryKeyMemo.Begin())
        {
            // Twice: once reading, once from the memo.
            Assert.Equal(direct, await LookUpAsync());
            Assert.Equal(direct, await LookUpAsync());
        }

        async Task<string> LookUpAsync()
        {
            var byKey = await keys.ModelsAsync(wanted);
            var one = await keys.ModelAsync("churn-model");
            var missing = await keys.ModelAsync("no-such-model");
            var ids = byKey.Values.Select(m => m.Id).Append(-1).ToList();
            var idKeys = await keys.ModelKeysAsync(ids);
            // A dashboard's order: its model with every version, then its score's latest version (from the memo, once read).
            var model = await models.GetModelAsync("churn-model");
            var latestOfModel = await models.LatestVersionsAsync(["churn-model"]);
            var latest = await models.LatestVersionsAsync(wanted);
            var pairs = await keys.VersionsAsync([("churn-model", 1), ("fraud-detector", 2), ("no-such-model", 1)]);
            var versionIds = pairs.Values.Select(v => v.VersionId).Append(-1).ToList();
            var versions = await keys.VersionsAsync(versionIds);
            var details = await models.VersionDetailsAsync(versionIds);
            return JsonSerializer.Serialize(new
            {
                byKey = byKey.OrderBy(p => p.Key).ToList(), one, missing, idKeys = idKeys.OrderBy(p => p.Key).ToList(), model, latestOfModel = latestOfModel.ToList(),
                latest = latest.OrderBy(p => p.Key).ToList(), versions = versions.OrderBy(p => p.Key).ToList(), details = details.OrderBy(p => p.Key).ToList(),
                pairs = pairs.Values.OrderBy(v => v.VersionId).ToList(),
            });
        }
    }

    [Fact]
    public async Task A_page_reads_a_models_latest_version_once_and_the_next_page_reads_it_again()
    {
        await using var app = await PortalServices.StartAsync(new FakeTimeProvider(DateTimeOffset.UtcNow), seedDemoData: true);
        var models = app.Services.GetRequiredService<ModelsService>();
        var before = (await models.LatestVersionsAsync(["churn-model"]))["churn-model"]!.Version;

        using (RegistryKeyMemo.Begin())
        {
            var shown = await models.GetModelAsync("churn-model");
            Assert.Equal(before, shown!.Versions[0].Version);
            // Not something a GET does; here it shows the page's score is answered from what the page read.
            await models.RegisterVersionAsync(Personas.Admin.Principal, "churn-model",
                new VersionInput("sklearn", "s3://m/next.bin", new string('e', 64), null, null, null, [], null, null, null));
            Assert.Equal(before, (await models.LatestVersionsAsync(["churn-model"]))["churn-model"]!.Version);
        }

        Assert.Equal(before + 1, (await models.LatestVersionsAsync(["churn-model"]))["churn-model"]!.Version);
    }

    [Fact]
    public async Task Work_a_page_started_that_outlives_it_no_longer_reads_from_the_page_memo()
    {
        var pageDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<(bool During, bool After)> outliving;
        using (RegistryKeyMemo.Begin())
        {
            // Started inside the page's flow, so it inherits the memo, as a timer or cache refresh would.
            outliving = Task.Run(async () =>
            {
                var during = RegistryKeyMemo.Current is not null;
                started.SetResult();
                await pageDone.Task;
                return (during, RegistryKeyMemo.Current is not null);
            });
            await started.Task;
        }

        pageDone.SetResult();
        var (during, after) = await outliving;
        Assert.True(during);
        Assert.False(after);
        Assert.Null(RegistryKeyMemo.Current);
    }
}
