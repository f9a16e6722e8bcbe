namespace MlOpsPortal.Features.Models;

/// <summary>One editable name/value row of the version form; a metric uses <see cref="Number"/>, a hyperparameter <see cref="Value"/>.</summary>
public sealed class KeyValueRow
{
    public string? Name { get; set; }
    public string? Value { get; set; }
    public double? Number { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Value) && Number is null;
}

/// <summary>One dataset row of the version form, with the labels of the chosen dataset to pick from.</summary>
public sealed class DatasetRow
{
    public string? Dataset { get; set; }
    public string? Version { get; set; }
    public DatasetRole Role { get; set; } = DatasetRole.Training;
    public IReadOnlyList<string> Labels { get; set; } = [];
}

/// <summary>The form's editable copy of a version request; records are immutable, text fields bind to this.</summary>
public sealed class VersionFormInput
{
    public string? Framework { get; set; }
    public string? ArtifactUri { get; set; }
    public string? ArtifactSha256 { get; set; }
    public string? SourceRepository { get; set; }
    public string? SourceCommit { get; set; }
    public string? PipelineRunUrl { get; set; }
}
