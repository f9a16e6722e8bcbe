using MlOpsPortal.Infrastructure.Api;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// What the registry accepts from pages and pipelines, one check per input. Each collects every problem at once so a
/// caller can fix them all; the services throw what is collected before they write anything.
/// </summary>
internal static class RegistryValidation
{
    private const int CardSectionMaxLength = 8000;

    /// <summary>Keys that would collide with the registry's own pages under /models/.</summary>
    private static readonly HashSet<string> ReservedModelKeys = new(StringComparer.OrdinalIgnoreCase) { "settings", "new" };

    public static FieldErrors CheckNewModel(ModelInput input, string keyPattern)
    {
        var errors = CheckModel(input);
        CheckKey(errors, "model", input.Key, keyPattern);
        if (ReservedModelKeys.Contains(input.Key ?? string.Empty))
        {
            errors.Add("key", $"'{input.Key}' names a portal page (/models/{input.Key}); choose another key.");
        }

        return errors;
    }

    /// <summary>Everything about a model but its key, which never changes once registered.</summary>
    public static FieldErrors CheckModel(ModelInput input)
    {
        var errors = new FieldErrors();
        errors.Required("displayName", input.DisplayName, "Display name");
        errors.MaxLength("displayName", input.DisplayName, 200, "Display name");
        errors.MaxLength("description", input.Description, 4000, "Description");
        errors.Required("owner", input.Owner, "Owner");
        errors.MaxLength("owner", input.Owner, 200, "Owner");
        errors.Required("businessUnit", input.BusinessUnit, "Business unit");
        errors.MaxLength("businessUnit", input.BusinessUnit, 100, "Business unit");
        errors.MaxLength("useCase", input.UseCase, 1000, "Use case");
        if (input.RiskTier is null)
        {
            errors.Add("riskTier", "Risk tier is required: Low, Medium, High or Critical.");
        }

        if (input.Tags?.Count > 20)
        {
            errors.Add("tags", $"At most 20 tags; there are {input.Tags.Count}.");
        }

        foreach (var tag in input.Tags ?? [])
        {
            if (string.IsNullOrWhiteSpace(tag) || tag.Length > 50)
            {
                errors.Add("tags", $"Tag '{tag}' must be 1 to 50 characters.");
            }
        }

        return errors;
    }

    /// <summary>The facts a pipeline records about a version; its dataset references are checked where they are resolved.</summary>
    public static FieldErrors CheckVersion(VersionInput input)
    {
        var errors = new FieldErrors();
        errors.Required("framework", input.Framework, "Framework");
        errors.MaxLength("framework", input.Framework, 100, "Framework");
        errors.Required("artifactUri", input.ArtifactUri, "Artifact URI");
        errors.AbsoluteUri("artifactUri", input.ArtifactUri, "Artifact URI");
        errors.MaxLength("artifactUri", input.ArtifactUri, 2000, "Artifact URI");
        errors.Required("artifactSha256", input.ArtifactSha256, "Artifact SHA-256");
        errors.Sha256("artifactSha256", input.ArtifactSha256, "Artifact SHA-256");
        errors.AbsoluteUri("pipelineRunUrl", input.PipelineRunUrl, "Pipeline run URL", FieldErrors.WebSchemes);
        errors.MaxLength("pipelineRunUrl", input.PipelineRunUrl, 2000, "Pipeline run URL");
        errors.AbsoluteUri("sourceRepository", input.SourceRepository, "Source repository", FieldErrors.WebSchemes);
        errors.MaxLength("sourceRepository", input.SourceRepository, 2000, "Source repository");
        errors.MaxLength("sourceCommit", input.SourceCommit, 64, "Source commit");
        errors.Identifier("sourceCommit", input.SourceCommit, "Source commit");
        foreach (var (name, value) in input.Hyperparameters ?? new Dictionary<string, string>())
        {
            if (name.Length > 200 || value?.Length > 2000)
            {
                errors.Add("hyperparameters", $"Hyperparameter '{name[..Math.Min(name.Length, 50)]}' is too long (names up to 200, values up to 2,000 characters).");
            }
        }
        foreach (var (name, value) in input.TrainingMetrics ?? new Dictionary<string, double>())
        {
            if (!double.IsFinite(value))
            {
                errors.Add("trainingMetrics", $"Training metric '{name}' must be a finite number.");
            }
        }

        return errors;
    }

    public static FieldErrors CheckCiEvidence(CiEvidenceInput input)
    {
        var errors = new FieldErrors();
        NonNegative(errors, "testsPassed", input.TestsPassed, "Tests passed");
        NonNegative(errors, "testsFailed", input.TestsFailed, "Tests failed");
        NonNegative(errors, "lintWarnings", input.LintWarnings, "Lint warnings");
        if (input.CoveragePercent is not { } coverage || coverage is < 0 or > 100 || !double.IsFinite(coverage))
        {
            errors.Add("coveragePercent", "Coverage percent is required, between 0 and 100.");
        }

        var v = input.Vulnerabilities;
        if (v is null)
        {
            errors.Add("vulnerabilities", "Vulnerabilities {critical, high, medium, low} are required (use zeros when none were found).");
        }
        else
        {
            foreach (var (field, count) in new[] { ("critical", v.Critical), ("high", v.High), ("medium", v.Medium), ("low", v.Low) })
            {
                if (count is not >= 0)
                {
                    errors.Add($"vulnerabilities.{field}", $"vulnerabilities.{field} is required and cannot be negative (use 0 when none were found).");
                }
            }
        }

        errors.AbsoluteUri("pipelineRunUrl", input.PipelineRunUrl, "Pipeline run URL", FieldErrors.WebSchemes);
        errors.MaxLength("pipelineRunUrl", input.PipelineRunUrl, 2000, "Pipeline run URL");
        return errors;
    }

    public static FieldErrors CheckCard(ModelCard card)
    {
        var errors = new FieldErrors();
        foreach (var section in Enum.GetValues<CardSection>())
        {
            var field = char.ToLowerInvariant(section.ToString()[0]) + section.ToString()[1..];
            errors.MaxLength(field, card[section], CardSectionMaxLength, ModelCard.Title(section));
        }

        return errors;
    }

    public static FieldErrors CheckNewDataset(DatasetInput input, string keyPattern)
    {
        var errors = new FieldErrors();
        CheckKey(errors, "dataset", input.Key, keyPattern);
        errors.MaxLength("description", input.Description, 4000, "Description");
        errors.Required("owner", input.Owner, "Owner");
        errors.MaxLength("owner", input.Owner, 200, "Owner");
        return errors;
    }

    public static FieldErrors CheckDatasetVersion(DatasetVersionInput input)
    {
        var errors = new FieldErrors();
        errors.Required("version", input.Version, "Version");
        errors.Identifier("version", input.Version, "Version");
        errors.MaxLength("version", input.Version, 100, "Version");
        errors.Required("location", input.Location, "Location");
        errors.AbsoluteUri("location", input.Location, "Location");
        errors.MaxLength("location", input.Location, 2000, "Location");
        errors.Required("sha256", input.Sha256, "SHA-256");
        errors.Sha256("sha256", input.Sha256, "SHA-256");
        if (input.RowCount is not >= 0)
        {
            errors.Add("rowCount", "Row count is required and cannot be negative.");
        }

        var schema = input.Schema ?? [];
        for (var i = 0; i < schema.Count; i++)
        {
            if (schema[i] is null || string.IsNullOrWhiteSpace(schema[i].Name) || string.IsNullOrWhiteSpace(schema[i].Type))
            {
                errors.Add($"schema[{i}]", "Each column needs a name and a type.");
            }
            else if (schema[i].Name.Length > 200 || schema[i].Type.Length > 100)
            {
                errors.Add($"schema[{i}]", "Column names are at most 200 characters and types at most 100.");
            }
        }

        foreach (var duplicate in schema.Where(c => c is not null).GroupBy(c => c.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add("schema", $"Column '{duplicate.Key}' appears more than once.");
        }

        return errors;
    }

    public static FieldErrors CheckSettings(RegistrySettingsInput input)
    {
        var errors = new FieldErrors();
        if (NamingRules.ProblemWithPattern(input.ModelKeyPattern) is { } modelProblem)
        {
            errors.Add("modelKeyPattern", modelProblem);
        }

        if (NamingRules.ProblemWithPattern(input.DatasetKeyPattern) is { } datasetProblem)
        {
            errors.Add("datasetKeyPattern", datasetProblem);
        }

        return errors;
    }

    /// <summary>A new model's or dataset's key: an identifier within the length the tables hold, following the admin's naming rule.</summary>
    private static void CheckKey(FieldErrors errors, string what, string? key, string pattern)
    {
        errors.Required("key", key, "Key");
        errors.Identifier("key", key, "Key");
        if (!string.IsNullOrWhiteSpace(key) && !NamingRules.Matches(key, pattern))
        {
            errors.Add("key", NamingRules.Violation(what, key, pattern));
        }

        errors.MaxLength("key", key, Model.KeyMaxLength, "Key");
    }

    private static void NonNegative(FieldErrors errors, string field, int? value, string label)
    {
        if (value is not >= 0)
        {
            errors.Add(field, $"{label} is required and cannot be negative.");
        }
    }
}
