using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Auth;

public sealed class ApiKeyAuthenticationTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly PortalAppFactory app;

    public ApiKeyAuthenticationTests()
    {
        app = new PortalAppFactory { ConfigureServices = services => services.AddSingleton<TimeProvider>(clock) };
    }

    public void Dispose() => app.Dispose();

    [Fact]
    public async Task An_expired_key_is_401_saying_it_expired()
    {
        var keys = app.Services.GetRequiredService<ApiKeysService>();
        var key = await keys.CreateAsync(Personas.Admin, new ApiKeyInput("short-lived", [PortalRoles.RegistryWrite], DateOnly.FromDateTime(Start.UtcDateTime).AddDays(1)));
        using var client = app.CreateClientWithKey(key.Secret);
        using (var before = await client.GetPathAsync("/api/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        clock.Advance(TimeSpan.FromDays(2));
        using var after = await client.GetPathAsync("/api/v1/models");

        Assert.Contains("expired", (await after.ProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ApiKeyStatus.Expired, (await keys.ListAsync(Personas.Admin)).Single(k => k.Id == key.Key.Id).Status);
    }

    [Fact]
    public async Task A_revoked_key_is_401_saying_it_was_revoked()
    {
        var key = await app.CreateKeyAsync("leaked", PortalRoles.RegistryWrite);
        using var client = app.CreateClientWithKey(key.Secret);

        await app.Services.GetRequiredService<ApiKeysService>().RevokeAsync(Personas.Admin, key.Key.Id, "Pasted in a chat");
        using var response = await client.PostJsonAsync("/api/v1/datasets", new { key = "after-revoke", owner = "x" });

        Assert.Contains("revoked", (await response.ProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_with_a_wrong_secret_is_just_not_valid_even_for_a_revoked_prefix()
    {
        var key = await app.CreateKeyAsync("probed", PortalRoles.RegistryWrite);
        await app.Services.GetRequiredService<ApiKeysService>().RevokeAsync(Personas.Admin, key.Key.Id, "Rotated");
        using var client = app.CreateClientWithKey($"mlp_{key.Key.Prefix}_{new string('A', 43)}");

        using var response = await client.GetPathAsync("/api/v1/models");

        var detail = (await response.ProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>();
        Assert.Contains("not valid", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("revoked", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Last_use_is_recorded_at_most_once_a_minute()
    {
        var keys = app.Services.GetRequiredService<ApiKeysService>();
        var key = await app.CreateKeyAsync("watched", PortalRoles.RegistryWrite);
        using var client = app.CreateClientWithKey(key.Secret);
        Assert.Null((await keys.ListAsync(Personas.Admin)).Single(k => k.Id == key.Key.Id).LastUsedAtUtc);

        (await client.GetPathAsync("/api/v1/models")).Dispose();
        var first = (await keys.ListAsync(Personas.Admin)).Single(k => k.Id == key.Key.Id).LastUsedAtUtc;
        clock.Advance(TimeSpan.FromSeconds(30));
        (await client.GetPathAsync("/api/v1/models")).Dispose();
        var withinMinute = (await keys.ListAsync(Personas.Admin)).Single(k => k.Id == key.Key.Id).LastUsedAtUtc;
        clock.Advance(TimeSpan.FromSeconds(45));
        (await client.GetPathAsync("/api/v1/models")).Dispose();
        var later = (await keys.ListAsync(Personas.Admin)).Single(k => k.Id == key.Key.Id).LastUsedAtUtc;

        Assert.Equal(Start.UtcDateTime, first);
        Assert.Equal(first, withinMinute);
        Assert.Equal(Start.UtcDateTime.AddSeconds(75), later);
    }

    [Fact]
    public async Task A_key_in_the_query_string_is_refused_and_the_caller_is_told_to_use_the_header()
    {
        var key = await app.CreateKeyAsync("in-url", PortalRoles.RegistryWrite);
        using var client = app.CreateClientAs(null);

        using var response = await client.GetPathAsync($"/api/v1/models?api_key={key.Secret}");

        Assert.Contains("X-Api-Key header", (await response.ProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_development_key_works_in_development_and_acts_as_the_development_key()
    {
        var developmentKey = app.Services.GetRequiredService<IConfiguration>()["ApiKeys:DevelopmentKey"];
        Assert.False(string.IsNullOrEmpty(developmentKey));
        using var client = app.CreateClientWithKey(developmentKey);

        using var response = await client.PostJsonAsync("/api/v1/datasets", new { key = "dev-key-data", owner = "local" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("API key Development key", (await response.JsonAsync())["createdBy"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_development_key_is_refused_outside_development()
    {
        const string developmentKey = "mlp_dev_local-only-not-a-secret-0000000000";
        using var production = new PortalAppFactory { EnvironmentName = "Production" };
        production.Settings["AzureAd:Instance"] = "https://login.microsoftonline.com/";
        production.Settings["AzureAd:TenantId"] = "11111111-1111-1111-1111-111111111111";
        production.Settings["AzureAd:ClientId"] = "22222222-2222-2222-2222-222222222222";
        production.Settings["AzureAd:Audience"] = "api://portal";
        production.Settings["ApiKeys:DevelopmentKey"] = developmentKey;
        using var client = production.CreateClientWithKey(developmentKey);

        using var read = await client.GetPathAsync("/api/v1/models");
        using var write = await client.PostJsonAsync("/api/v1/datasets", new { key = "prod-dev-key", owner = "x" });

        Assert.Contains("Development environment", (await read.ProblemAsync(HttpStatusCode.Unauthorized))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await write.ProblemAsync(HttpStatusCode.Unauthorized);
    }
}
