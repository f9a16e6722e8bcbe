using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace MlOpsPortal.Features.Models;

/// <summary>One compared name; <see cref="Difference"/> is right minus left for metrics.</summary>
public sealed record CompareRow(string Name, string? Left, string? Right, string? Difference = null)
{
    public bool Differs => !string.Equals(Left, Right, StringComparison.Ordinal);
}

public sealed partial class CompareVersionsPage
{
    private ModelDetails? model;
    private VersionDetails? left;
    private VersionDetails? right;
    private List<BreadcrumbItem> breadcrumbs = [];
    private bool loading = true;

    [Parameter]
    public string Key { get; set; } = string.Empty;

    [SupplyParameterFromQuery(Name = "a")]
    public int? A { get; set; }

    [SupplyParameterFromQuery(Name = "b")]
    public int? B { get; set; }

    [Inject]
    private ModelsService Models { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    private IReadOnlyList<CompareRow> Facts =>
    [
        new("Framework", left!.Framework, right!.Framework),
        new("Artifact SHA-256", left.ArtifactSha256, right.ArtifactSha256),
        new("Source commit", Blank(left.SourceCommit), Blank(right.SourceCommit)),
        new("Registered by", left.CreatedBy, right.CreatedBy),
        new("Documentation", $"{left.DocumentationPercent}%", $"{right.DocumentationPercent}%"),
    ];

    private IReadOnlyList<CompareRow> Hyperparameters =>
        [.. Names(left!.Hyperparameters.Keys, right!.Hyperparameters.Keys)
            .Select(n => new CompareRow(n, left.Hyperparameters.GetValueOrDefault(n), right.Hyperparameters.GetValueOrDefault(n)))];

    private IReadOnlyList<CompareRow> Metrics =>
        [.. Names(left!.TrainingMetrics.Keys, right!.TrainingMetrics.Keys).Select(n => MetricRow(n, left.TrainingMetrics, right.TrainingMetrics))];

    private IReadOnlyList<CompareRow> Datasets
    {
        get
        {
            static string Role(LinkedDataset d) => RegistryLinks.RoleText(d.Role);
            var roles = Names(left!.Datasets.Select(Role), right!.Datasets.Select(Role));
            return [.. roles.Select(r => new CompareRow(r, DatasetsFor(left, r), DatasetsFor(right, r)))];
        }
    }

    private IReadOnlyList<CompareRow> Card =>
        [.. Enum.GetValues<CardSection>().Select(s => new CompareRow(ModelCard.Title(s), Blank(left!.ModelCard[s]), Blank(right!.ModelCard[s])))];

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        model = await Models.GetModelAsync(Key);
        left = model?.Versions.FirstOrDefault(v => v.Version == A);
        right = model?.Versions.FirstOrDefault(v => v.Version == B);
        breadcrumbs = [new("Models", RegistryLinks.Models), new(Key, RegistryLinks.Model(Key)), new("Compare", null, disabled: true)];
        loading = false;
    }

    private void Go(int? a, int? b) => Navigation.NavigateTo(RegistryLinks.Compare(Key, a, b));

    private static string Label(VersionDetails v) => $"v{v.Version}";

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static List<string> Names(IEnumerable<string> a, IEnumerable<string> b) => [.. a.Union(b).Order(StringComparer.Ordinal)];

    private static string? DatasetsFor(VersionDetails v, string role)
    {
        var names = v.Datasets.Where(d => RegistryLinks.RoleText(d.Role) == role).Select(d => $"{d.Dataset} @ {d.Version}").Order(StringComparer.Ordinal).ToList();
        return names.Count == 0 ? null : string.Join("\n", names);
    }

    internal static CompareRow MetricRow(string name, IReadOnlyDictionary<string, double> a, IReadOnlyDictionary<string, double> b)
    {
        double? x = a.TryGetValue(name, out var av) ? av : null;
        double? y = b.TryGetValue(name, out var bv) ? bv : null;
        var difference = x is { } l && y is { } r ? (r - l).ToString("+0.######;-0.######;0", CultureInfo.CurrentCulture) : null;
        return new CompareRow(name, x?.ToString("G6", CultureInfo.CurrentCulture), y?.ToString("G6", CultureInfo.CurrentCulture), difference);
    }
}
