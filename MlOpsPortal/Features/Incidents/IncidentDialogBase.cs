using Microsoft.AspNetCore.Components;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Api;
using MudBlazor;

namespace MlOpsPortal.Features.Incidents;

/// <summary>
/// What the incident page's action dialogs (hold, resolve, a reason) share: a field message stays in the dialog for
/// the person to fix; any other refusal (someone else acted first) closes it and goes back to the page with the
/// exception, which shows it and reloads the incident as it now is.
/// </summary>
public abstract class IncidentDialogBase : ComponentBase
{
    protected ServerErrors Errors { get; } = new(forbidden: null);

    protected bool Saving { get; private set; }

    [CascadingParameter]
    protected IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>The service call; the page builds it with the person and the incident.</summary>
    [Parameter, EditorRequired]
    public Func<IncidentActionInput, Task> Submit { get; set; } = default!;

    protected async Task SubmitAsync(IncidentActionInput input, IReadOnlyCollection<string> fields)
    {
        Saving = true;
        Errors.Clear();
        try
        {
            await Submit(input);
            Dialog.Close(DialogResult.Ok(true));
        }
        catch (PortalValidationException ex) when (Errors.Capture(ex, fields))
        {
        }
        catch (Exception ex) when (ex is PortalConflictException or PortalNotFoundException or UnauthorizedAccessException)
        {
            Dialog.Close(DialogResult.Ok(ex));
        }
        finally
        {
            Saving = false;
        }
    }
}
