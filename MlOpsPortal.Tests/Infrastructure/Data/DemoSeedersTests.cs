using MlOpsPortal.Features.Access;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Data;

public sealed class DemoSeedersTests
{
    [Fact]
    public void The_portal_seeds_models_deployments_and_incidents_then_quality_in_the_background()
    {
        using var app = new PortalAppFactory();

        var seeders = app.Services.GetRequiredService<DemoSeeders>().InOrder;

        Assert.Equal([typeof(RegistryDemoData), typeof(DeploymentsDemoData), typeof(IncidentsDemoData), typeof(AccessDemoData), typeof(QualityDemoData), typeof(ReportsDemoData)], seeders.Select(s => s.GetType()));
        Assert.Equal([false, false, false, false, true, true], seeders.Select(s => s.RunsInBackground));
    }

    [Fact]
    public async Task Seeders_run_in_their_order_whatever_order_they_were_added_in_the_start_ones_before_the_port_opens()
    {
        var ran = new List<string>();
        var seeders = Create(ran, enabled: true, "Development", ("quality", 300, true), ("registry", 100, false), ("deployments", 200, false));
        Assert.False(seeders.BackgroundSeeded.IsCompleted);

        await seeders.SeedAtStartAsync();
        Assert.Equal(["registry", "deployments"], ran);
        Assert.False(seeders.BackgroundSeeded.IsCompleted);

        await seeders.SeedInBackgroundAsync();
        Assert.Equal(["registry", "deployments", "quality"], ran);
        Assert.True(seeders.BackgroundSeeded.IsCompletedSuccessfully);
    }

    [Theory]
    [InlineData(false, "Development")]
    [InlineData(true, "Production")]
    public async Task Nothing_is_seeded_unless_enabled_in_development_and_nobody_waits_for_it(bool enabled, string environment)
    {
        var ran = new List<string>();
        var seeders = Create(ran, enabled, environment, ("registry", 100, false), ("quality", 300, true));

        await seeders.SeedAtStartAsync();
        await seeders.SeedInBackgroundAsync();

        Assert.Empty(ran);
        Assert.True(seeders.BackgroundSeeded.IsCompletedSuccessfully);
    }

    [Fact]
    public void A_background_seeder_ordered_before_a_start_up_one_is_refused()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => Create([], enabled: true, "Development", ("quality", 100, true), ("registry", 200, false)));

        Assert.Contains("orders before", ex.Message, StringComparison.Ordinal);
    }

    private static DemoSeeders Create(List<string> ran, bool enabled, string environment, params (string Name, int Order, bool Background)[] seeders)
    {
        var services = new ServiceCollection();
        foreach (var (name, order, background) in seeders)
        {
            services.AddSingleton<IDemoSeeder>(new RecordingSeeder(ran, name, order, background));
        }

        var provider = services.BuildServiceProvider();
        return new DemoSeeders(provider, Options.Create(new DemoDataOptions { Enabled = enabled }), new Environment(environment));
    }

    private sealed class RecordingSeeder(List<string> ran, string name, int order, bool background) : IDemoSeeder
    {
        public int Order => order;

        public bool RunsInBackground => background;

        public Task SeedAsync(CancellationToken cancellationToken = default)
        {
            ran.Add(name);
            return Task.CompletedTask;
        }
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "tests";

        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
