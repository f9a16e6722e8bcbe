using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MudBlazor;

namespace MlOpsPortal.Features.Incidents;

public sealed partial class IncidentSettingsPage
{
    private readonly ServerErrors errors = new("Only a Portal.Admin changes SLA targets, the calendar, the priority matrix and the roster.");
    private IncidentPolicyForm? form;
    private bool saving;

    [Inject]
    private IncidentPolicies IncidentPolicies { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        errors.Clear();
        form = IncidentPolicyForm.From(await IncidentPolicies.CurrentAsync());
    }

    /// <summary>The service names a target's fields "targets.P1.response".</summary>
    private static string TargetField(PriorityTargetsForm row, string name) => $"targets.{row.Priority}.{name}";

    private async Task SaveAsync()
    {
        saving = true;
        errors.Clear();
        try
        {
            await IncidentPolicies.UpdateAsync((await AuthenticationState).User, form!.ToPolicy());
            Snackbar.Add("Incident settings saved. They apply to incidents opened from now on.", Severity.Success);
        }
        catch (Exception ex) when (errors.Capture(ex, ShownFields))
        {
            Snackbar.Add("Nothing was saved: correct the fields marked in red.", Severity.Error);
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>Every field the page shows a message on; the service's other messages go into the alert at the top.</summary>
    private static readonly string[] ShownFields =
    [
        .. Enum.GetValues<IncidentPriority>().SelectMany(p => new[] { $"targets.{p}.response", $"targets.{p}.resolution", $"targets.{p}.clock" }),
        .. BusinessCalendarEditor.Fields,
        .. Enum.GetValues<SupportLevel>().Select(l => $"roster.{l}"),
        "autoCloseDays",
    ];
}
