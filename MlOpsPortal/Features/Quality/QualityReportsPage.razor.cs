using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MlOpsPortal.Features.Models;
using MudBlazor;

namespace MlOpsPortal.Features.Quality;

public sealed partial class QualityReportsPage
{
    private MudDataGrid<QualityReportSummary>? grid;

    // The grid says it is loading until its first page arrives: in the prerender, which loads nothing, and on the first
    // live render, before the grid starts its load, it would otherwise show its empty text over a list that has rows.
    private bool firstPageLoaded;
    private IReadOnlyList<string> modelKeys = [];
    private string? model;
    private QualityStatus? status;
    private CheckKind? kind;
    private DateRange? dates;

    [Inject]
    private QualityReports Reports { get; set; } = default!;

    [Inject]
    private RegistryKeys Keys { get; set; } = default!;

    [Inject]
    private IOptions<QualityRetentionOptions> Retention { get; set; } = default!;

    [Inject]
    private Components.Shared.BrowserTimeZone TimeZone { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "model")]
    public string? ModelFromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "status")]
    public string? StatusFromQuery { get; set; }

    private int RetentionDays => Retention.Value.KeepPassingReportsDays;

    private bool HasFilters => model is not null || status is not null || kind is not null || dates?.Start is not null || dates?.End is not null;

    protected override async Task OnInitializedAsync()
    {
        model = ModelFromQuery;
        status = Enum.TryParse<QualityStatus>(StatusFromQuery, true, out var s) ? s : null;
        // Reports are of versions: every model with one, by key.
        modelKeys = [.. (await Keys.ModelsWithVersionsAsync()).Select(m => m.Key)];
    }

    private async Task<GridData<QualityReportSummary>> LoadAsync(GridState<QualityReportSummary> state, CancellationToken cancellationToken)
    {
        // The picker gives the viewer's calendar days; a day runs from their local midnight to the next.
        var zone = TimeZone.Known ?? TimeZoneInfo.Utc;
        DateTime? Utc(DateTime? day) => day is { } d ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(d.Date, DateTimeKind.Unspecified), zone) : null;
        var page = await Reports.ListReportsAsync(new QualityReportQuery
        {
            Model = model,
            Status = status,
            Kind = kind,
            FromUtc = Utc(dates?.Start),
            ToUtc = Utc(dates?.End?.AddDays(1)),
            PageIndex = state.Page,
            PageSize = state.PageSize,
        }, cancellationToken);
        firstPageLoaded = true;
        return new GridData<QualityReportSummary> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private Task OnModelChanged(string? value)
    {
        model = value;
        return ReloadAsync();
    }

    private Task OnStatusChanged(QualityStatus? value)
    {
        status = value;
        return ReloadAsync();
    }

    private Task OnKindChanged(CheckKind? value)
    {
        kind = value;
        return ReloadAsync();
    }

    private Task OnDatesChanged(DateRange? value)
    {
        dates = value;
        return ReloadAsync();
    }

    private Task ReloadAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private void OpenRow(DataGridRowClickEventArgs<QualityReportSummary> row) => Navigation.NavigateTo(QualityLinks.Report(row.Item.Id));
}
