using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Models;
using MudBlazor;

namespace MlOpsPortal.Features.Deployments;

public sealed partial class RequestDeploymentDialog
{
    private static readonly string[] Fields = ["model", "version", "environment", "justification", "plannedAt"];

    // The service's refusals are shown as it words them.
    private readonly ServerErrors errors = new(forbidden: null);
    private IReadOnlyList<EnvironmentRef> environments = [];
    private ModelDetails? details;
    private List<int> versions = [];
    private string? model;
    private int? version;
    private string? environment = "production";
    private string? justification;
    private DateTime? planned;
    private GatePreview? preview;
    private bool evaluating;
    private bool saving;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private DeploymentRequests Requests { get; set; } = default!;

    [Inject]
    private CurrentGates Gates { get; set; } = default!;

    [Inject]
    private ModelsService Models { get; set; } = default!;

    [Inject]
    private RegistryKeys Keys { get; set; } = default!;

    /// <summary>Preselects a model (the model page's button).</summary>
    [Parameter]
    public string? Model { get; set; }

    private GateSubject? Subject => model is null || version is null || environment is null ? null
        : new GateSubject(model, version.Value, environment, details?.Versions.FirstOrDefault(v => v.Version == version));

    protected override async Task OnInitializedAsync()
    {
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
        details = key is null ? null : await Models.GetModelAsync(key);
        versions = details?.Versions.Select(v => v.Version).ToList() ?? [];
        version = versions.Count > 0 ? versions[0] : null;
        await PreviewAsync();
    }

    private async Task SelectVersionAsync(int? number)
    {
        version = number;
        await PreviewAsync();
    }

    private async Task SelectEnvironmentAsync(string? key)
    {
        environment = key;
        await PreviewAsync();
    }

    /// <summary>The gates the request would meet, evaluated as the approval will evaluate them; submitting stays the person's choice.</summary>
    private async Task PreviewAsync()
    {
        preview = null;
        if (model is null || version is null || environment is null)
        {
            return;
        }

        evaluating = true;
        try
        {
            var (m, v, e) = (model, version.Value, environment);
            var evaluated = await Gates.PreviewAsync(m, v, e);
            // A quicker later choice may have landed first; only the gates of what is chosen now are shown.
            if ((m, v, e) == (model, version, environment))
            {
                preview = evaluated;
            }
        }
        finally
        {
            evaluating = false;
        }
    }

    private async Task SubmitAsync()
    {
        saving = true;
        errors.Clear();
        try
        {
            var user = (await AuthenticationState).User;
            var plannedAt = planned is { } date ? new DateTimeOffset(DateTime.SpecifyKind(date.Date.AddHours(12), DateTimeKind.Utc)) : (DateTimeOffset?)null;
            Dialog.Close(DialogResult.Ok(await Requests.CreateRequestAsync(user, new DeploymentRequestInput(model, version, environment, justification, plannedAt))));
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
