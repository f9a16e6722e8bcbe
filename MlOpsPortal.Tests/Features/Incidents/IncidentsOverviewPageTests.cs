using System.Text.Json;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MlOpsPortal.Components.Charts;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Incidents;
using MudBlazor;
using MudBlazor.Services;

namespace MlOpsPortal.Tests.Features.Incidents;

public sealed class IncidentsOverviewPageTests : SlaTestContext, IAsyncDisposable
{
    private readonly BunitContext bunit = new();
    private BunitJSModuleInterop module = default!;

    private IncidentMeasures Measures => Services.GetRequiredService<IncidentMeasures>();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        bunit.Services.AddSingleton(_ => Measures);
        bunit.Services.AddMudServices();
        bunit.Services.AddScoped<BrowserTimeZone>();
        // MudBlazor's own calls are loose; the chart module is strict, so a call the page did not make for a chart fails.
        bunit.JSInterop.Mode = JSRuntimeMode.Loose;
        module = bunit.JSInterop.SetupModule(ApexChart.ModulePath);
        module.Mode = JSRuntimeMode.Strict;
        module.SetupVoid("create", _ => true).SetVoidResult();
        module.SetupVoid("destroy", _ => true).SetVoidResult();
        bunit.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    // MudBlazor's scoped services dispose asynchronously only; xUnit calls this after IAsyncLifetime's DisposeAsync.
    ValueTask IAsyncDisposable.DisposeAsync() => bunit.DisposeAsync();

    [Fact]
    public async Task It_shows_the_service_s_figures_and_charts_for_the_seeded_incidents()
    {
        await IncidentMeasuresTests.SeedAsync(this);
        var expected = await Measures.LastDaysAsync(MeasurePeriods.DefaultDays);

        var page = Render();

        page.WaitForElement("[data-testid=figures]");
        Assert.Equal(MeasureFormat.Minutes(expected.MttaMinutes.Mean), Text(page, "mtta-value"));
        Assert.Equal("5.5 h", Text(page, "mttr-value"));
        Assert.Equal("13 min", Text(page, "mttd-value"));
        Assert.Equal("33.3 %", Text(page, "attainment-value"));
        Assert.Equal("4", Text(page, "breaches-value"));
        Assert.Equal("1", Text(page, "backlog-value"));
        Assert.Contains("Mean time to acknowledge", page.Find("[data-testid=mtta]").InnerHtml, StringComparison.Ordinal);

        page.WaitForAssertion(() => Assert.Equal(4, module.Invocations["create"].Count));
        var attainment = module.Invocations["create"].Select(i => JsonDocument.Parse((string)i.Arguments[2]!).RootElement)
            .Single(o => o.GetProperty("xaxis").TryGetProperty("categories", out var c) && c[0].GetString() == "P1");
        Assert.Equal(100, attainment.GetProperty("series")[0].GetProperty("data")[0].GetDouble());
        Assert.Equal(0, attainment.GetProperty("series")[1].GetProperty("data")[1].GetDouble());
    }

    [Fact]
    public void Without_incidents_it_says_so_instead_of_drawing_empty_charts()
    {
        var page = Render();

        page.WaitForElement("[data-testid=empty]");
        Assert.Contains("No incidents in the last 30 days", page.Markup, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid^=chart-]"));
    }

    private static string Text(IRenderedComponent<IComponent> page, string testId) => page.Find($"[data-testid={testId}]").TextContent.Trim();

    private IRenderedComponent<IComponent> Render() => bunit.Render(builder =>
    {
        builder.OpenComponent<MudPopoverProvider>(0);
        builder.CloseComponent();
        builder.OpenComponent<IncidentsOverviewPage>(1);
        builder.CloseComponent();
    });
}
