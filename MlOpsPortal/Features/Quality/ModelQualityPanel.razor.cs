using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Features.Quality;

public sealed partial class ModelQualityPanel : IDisposable
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);
    private readonly CancellationTokenSource disposed = new();
    private CheckSuiteView? suite;
    private IReadOnlyList<QualityReportSummary> reports = [];
    private CheckRunView? run;
    private bool canConfigure;
    private bool canRun;
    private bool canUpload;

    [Parameter, EditorRequired]
    public string ModelKey { get; set; } = string.Empty;

    /// <summary>How many versions the model has; checks need one.</summary>
    [Parameter]
    public int VersionCount { get; set; }

    [Inject]
    private CheckSuites Suites { get; set; } = default!;

    [Inject]
    private CheckRuns Runs { get; set; } = default!;

    [Inject]
    private QualityReports Reports { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool HasVersions => VersionCount > 0;

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        canConfigure = (await Authorization.AuthorizeAsync(user, Policies.ContributeModels)).Succeeded;
        canRun = (await Authorization.AuthorizeAsync(user, Policies.RunQualityChecks)).Succeeded;
        canUpload = canRun || (await Authorization.AuthorizeAsync(user, Policies.UploadReferenceSamples)).Succeeded;
        suite = await Suites.GetSuiteAsync(ModelKey);
        await LoadReportsAsync();
    }

    private async Task LoadReportsAsync() =>
        reports = (await Reports.ListReportsAsync(new QualityReportQuery { Model = ModelKey, PageSize = 8 })).Items;

    private async Task EditAsync()
    {
        var dialog = await Dialogs.ShowAsync<CheckSuiteDialog>("Quality checks",
            new DialogParameters<CheckSuiteDialog> { { d => d.Suite, suite! } },
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        if (await dialog.Result is { Canceled: false, Data: CheckSuiteView saved })
        {
            suite = saved;
            Snackbar.Add($"Saved: the checks of {ModelKey} run {(saved.Enabled ? saved.Schedule : "only on demand")}.", Severity.Success);
        }
    }

    private async Task RunNowAsync()
    {
        var user = (await AuthenticationState).User;
        run = await Runs.RequestRunAsync(user, ModelKey, null, null, CheckRunTrigger.Manual, disposed.Token);
        using var timer = new PeriodicTimer(PollEvery);
        try
        {
            while (run is { State: CheckRunState.Queued or CheckRunState.Running } && await timer.WaitForNextTickAsync(disposed.Token))
            {
                run = await Runs.GetRunAsync(run.Id, disposed.Token) ?? run;
                StateHasChanged();
            }

            await LoadReportsAsync();
        }
        catch (OperationCanceledException) when (disposed.IsCancellationRequested)
        {
            // The person left the page; the run goes on and its report will be listed.
        }
    }

    public void Dispose()
    {
        disposed.Cancel();
        disposed.Dispose();
    }
}
