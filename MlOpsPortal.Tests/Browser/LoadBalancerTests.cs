using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>
/// The production deployment of the README run for real: two portal instances on one PostgreSQL database behind
/// Debian's HAProxy with the README's configuration (<c>docs/haproxy.cfg</c>: sticky sessions by cookie, WebSockets),
/// and Chromium browsing through it.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class LoadBalancerTests(BrowserFixture browser) : IAsyncLifetime, IDisposable
{
    private const string Sha = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    // KnownProxies as the README says for instances behind a balancer: its X-Forwarded-Proto is honoured.
    private readonly TwoPortals portals = new(
        new Dictionary<string, string?> { ["Security:KnownProxies:0"] = "127.0.0.1" },
        onPostgreSql: true, useTestAuthentication: false, aOnKestrel: true, bOnKestrel: true);
    private LoadBalancer balancer = default!;
    private HttpClient exporter = default!;
    private string model = default!;

    public async Task InitializeAsync()
    {
        balancer = await LoadBalancer.StartAsync(portals.A.ClientOptions.BaseAddress, portals.B.ClientOptions.BaseAddress);
        // An exporter outside, calling the balancer's address as a pipeline would (no cookie: spread in turn).
        var key = await portals.A.CreateKeyAsync("exporter", PortalRoles.MetricsWrite);
        exporter = new HttpClient { BaseAddress = balancer.Address };
        exporter.DefaultRequestHeaders.Add(ApiTestClient.ApiKeyHeader, key.Secret);
        model = await SeedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        exporter?.Dispose();
        balancer?.Dispose();
        portals.Dispose();
    }

    [Fact]
    public async Task Two_browsers_each_stay_on_their_own_instance_and_both_see_a_new_point_live()
    {
        var (onA, onB) = await OpenDashboardOnEachInstanceAsync(balancer);
        foreach (var page in new[] { onA, onB })
        {
            await Assertions.Expect(Drawn(page)).ToHaveAttributeAsync("data-drawn-points", "10");
            await page.EvaluateAsync("() => window.sameDocument = true");
        }

        // Ingested through whichever instance the balancer picks: one dashboard hears it from its own instance, the
        // other through the database's point log, each over its tab's live socket through the balancer.
        await SendAsync([(MetricNames.Auc, DateTimeOffset.UtcNow, 0.905)]);
        await SendAsync([(MetricNames.Auc, DateTimeOffset.UtcNow.AddSeconds(1), 0.907)]);

        foreach (var (page, instance) in new[] { (onA, "a"), (onB, "b") })
        {
            await Assertions.Expect(Drawn(page)).ToHaveAttributeAsync("data-drawn-points", "12");
            // A circuit's event through the balancer: the theme toggle answers.
            await page.GetByTestId("theme-toggle").ClickAsync();
            await Assertions.Expect(page.GetByTestId("theme-toggle")).ToHaveAttributeAsync("aria-label", "Switch to light theme");
            Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
            Assert.Equal(instance, await InstanceAsync(page));
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task Behind_a_balancer_that_terminates_TLS_pages_come_alive_with_secure_cookies_and_draw_live_points()
    {
        // A second balancer before the same two instances, serving https as docs/haproxy.cfg says to in production.
        using var tls = await LoadBalancer.StartAsync(portals.A.ClientOptions.BaseAddress, portals.B.ClientOptions.BaseAddress, terminateTls: true);

        // Signing in waits until each page is live: its circuit's WebSocket (wss) passed the origin check, which
        // compares the browser's https origin with what the instance sees, https only through X-Forwarded-Proto.
        var (onA, onB) = await OpenDashboardOnEachInstanceAsync(tls);
        foreach (var page in new[] { onA, onB })
        {
            Assert.StartsWith($"{tls.Address}models/{model}/monitoring", page.Url, StringComparison.Ordinal);
            var cookies = await page.Context.CookiesAsync();
            Assert.Contains(cookies, c => c.Name == LoadBalancer.AffinityCookie);
            Assert.All(cookies, cookie => Assert.True(cookie.Secure, $"The cookie {cookie.Name} is not marked Secure."));
            await Assertions.Expect(Drawn(page)).ToHaveAttributeAsync("data-drawn-points", "10");
        }

        await SendAsync([(MetricNames.Auc, DateTimeOffset.UtcNow, 0.905)]);

        // Each tab's live socket (wss through the balancer) carries the point.
        foreach (var page in new[] { onA, onB })
        {
            await Assertions.Expect(Drawn(page)).ToHaveAttributeAsync("data-drawn-points", "11");
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task A_browser_whose_instance_stops_comes_back_on_the_other_still_signed_in_and_the_other_is_undisturbed()
    {
        var (onA, onB) = await OpenDashboardOnEachInstanceAsync(balancer);
        await Assertions.Expect(Drawn(onA)).ToHaveAttributeAsync("data-drawn-points", "10");
        foreach (var page in new[] { onA, onB })
        {
            await page.EvaluateAsync("() => window.sameDocument = true");
        }

        portals.StopA();

        // Blazor reconnects, the balancer sends it to B, B does not know the circuit and the page reloads there: the
        // sign-in cookie A issued is read by B (one key ring in the database), so no sign-in page in between.
        await onA.WaitForFunctionAsync("() => window.sameDocument !== true");
        await Assertions.Expect(onA.Locator("[data-testid='user-menu'] button").First).ToHaveTextAsync(Personas.Business.Name);
        await onA.WaitForLiveAsync();
        Assert.Equal("b", await InstanceAsync(onA));
        Assert.EndsWith($"/models/{model}/monitoring", new Uri(onA.Url).AbsolutePath, StringComparison.Ordinal);
        await Assertions.Expect(Drawn(onA)).ToHaveAttributeAsync("data-drawn-points", "10");

        await SendAsync([(MetricNames.Auc, DateTimeOffset.UtcNow, 0.905)]);

        await Assertions.Expect(Drawn(onA)).ToHaveAttributeAsync("data-drawn-points", "11");
        await Assertions.Expect(Drawn(onB)).ToHaveAttributeAsync("data-drawn-points", "11");
        Assert.True(await onB.EvaluateAsync<bool>("() => window.sameDocument === true"));
        await onA.Context.CloseAsync();
        await onB.Context.CloseAsync();
    }

    private static ILocator Drawn(IPage page) => page.GetByTestId("chart-model-auc").Locator(".mlops-apexchart");

    /// <summary>
    /// Two new browsers sign in through the balancer one after the other: in turn, the first lands on one instance and
    /// the second on the other.
    /// </summary>
    private async Task<(IPage OnA, IPage OnB)> OpenDashboardOnEachInstanceAsync(LoadBalancer through)
    {
        var pages = new Dictionary<string, IPage>();
        for (var i = 0; i < 2; i++)
        {
            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = through.Address.ToString(),
                ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
                // The TLS balancer's certificate is self-signed.
                IgnoreHTTPSErrors = through.Address.Scheme == Uri.UriSchemeHttps,
            });
            context.SetDefaultTimeout(20_000);
            var page = await context.NewPageAsync();
            await page.SignInAsync(Personas.Business, $"/models/{model}/monitoring");
            pages[await InstanceAsync(page)] = page;
        }

        Assert.Equal(["a", "b"], pages.Keys.Order());
        return (pages["a"], pages["b"]);
    }

    private static async Task<string> InstanceAsync(IPage page)
    {
        var cookies = await page.Context.CookiesAsync();
        return Assert.Single(cookies, c => c.Name == LoadBalancer.AffinityCookie).Value;
    }

    private Task SendAsync(IEnumerable<(string Metric, DateTimeOffset At, double Value)> points) =>
        exporter.SendMetricsAsync(model, "production", points);

    /// <summary>A model with one version and ten points of AUC in the last hour, sent through the balancer.</summary>
    private async Task<string> SeedAsync()
    {
        var key = $"churn-{Guid.NewGuid().ToString("N")[..6]}";
        var models = portals.A.Services.GetRequiredService<ModelsService>();
        var dana = Personas.Contributor.Principal;
        await models.CreateModelAsync(dana, new ModelInput(key, "Customer churn", null, "Dana Scientist", "Retail", null, RiskTier.High, []));
        await models.RegisterVersionAsync(dana, key, new VersionInput("xgboost 2.1", $"s3://models/{key}/1/model.json", Sha, null, null, null,
            null, null, new Dictionary<string, double> { ["auc"] = 0.93 }, null));
        model = key;
        var now = DateTimeOffset.UtcNow;
        await SendAsync(Enumerable.Range(0, 10).Select(i => (MetricNames.Auc, now.AddMinutes(-50 + (i * 5)), 0.89 + (0.002 * (i % 4)))));
        return key;
    }
}
