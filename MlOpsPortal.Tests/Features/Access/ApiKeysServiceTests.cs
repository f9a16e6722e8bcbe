using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Access;

public sealed class ApiKeysServiceTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Now);
    private PortalServices app = default!;

    private ApiKeysService Keys => app.Services.GetRequiredService<ApiKeysService>();

    public async Task InitializeAsync() => app = await PortalServices.StartAsync(clock);

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task The_secret_is_returned_once_and_only_its_hash_is_stored()
    {
        var created = await Keys.CreateAsync(Personas.Admin, new ApiKeyInput("  nightly-training  ", [PortalRoles.RegistryWrite, PortalRoles.MetricsWrite], null));

        Assert.Matches("^mlp_[a-z2-7]{12}_[A-Za-z0-9_-]{43}$", created.Secret);
        Assert.Equal(created.Secret[4..16], created.Key.Prefix);
        Assert.Equal("nightly-training", created.Key.Name);
        var stored = await app.QueryAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == created.Key.Id));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(created.Secret))), stored.SecretHash);
        var secretPart = created.Secret[17..];
        Assert.DoesNotContain(secretPart, JsonSerializer.Serialize(stored), StringComparison.Ordinal);
        var listed = JsonSerializer.Serialize(await Keys.ListAsync(Personas.Admin));
        Assert.Contains(created.Key.Prefix, listed, StringComparison.Ordinal);
        Assert.DoesNotContain(secretPart, listed, StringComparison.Ordinal);
        var audit = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Action == "api-key.created").Select(e => e.Details).ToListAsync());
        Assert.DoesNotContain(audit, d => d!.Contains(secretPart, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_expires_after_90_days_unless_a_date_is_chosen()
    {
        var created = await Keys.CreateAsync(Personas.Admin, new ApiKeyInput("defaults", [PortalRoles.MetricsWrite], null));

        Assert.Equal(new DateTime(2027, 2, 25, 0, 0, 0, DateTimeKind.Utc), created.Key.ExpiresAtUtc);
        Assert.Equal(ApiKeyStatus.Active, created.Key.Status);
        Assert.Equal("Ada Admin", created.Key.CreatedBy);
    }

    [Theory]
    [InlineData("", "Registry.Write", 30, "name")]
    [InlineData("ci", null, 30, "scopes")]
    [InlineData("ci", "Portal.Admin", 30, "scopes")]
    [InlineData("ci", "Registry.Write", 0, "expiresOn")]
    [InlineData("ci", "Registry.Write", 800, "expiresOn")]
    public async Task Invalid_requests_name_the_field(string name, string? scope, int days, string field)
    {
        var input = new ApiKeyInput(name, scope is null ? [] : [scope], DateOnly.FromDateTime(Now.UtcDateTime).AddDays(days));

        var error = await Assert.ThrowsAsync<PortalValidationException>(() => Keys.CreateAsync(Personas.Admin, input));

        Assert.Contains(field, error.Errors.Keys);
        Assert.Equal(0, await app.QueryAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task Two_years_is_the_longest_lifetime()
    {
        var created = await Keys.CreateAsync(Personas.Admin,
            new ApiKeyInput("long", [PortalRoles.RegistryWrite], DateOnly.FromDateTime(Now.UtcDateTime).AddYears(2)));

        Assert.Equal(new DateTime(2028, 11, 27, 0, 0, 0, DateTimeKind.Utc), created.Key.ExpiresAtUtc);
    }

    [Theory]
    [InlineData(PortalRoles.ModelsContributor)]
    [InlineData(PortalRoles.ComplianceAuditor)]
    public async Task Only_administrators_manage_keys(string role)
    {
        var user = Personas.ForRole(role).Principal;
        var created = await Keys.CreateAsync(Personas.Admin, new ApiKeyInput("admin-made", [PortalRoles.RegistryWrite], null));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Keys.CreateAsync(user, new ApiKeyInput("mine", [PortalRoles.RegistryWrite], null)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Keys.ListAsync(user));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Keys.RevokeAsync(user, created.Key.Id, "because"));
    }

    [Fact]
    public async Task Revoking_records_who_and_why_and_happens_once()
    {
        var created = await Keys.CreateAsync(Personas.Admin, new ApiKeyInput("to-revoke", [PortalRoles.RegistryWrite], null));

        var revoked = await Keys.RevokeAsync(Personas.Admin, created.Key.Id, "Left in a public repository");
        var again = await Assert.ThrowsAsync<PortalConflictException>(() => Keys.RevokeAsync(Personas.Admin, created.Key.Id, "Twice"));

        Assert.Equal(ApiKeyStatus.Revoked, revoked.Status);
        Assert.Equal("Ada Admin", revoked.RevokedBy);
        Assert.Equal(Now.UtcDateTime, revoked.RevokedAtUtc);
        Assert.Contains("already revoked", again.Message, StringComparison.Ordinal);
        var events = await app.QueryAsync(db => db.AuditEvents.Where(e => e.EntityType == "ApiKey" && e.EntityId == created.Key.Prefix)
            .OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(["api-key.created", "api-key.revoked"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal("Ada Admin", e.ActorName));
        Assert.Equal("Left in a public repository", JsonNode.Parse(events[1].Details!)!["reason"]!.GetValue<string>());
        Assert.Equal("to-revoke", JsonNode.Parse(events[0].Details!)!["after"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Revoking_needs_a_reason_and_an_existing_key()
    {
        var created = await Keys.CreateAsync(Personas.Admin, new ApiKeyInput("kept", [PortalRoles.RegistryWrite], null));

        var noReason = await Assert.ThrowsAsync<PortalValidationException>(() => Keys.RevokeAsync(Personas.Admin, created.Key.Id, " "));
        await Assert.ThrowsAsync<PortalNotFoundException>(() => Keys.RevokeAsync(Personas.Admin, 999_999, "gone"));

        Assert.Contains("reason", noReason.Errors.Keys);
        Assert.Equal(ApiKeyStatus.Active, (await Keys.ListAsync(Personas.Admin)).Single().Status);
    }

    [Fact]
    public async Task The_first_use_of_a_key_each_utc_day_is_recorded_once_however_many_calls_race()
    {
        var created = await Keys.CreateAsync(Personas.Admin, new ApiKeyInput("nightly", [PortalRoles.RegistryWrite], null));
        var other = await Keys.CreateAsync(Personas.Admin, new ApiKeyInput("unused", [PortalRoles.RegistryWrite], null));

        async Task UseAsync()
        {
            Assert.True((await Keys.AuthenticateAsync(created.Secret)).Succeeded);
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Keys.AuthenticateAsync(created.Secret)));
            clock.Advance(TimeSpan.FromMinutes(5));
            await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Keys.AuthenticateAsync(created.Secret)));
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Keys.AuthenticateAsync(created.Secret)));
        await UseAsync();
        clock.Advance(TimeSpan.FromHours(15)); // 2026-11-27 00:05
        await UseAsync();

        var used = await app.QueryAsync(db => db.AuditEvents.Where(e => e.Action == ApiKeysService.UsedAction).OrderBy(e => e.Sequence).ToListAsync());
        Assert.Equal(["2026-11-26", "2026-11-27"], used.Select(e => JsonNode.Parse(e.Details!)!["day"]!.GetValue<string>()));
        Assert.All(used, e =>
        {
            Assert.Equal(("ApiKey", created.Key.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (e.EntityType, e.EntityId));
            Assert.Equal(($"apikey:{created.Key.Id}", "API key nightly"), (e.ActorId, e.ActorName));
            var details = JsonNode.Parse(e.Details!)!;
            Assert.Equal(("nightly", created.Key.Prefix), (details["keyName"]!.GetValue<string>(), details["prefix"]!.GetValue<string>()));
        });
        Assert.Equal(new DateTime(2026, 11, 27, 0, 10, 0, DateTimeKind.Utc), (await Keys.ListAsync(Personas.Admin)).Single(k => k.Id == created.Key.Id).LastUsedAtUtc);
        Assert.Null((await Keys.ListAsync(Personas.Admin)).Single(k => k.Id == other.Key.Id).LastUsedAtUtc);
    }
}
