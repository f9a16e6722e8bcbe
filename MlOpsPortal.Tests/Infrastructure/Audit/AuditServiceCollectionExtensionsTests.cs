using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Data;
using Xunit;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

public sealed class AuditServiceCollectionExtensionsTests
{
    [Fact]
    public async Task Registered_services_chain_events_written_through_a_context_wired_like_the_portal()
    {
        await using var database = await AuditTestDatabase.CreateAsync();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(database.Time)
            .AddSingleton(Configuration(database.Anchor.FilePath))
            .AddPortalAudit();
        services.AddDbContextFactory<PortalDbContext>((sp, options) => options
            .UseSqlite(database.ConnectionString)
            .AddInterceptors(sp.GetRequiredService<AuditChainInterceptor>()));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Same(provider.GetRequiredService<AuditChainInterceptor>(), provider.GetRequiredService<AuditChainInterceptor>());
        Assert.Same(provider.GetRequiredService<AuditLog>(), provider.GetRequiredService<AuditLog>());
        Assert.NotSame(provider.GetRequiredService<VerifyAuditChainJob>(), provider.GetRequiredService<VerifyAuditChainJob>());
        Assert.Same(database.Time, provider.GetRequiredService<TimeProvider>());

        var factory = provider.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            db.AddAuditEvent(AuditActor.System, "model.created", "Model", "m-1");
            await db.SaveChangesAsync();
        }

        await provider.GetRequiredService<AuditLog>().RecordAsync(AuditActor.System, AuditActions.SignOut, "Session", null, null, CancellationToken.None);
        await provider.GetRequiredService<VerifyAuditChainJob>().RunAsync(CancellationToken.None);

        var latest = await provider.GetRequiredService<AuditLog>().LatestVerificationAsync();
        Assert.NotNull(latest);
        Assert.True(latest.IsValid, latest.Problem);
        Assert.Equal(2, latest.HeadSequence);
        Assert.Equal(2, (await provider.GetRequiredService<AuditAnchor>().ReadLatestAsync(CancellationToken.None))!.Sequence);
    }

    [Fact]
    public void A_missing_chain_key_is_refused_naming_the_setting()
    {
        using var provider = new ServiceCollection().AddSingleton(Configuration(anchorPath: null, chainKey: null)).AddPortalAudit().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<AuditOptions>>().Value);

        Assert.Contains("Audit:ChainKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_anchor_defaults_to_App_Data_under_the_content_root_and_the_readiness_check_is_registered()
    {
        using var provider = new ServiceCollection()
            .AddSingleton(Configuration(anchorPath: null))
            .AddPortalAudit()
            .BuildServiceProvider();

        var expected = Path.Combine(AppContext.BaseDirectory, "App_Data", "audit-anchor.log");
        Assert.Equal(Path.GetFullPath(expected), provider.GetRequiredService<AuditAnchor>().FilePath);
        var registration = Assert.Single(
            provider.GetRequiredService<IOptions<HealthCheckServiceOptions>>().Value.Registrations, r => r.Name == "audit");
        Assert.Contains("ready", registration.Tags);
    }

    private static IConfiguration Configuration(string? anchorPath, string? chainKey = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=") =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:ChainKey"] = chainKey, ["Audit:AnchorPath"] = anchorPath })
            .Build();

    [Fact]
    public void System_clock_is_the_default_time_provider()
    {
        using var provider = new ServiceCollection().AddPortalAudit().BuildServiceProvider();

        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void An_earlier_time_provider_registration_is_kept()
    {
        var fake = new FakeTimeProvider();
        using var provider = new ServiceCollection().AddSingleton<TimeProvider>(fake).AddPortalAudit().BuildServiceProvider();

        Assert.Same(fake, provider.GetRequiredService<TimeProvider>());
    }
}
