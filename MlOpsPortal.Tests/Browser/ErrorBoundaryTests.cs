using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Browser;

/// <summary>
/// The error boundary in the running portal, not in bUnit: a page whose data cannot be read once the circuit is live
/// (prerendering went fine) must show the notice with its reference, and "Try again" must bring the page back.
/// </summary>
[Collection(BrowserTests.Name)]
public sealed class ErrorBoundaryTests(BrowserFixture browser)
{
    private readonly MetricsFault fault = new();

    private PortalAppFactory StartPortal(RecordingLoggerProvider logs)
    {
        // Its own portal: the fault must not reach the other browser tests' pages.
        var app = new PortalAppFactory
        {
            UseTestAuthentication = false,
            ConfigureServices = services =>
            {
                services.AddSingleton(fault);
                services.AddLogging(builder => builder.AddProvider(logs));
                services.AddScoped<CircuitMarker>();
                services.AddScoped<CircuitHandler, MarkingCircuitHandler>();
                // The dashboard's reads go through a factory that fails while the fault is armed, inside a live circuit only.
                services.AddScoped(provider => new ChartQueries(
                    new FaultyFactory(provider.GetRequiredService<IDbContextFactory<PortalDbContext>>(), provider.GetRequiredService<CircuitMarker>(), fault),
                    provider.GetRequiredService<SeriesKeys>(), provider.GetRequiredService<TimeProvider>()));
                services.AddScoped(provider => new LatestPointQueries(
                    new FaultyFactory(provider.GetRequiredService<IDbContextFactory<PortalDbContext>>(), provider.GetRequiredService<CircuitMarker>(), fault),
                    provider.GetRequiredService<RegistryKeys>()));
            },
        };
        app.UseKestrel(0);
        app.StartServer();
        return app;
    }

    /// <summary>One chart per performance metric with points (AUC only here), three service and three data charts.</summary>
    private const int DashboardCharts = 7;

    [Theory]
    [InlineData(false, 1)]
    // Several charts failing one after another is what left the area blank: the renderer's forced empty render came last.
    [InlineData(true, DashboardCharts)]
    public async Task A_page_failing_in_its_first_live_render_shows_the_notice_and_try_again_recovers(bool chartsOnly, int failures)
    {
        fault.ChartsOnly = chartsOnly;
        using var logs = new RecordingLoggerProvider();
        await using var app = StartPortal(logs);
        var model = await SeedAsync(app);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.ClientOptions.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1366, Height = 860 },
        });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();
        await page.SignInAsync(Personas.Business, "/");

        fault.Armed = true;
        await page.GotoAsync($"/models/{model}/monitoring");
        await page.WaitForLiveAsync();
        // Prerendering read the data fine; the failures are the live circuit's. Assert only after the last of them,
        // or a notice shown in between and wiped by a later failure would pass.
        await fault.WaitForFailuresAsync(failures);

        var notice = page.GetByTestId("error-notice");
        await Assertions.Expect(notice).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync("Something went wrong on this page");
        var reference = page.GetByTestId("correlation-id");
        await Assertions.Expect(reference).ToHaveTextAsync(new Regex("^[0-9a-f]{12}$"));
        var id = await reference.TextContentAsync();
        var logged = logs.Entries.Where(e => e.Level == LogLevel.Error && e.Message.Contains(id!, StringComparison.Ordinal)).ToList();
        Assert.Equal(failures, logged.Count);
        Assert.All(logged, e => Assert.Equal(MetricsFault.Message, e.Exception?.Message));
        Assert.DoesNotContain(MetricsFault.Message, await page.ContentAsync(), StringComparison.Ordinal);
        await BrowserFixture.SaveScreenshotAsync(page, $"error-notice-{(chartsOnly ? "charts" : "page")}-1366");

        fault.Armed = false;
        await notice.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();

        await Assertions.Expect(notice).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("chart-model-auc")).ToHaveAttributeAsync("data-points", "3");
        await Assertions.Expect(page.GetByTestId("chart-model-auc").Locator(".apexcharts-canvas")).ToBeVisibleAsync();
        await context.CloseAsync();
    }

    private static async Task<string> SeedAsync(PortalAppFactory app)
    {
        var model = $"eb-{Guid.NewGuid():N}"[..9];
        var dana = Personas.Contributor.Principal;
        await app.Services.GetRequiredService<ModelsService>().CreateModelAsync(dana,
            new ModelInput(model, "Boundary model", null, "Dana Scientist", "Retail", null, RiskTier.Low, []));
        var now = DateTimeOffset.UtcNow;
        var points = Enumerable.Range(1, 3).Select(i => new IngestionPoint(MetricNames.Auc,
            JsonSerializer.SerializeToElement(now.AddMinutes(-10 * i).ToString("O", CultureInfo.InvariantCulture)),
            JsonSerializer.SerializeToElement(0.9))).ToList();
        await app.Services.GetRequiredService<MetricsIngestion>().IngestAsync("error-boundary-test",
            new IngestionRequest(model, "production", null, points), CancellationToken.None);
        return model;
    }

    private sealed class MetricsFault
    {
        public const string Message = "metrics database unavailable (injected by the test)";

        private readonly System.Threading.Channels.Channel<bool> failed = System.Threading.Channels.Channel.CreateUnbounded<bool>();

        public volatile bool Armed;

        /// <summary>Only the dashboard charts' reads fail; the page's own reads succeed.</summary>
        public bool ChartsOnly { get; set; }

        public void Fail() => failed.Writer.TryWrite(true);

        public async Task WaitForFailuresAsync(int count)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            for (var i = 0; i < count; i++)
            {
                try
                {
                    await failed.Reader.ReadAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    Assert.Fail($"only {i} of {count} reads failed");
                }
            }
        }
    }

    private sealed class CircuitMarker
    {
        public bool Live { get; set; }
    }

    private sealed class MarkingCircuitHandler(CircuitMarker marker) : CircuitHandler
    {
        public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
        {
            marker.Live = true;
            return Task.CompletedTask;
        }
    }

    private sealed class FaultyFactory(IDbContextFactory<PortalDbContext> inner, CircuitMarker marker, MetricsFault fault) : IDbContextFactory<PortalDbContext>
    {
        public PortalDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<PortalDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
        {
            // Who is asking is only known before the first await.
            var forChart = Environment.StackTrace.Contains(nameof(MetricSeriesChart), StringComparison.Ordinal);
            // After an await, as a slow database call would fail.
            await Task.Yield();
            if (marker.Live && fault.Armed && (forChart || !fault.ChartsOnly))
            {
                fault.Fail();
                throw new InvalidOperationException(MetricsFault.Message);
            }

            return await inner.CreateDbContextAsync(cancellationToken);
        }
    }
}
