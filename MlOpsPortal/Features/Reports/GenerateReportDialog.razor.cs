using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Architecture;
using MudBlazor;

namespace MlOpsPortal.Features.Reports;

/// <summary>The one way people ask for a report: the archive and the executive home open it.</summary>
[FeatureContract]
public sealed partial class GenerateReportDialog : IDisposable
{
    private const int Custom = 0;
    private static readonly int[] Presets = [7, 30, 90, 180];

    // The service's refusal names the roles a kind needs.
    private readonly ServerErrors errors = new(forbidden: null);
    private ReportPoller? poller;
    private ReportKind kind;
    private int days = ReportsService.DefaultPeriodDays;
    private DateTime? from;
    private DateTime? to;
    private bool saving;
    private ReportView? report;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ReportsService Reports { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>The kinds the person may generate.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<ReportKind> Kinds { get; set; } = [];

    [Parameter]
    public ReportKind? Kind { get; set; }

    /// <summary>Shows the dialog; the id of the finished (succeeded or failed) report, or null when closed before.</summary>
    public static async Task<int?> ShowAsync(IDialogService dialogs, IReadOnlyList<ReportKind> kinds, ReportKind? kind = null)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<GenerateReportDialog> { { d => d.Kinds, kinds }, { d => d.Kind, kind } };
        var dialog = await dialogs.ShowAsync<GenerateReportDialog>("Generate a report", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: int id } ? id : null;
    }

    protected override void OnInitialized()
    {
        kind = Kind is { } wanted && Kinds.Contains(wanted) ? wanted : Kinds.Count > 0 ? Kinds[0] : default;
        var today = Clock.GetUtcNow().UtcDateTime.Date;
        (from, to) = (today.AddDays(-(ReportsService.DefaultPeriodDays - 1)), today);
    }

    private async Task SubmitAsync()
    {
        saving = true;
        errors.Clear();
        try
        {
            var today = DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);
            var (first, last) = days == Custom
                ? (Only(from), Only(to))
                : (today.AddDays(-(days - 1)), (DateOnly?)today);
            report = await Reports.RequestAsync((await AuthenticationState).User, kind, first, last);
            poller = new ReportPoller(Clock);
            _ = poller.RunAsync(async () =>
            {
                await InvokeAsync(RefreshAsync);
                return report.State is ReportState.Queued or ReportState.Running;
            });
        }
        catch (Exception ex) when (errors.Capture(ex, days == Custom ? ["kind", "from", "to"] : ["kind"]))
        {
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>One look at the report; once it is finished the dialog closes with its id.</summary>
    private async Task RefreshAsync()
    {
        report = await Reports.GetAsync((await AuthenticationState).User, report!.Id) ?? report;
        if (report.State is ReportState.Succeeded or ReportState.Failed)
        {
            Dialog.Close(DialogResult.Ok(report.Id));
        }
        else
        {
            StateHasChanged();
        }
    }

    private void Close() => Dialog.Cancel();

    private static DateOnly? Only(DateTime? day) => day is { } d ? DateOnly.FromDateTime(d) : null;

    public void Dispose() => poller?.Dispose();
}
