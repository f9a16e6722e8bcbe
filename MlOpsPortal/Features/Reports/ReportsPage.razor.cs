using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace MlOpsPortal.Features.Reports;

public sealed partial class ReportsPage : IDisposable
{
    private const string DayFormat = "yyyy-MM-dd";

    private MudTable<ReportView>? table;
    private IReadOnlyList<ReportKind> kinds = [];
    private ReportKind? kind;
    private DateTime? from;
    private DateTime? to;
    private bool loading = true;
    private bool unfinished;
    private ReportPoller? poller;

    [Inject]
    private ReportsService Reports { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The filters live in the address, so a reload or a shared link shows the same list.</summary>
    [SupplyParameterFromQuery(Name = "kind")]
    public string? KindFromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    private bool HasFilters => kind is not null || from is not null || to is not null;

    protected override async Task OnInitializedAsync()
    {
        kinds = await Reports.ReadableKindsAsync((await AuthenticationState).User);
        loading = false;
    }

    protected override async Task OnParametersSetAsync()
    {
        var wanted = ReportKinds.Parse(KindFromQuery);
        var (first, last) = (Day(FromQuery), Day(ToQuery));
        if (wanted == kind && first == from && last == to)
        {
            return;
        }

        (kind, from, to) = (wanted, first, last);
        if (table is not null)
        {
            await table.ReloadServerData();
        }
    }

    private async Task<TableData<ReportView>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var user = (await AuthenticationState).User;
        var filter = new ReportFilter(kind, Only(from), Only(to), null, state.Page + 1, state.PageSize);
        var page = await Reports.ListAsync(user, filter, cancellationToken);
        unfinished = page.Items.Any(r => r.State is ReportState.Queued or ReportState.Running);
        if (unfinished && poller is null)
        {
            // Reports being generated move their progress bars until they finish.
            poller = new ReportPoller(Clock);
            _ = poller.RunAsync(async () =>
            {
                await InvokeAsync(() => table?.ReloadServerData() ?? Task.CompletedTask);
                if (!unfinished)
                {
                    poller?.Dispose();
                    poller = null;
                }

                return unfinished;
            });
        }

        return new TableData<ReportView> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private void OnKindChanged(ReportKind? value) => Show(value, from, to);

    private void OnFromChanged(DateTime? value) => Show(kind, value, to);

    private void OnToChanged(DateTime? value) => Show(kind, from, value);

    private void Show(ReportKind? newKind, DateTime? newFrom, DateTime? newTo) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            ["kind"] = newKind?.ApiName(),
            ["from"] = newFrom?.ToString(DayFormat, CultureInfo.InvariantCulture),
            ["to"] = newTo?.ToString(DayFormat, CultureInfo.InvariantCulture),
        }), replace: true);

    private async Task GenerateAsync()
    {
        if (await GenerateReportDialog.ShowAsync(Dialogs, kinds, kind) is { } id)
        {
            Navigation.NavigateTo(ReportLinks.Report(id));
        }
    }

    private static DateTime? Day(string? text) =>
        DateTime.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static DateOnly? Only(DateTime? day) => day is { } d ? DateOnly.FromDateTime(d) : null;

    private static string TriggerText(ReportTrigger trigger) => trigger == ReportTrigger.Schedule ? "subscription" : "demo data";

    public void Dispose() => poller?.Dispose();
}
