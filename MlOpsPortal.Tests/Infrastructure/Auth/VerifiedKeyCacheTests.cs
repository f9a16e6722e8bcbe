using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Auth;

/// <summary>
/// A verified key is trusted from memory for a short while (ingestion sends a request per point); a revocation must still
/// refuse it: at once on the instance that revoked it, within <see cref="ApiKeysService.VerifiedKeyLifetime"/> elsewhere.
/// </summary>
public sealed class VerifiedKeyCacheTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));
    private readonly PortalAppFactory app;

    public VerifiedKeyCacheTests() =>
        app = new PortalAppFactory { ConfigureServices = services => services.AddSingleton<TimeProvider>(clock) };

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task A_key_in_use_revoked_here_is_refused_on_its_next_call()
    {
        var key = await app.CreateKeyAsync("in-use", PortalRoles.RegistryWrite);
        using var client = app.CreateClientWithKey(key.Secret);
        using (var before = await client.GetPathAsync("/api/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await app.Services.GetRequiredService<ApiKeysService>().RevokeAsync(Personas.Admin, key.Key.Id, "Leaked");
        using var after = await client.GetPathAsync("/api/v1/models");

        Assert.Contains("revoked", (await after.ProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_revoked_by_another_instance_is_refused_once_the_trusted_time_has_passed()
    {
        var key = await app.CreateKeyAsync("shared", PortalRoles.RegistryWrite);
        using var client = app.CreateClientWithKey(key.Secret);
        using (var before = await client.GetPathAsync("/api/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Another portal instance revokes it: the row changes, this instance's memory is not told.
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            await db.ApiKeys.Where(k => k.Id == key.Key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.RevokedAtUtc, clock.GetUtcNow().UtcDateTime).SetProperty(k => k.RevokedBy, "Ada Admin"));
        }

        clock.Advance(ApiKeysService.VerifiedKeyLifetime);
        using var after = await client.GetPathAsync("/api/v1/models");

        Assert.Contains("revoked", (await after.ProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_trusted_from_memory_still_records_its_use_each_minute()
    {
        var key = await app.CreateKeyAsync("busy", PortalRoles.RegistryWrite);
        var keys = app.Services.GetRequiredService<ApiKeysService>();
        using var client = app.CreateClientWithKey(key.Secret);
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.GetPathAsync("/api/v1/models");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var firstUse = (await keys.ListAsync(Personas.Admin)).Single(k => k.Id == key.Key.Id).LastUsedAtUtc;
        clock.Advance(TimeSpan.FromMinutes(2));
        using (var later = await client.GetPathAsync("/api/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        }

        Assert.Equal(clock.GetUtcNow().UtcDateTime, (await keys.ListAsync(Personas.Admin)).Single(k => k.Id == key.Key.Id).LastUsedAtUtc);
        Assert.NotEqual(firstUse, clock.GetUtcNow().UtcDateTime);
    }
}
