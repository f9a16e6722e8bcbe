using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    }

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
