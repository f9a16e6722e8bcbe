using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MudBlazor;

namespace MlOpsPortal.Features.Models;

public sealed partial class RegisterVersionPage
{
    private static readonly string[] FixedFields =
    [
        nameof(VersionInput.Framework), nameof(VersionInput.ArtifactUri), nameof(VersionInput.ArtifactSha256), nameof(VersionInput.SourceRepository),
        nameof(VersionInput.SourceCommit), nameof(VersionInput.PipelineRunUrl), nameof(VersionInput.Hyperparameters), nameof(VersionInput.TrainingMetrics),
    ];

    private readonly ServerErrors errors = new();
    private readonly VersionFormInput input = new();
    private readonly List<DatasetRow> datasets = [];
    private readonly List<KeyValueRow> hyperparameters = [];
    private readonly List<KeyValueRow> metrics = [];
    private readonly Dictionary<CardSection, string?> card = Enum.GetValues<CardSection>().ToDictionary(s => s, _ => (string?)null);
    private MudForm? form;
    private ModelSummary? model;
    private RegistrySettings? settings;
    private List<BreadcrumbItem> breadcrumbs = [];
    private string? localHyperError;
    private string? localMetricError;
    private bool loading = true;
    private bool saving;

    [Parameter]
    public string Key { get; set; } = string.Empty;

    [Inject]
    private ModelsService Models { get; set; } = default!;

    [Inject]
    private Datasets Datasets { get; set; } = default!;

    [Inject]
    private RegistryRules Rules { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        model = (await Models.GetModelAsync(Key))?.Model;
        settings = await Rules.GetSettingsAsync();
        breadcrumbs = [new("Models", RegistryLinks.Models), new(Key, RegistryLinks.Model(Key)), new("New version", null, disabled: true)];
        loading = false;
    }

    private static string DatasetField(int index) => $"datasets[{index}]";

    private string SectionLabel(CardSection section) =>
        ModelCard.Title(section) + (settings?.RequiredCardSections.Contains(section) == true ? " (required)" : string.Empty);

    private void AddDataset() => datasets.Add(new DatasetRow());

    private async Task<IEnumerable<string>> SearchDatasetsAsync(string? text, CancellationToken cancellationToken)
    {
        var page = await Datasets.ListDatasetsAsync(new DatasetQuery { Search = text, PageSize = 20 }, cancellationToken);
        return page.Items.Select(d => d.Key);
    }

    private async Task OnDatasetChosenAsync(DatasetRow row, string? key)
    {
        row.Dataset = key;
        row.Version = null;
        row.Labels = [];
        errors.ClearField(DatasetField(datasets.IndexOf(row)));
        if (!string.IsNullOrWhiteSpace(key) && await Datasets.GetDatasetAsync(key) is { } dataset)
        {
            // Newest first, and chosen for the person: the usual case is the version just registered.
            row.Labels = [.. dataset.Versions.Select(v => v.Version)];
            row.Version = row.Labels.Count > 0 ? row.Labels[0] : null;
        }
    }

    private async Task SubmitAsync()
    {
        errors.Clear();
        await form!.ValidateAsync();
        var hyper = Collect(hyperparameters, numeric: false, out localHyperError);
        var trained = Collect(metrics, numeric: true, out localMetricError);
        if (!form.IsValid || localHyperError is not null || localMetricError is not null)
        {
            return;
        }

        saving = true;
        string[] shown = [.. FixedFields, .. datasets.Select((_, i) => DatasetField(i))];
        try
        {
            var request = new VersionInput(
                input.Framework, input.ArtifactUri, input.ArtifactSha256, input.SourceRepository, input.SourceCommit, input.PipelineRunUrl,
                [.. datasets.Select(d => new DatasetRef(d.Dataset, d.Version, d.Role))],
                hyper.ToDictionary(p => p.Key, p => p.Value.Text!, StringComparer.Ordinal),
                trained.ToDictionary(p => p.Key, p => p.Value.Number!.Value, StringComparer.Ordinal),
                ToCard());
            var saved = await Models.RegisterVersionAsync((await AuthenticationState).User, Key, request);
            Navigation.NavigateTo(RegistryLinks.ModelVersion(Key, saved.Version));
        }
        catch (Exception ex) when (errors.Capture(ex, shown))
        {
        }
        finally
        {
            saving = false;
        }
    }

    /// <summary>Non-blank rows by name; a missing name, missing value or repeated name is reported instead.</summary>
    internal static List<KeyValuePair<string, (string? Text, double? Number)>> Collect(IEnumerable<KeyValueRow> rows, bool numeric, out string? problem)
    {
        problem = null;
        var result = new List<KeyValuePair<string, (string? Text, double? Number)>>();
        foreach (var row in rows.Where(r => !r.IsBlank))
        {
            var name = row.Name?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                problem = "Every row needs a name.";
            }
            else if (numeric ? row.Number is null : string.IsNullOrWhiteSpace(row.Value))
            {
                problem = numeric ? $"'{name}' needs a number." : $"'{name}' needs a value.";
            }
            else if (result.Any(r => r.Key == name))
            {
                problem = $"'{name}' appears more than once.";
            }
            else
            {
                result.Add(new(name, (row.Value?.Trim(), row.Number)));
            }
        }

        return result;
    }

    private ModelCard ToCard() => new()
    {
        IntendedUse = card[CardSection.IntendedUse],
        OutOfScopeUse = card[CardSection.OutOfScopeUse],
        TrainingData = card[CardSection.TrainingData],
        EvaluationData = card[CardSection.EvaluationData],
        Metrics = card[CardSection.Metrics],
        Limitations = card[CardSection.Limitations],
        EthicalConsiderations = card[CardSection.EthicalConsiderations],
        CaveatsAndRecommendations = card[CardSection.CaveatsAndRecommendations],
    };
}
