using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Models;
using MudBlazor;

namespace MlOpsPortal.Features.Incidents;

public sealed partial class OpenIncidentDialog
{
    private static readonly string[] Fields = ["title", "description", "model", "version", "environment", "impact", "urgency", "impactStartUtc"];

    // The service's refusals say who may open incidents.
    private readonly ServerErrors errors = new(forbidden: null);
    private IncidentPolicy policy = IncidentPolicy.Default;
    private IReadOnlyList<EnvironmentRef> environments = [];
    private List<int> versions = [];
    private string? title;
    private string? description;
    private string? model;
    private int? version;
    private string? environment;
    private Impact? impact;
    private Urgency? urgency;
    private DateTime? impactStartUtc;
    private bool saving;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private IncidentsService Incidents { get; set; } = default!;

    [Inject]
    private IncidentPolicies IncidentPolicies { get; set; } = default!;

    [Inject]
    private ModelsService Models { get; set; } = default!;

    [Inject]
    private RegistryKeys Keys { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    /// <summary>Preselects a model (the model page's button, the queue filtered by model).</summary>
    [Parameter]
    public string? Model { get; set; }

    /// <summary>The priority the incident will get now: an admin's later edit of the matrix does not change it.</summary>
    private IncidentPriority? Priority => impact is { } i && urgency is { } u ? policy.Matrix.PriorityOf(i, u) : null;

    /// <summary>Shows the dialog; the opened incident, or null when cancelled.</summary>
    public static async Task<IncidentView?> ShowAsync(IDialogService dialogs, string? model)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        var parameters = new DialogParameters<OpenIncidentDialog> { { d => d.Model, model } };
        var dialog = await dialogs.ShowAsync<OpenIncidentDialog>("Open an incident", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true });
        return await dialog.Result is { Canceled: false, Data: IncidentView created } ? created : null;
    }

    protected override async Task OnInitializedAsync()
    {
        impactStartUtc = Clock.GetUtcNow().UtcDateTime;
        policy = await IncidentPolicies.CurrentAsync();
        environments = await Keys.EnvironmentsAsync();
        if (Model is not null)
        {
            await SelectModelAsync(Model);
        }
    }

    private async Task<IEnumerable<string>> SearchModelsAsync(string? text, CancellationToken cancellationToken) =>
        await Keys.SearchModelKeysAsync(text, cancellationToken: cancellationToken);

    private async Task SelectModelAsync(string? key)
    {
        model = key;
        var details = key is null ? null : await Models.GetModelAsync(key);
        versions = details?.Versions.Select(v => v.Version).ToList() ?? [];
        // Unknown unless the person says: the latest is not necessarily the one that misbehaves.
        version = null;
    }

    private async Task SubmitAsync()
    {
        saving = true;
        errors.Clear();
        try
        {
            var user = (await AuthenticationState).User;
            var input = new IncidentInput(title, description, model, version, environment, impact, urgency, impactStartUtc);
            Dialog.Close(DialogResult.Ok(await Incidents.CreateAsync(user, input)));
        }
        catch (Exception ex) when (errors.Capture(ex, Fields))
        {
        }
        finally
        {
            saving = false;
        }
    }
}
