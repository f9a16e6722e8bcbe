using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MudBlazor;

namespace MlOpsPortal.Features.Models;

public sealed partial class RegisterModelDialog
{
    private static readonly string[] Fields = ["key", "displayName", "owner", "businessUnit", "riskTier", "useCase", "description", "tags"];

    private readonly ServerErrors errors = new();
    private MudForm? form;
    private string? key;
    private string? displayName;
    private string? owner;
    private string? businessUnit;
    private RiskTier? riskTier;
    private string? useCase;
    private string? description;
    private string? tags;
    private string keyRule = RegistrySettings.DefaultKeyPattern;
    private bool saving;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private ModelsService Models { get; set; } = default!;

    [Inject]
    private RegistryRules Rules { get; set; } = default!;

    /// <summary>The model to edit; null registers a new one.</summary>
    [Parameter]
    public ModelSummary? Existing { get; set; }

    private string KeyHelp => $"Never changes once registered. Naming rule: {keyRule}";

    protected override async Task OnInitializedAsync()
    {
        keyRule = (await Rules.GetSettingsAsync()).ModelKeyPattern;
        if (Existing is { } m)
        {
            (displayName, owner, businessUnit, riskTier, useCase, description) = (m.DisplayName, m.Owner, m.BusinessUnit, m.RiskTier, m.UseCase, m.Description);
            tags = string.Join(", ", m.Tags);
        }
        else
        {
            owner = (await AuthenticationState).User.Identity?.Name;
        }
    }

    private void Changed(string field, Action assign)
    {
        assign();
        errors.ClearField(field);
    }

    private void Cancel() => Dialog.Cancel();

    private async Task SubmitAsync()
    {
        errors.Clear();
        await form!.ValidateAsync();
        if (!form.IsValid)
        {
            return;
        }

        saving = true;
        try
        {
            var user = (await AuthenticationState).User;
            var input = new ModelInput(key?.Trim(), displayName, description, owner, businessUnit, useCase, riskTier, SplitTags(tags));
            var saved = Existing is null
                ? await Models.CreateModelAsync(user, input)
                : await Models.UpdateModelAsync(user, Existing.Key, input);
            Dialog.Close(DialogResult.Ok(saved));
        }
        catch (Exception ex) when (errors.Capture(ex, Fields))
        {
        }
        finally
        {
            saving = false;
        }
    }

    internal static IReadOnlyList<string> SplitTags(string? text) =>
        [.. (text ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
