using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Models;
using MudBlazor;

namespace MlOpsPortal.Features.Quality;

public sealed partial class CheckSuiteDialog
{
    private readonly ServerErrors errors = new();
    private HashSet<CheckKind> checks = [];
    private CheckSuiteSettings settings = new();
    private IReadOnlyList<EnvironmentRef> environments = [];
    private string cron = string.Empty;
    private bool enabled;
    private bool saving;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private CheckSuites Suites { get; set; } = default!;

    [Inject]
    private RegistryKeys Keys { get; set; } = default!;

    [Parameter, EditorRequired]
    public CheckSuiteView Suite { get; set; } = default!;

    private string CronHelp => CronText.Problem(cron) is null ? $"Runs {CronText.Describe(cron)}." : "Five fields: minute hour day month weekday.";

    protected override async Task OnInitializedAsync()
    {
        enabled = Suite.Enabled;
        cron = Suite.Cron;
        checks = [.. Suite.Checks];
        // A copy, so Cancel leaves the shown suite as it was.
        settings = JsonSerializer.Deserialize<CheckSuiteSettings>(JsonSerializer.Serialize(Suite.Settings)) ?? new();
        environments = await Keys.EnvironmentsAsync();
    }

    private void CronChanged(string value)
    {
        cron = value;
        errors.ClearField("cron");
    }

    private void Toggle(CheckKind kind, bool on)
    {
        if (on)
        {
            checks.Add(kind);
        }
        else
        {
            checks.Remove(kind);
        }

        errors.ClearField("checks");
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var user = (await AuthenticationState).User;
            var saved = await Suites.SaveSuiteAsync(user, Suite.Model, new CheckSuiteInput(enabled, cron, [.. checks], settings));
            Dialog.Close(DialogResult.Ok(saved));
        }
        catch (Exception ex) when (errors.Capture(ex, ["cron", "checks"]))
        {
            // Shown next to the fields or above the form.
        }
        finally
        {
            saving = false;
        }
    }
}
