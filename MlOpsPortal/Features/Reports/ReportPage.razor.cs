using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace MlOpsPortal.Features.Reports;

public sealed partial class ReportPage : IDisposable
{
    private const string DefinitionsKey = "definitions";

    private ReportPoller? poller;
    private ReportView? report;
    private ReportDocument? document;
    private IReadOnlyDictionary<string, string>? names;
    private List<BreadcrumbItem> breadcrumbs = [];
    private bool loading = true;

    [Parameter]
    public int Id { get; set; }

    [Inject]
    private ReportsService Reports { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private ReportNameReveal NameReveal { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        poller?.Dispose();
        poller = null;
        loading = true;
        names = null;
        await LoadAsync();
        loading = false;
        breadcrumbs = [new("Reports", ReportLinks.Archive), new(report?.Title ?? "Report", null, disabled: true)];
        if (report?.State is ReportState.Queued or ReportState.Running)
        {
            poller = new ReportPoller(Clock);
            _ = poller.RunAsync(async () =>
            {
                await InvokeAsync(async () =>
                {
                    await LoadAsync();
                    StateHasChanged();
                });
                return report?.State is ReportState.Queued or ReportState.Running;
            });
        }
    }

    private async Task LoadAsync()
    {
        var user = (await AuthenticationState).User;
        report = await Reports.GetAsync(user, Id);
        document = report?.State == ReportState.Succeeded ? await Reports.GetDocumentAsync(user, Id) : null;
    }

    /// <summary>Pseudonyms become names only on request, and each request is an audit event (the service records it).</summary>
    private async Task RevealNamesAsync() => names = await NameReveal.RevealAsync((await AuthenticationState).User, Id);

    /// <summary>A link to a section on this page: a bare "#…" would resolve against the base address, i.e. the home page.</summary>
    private string SectionLink(string key) => $"{ReportLinks.Report(Id)}#{ReportSectionView.Anchor(key)}";

    private static string TriggerText(ReportTrigger trigger) => trigger switch
    {
        ReportTrigger.Schedule => "by subscription",
        ReportTrigger.Demo => "demo data",
        _ => "on request",
    };

    public void Dispose() => poller?.Dispose();
}
