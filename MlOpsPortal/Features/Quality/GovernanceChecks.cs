using MlOpsPortal.Features.Models;

namespace MlOpsPortal.Features.Quality;

/// <summary>Checks of what the registry holds about a version: its card, its keys, its CI evidence.</summary>
public static class GovernanceChecks
{
    public static CheckOutcome Documentation(VersionDetails version, CheckSuiteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(settings);
        var ok = version.DocumentationPercent >= settings.MinDocumentationPercent;
        var missing = version.MissingSections.Count == 0 ? "nothing missing" : "missing " + string.Join(", ", version.MissingSections.Select(ModelCard.Title));
        return CheckOutcome.Of(CheckKind.Documentation,
            $"The model card of v{version.Version} is {version.DocumentationPercent} % complete (at least {settings.MinDocumentationPercent} % required).",
            [new("completeness", ok ? QualityStatus.Pass : QualityStatus.Fail, $"{version.DocumentationPercent} % complete; {missing}.",
                version.DocumentationPercent, settings.MinDocumentationPercent)]);
    }

    public static CheckOutcome Naming(ModelSummary model, VersionDetails version, IReadOnlyList<FlaggedKey> flagged)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(flagged);
        var findings = new List<CheckFinding>();
        var modelRule = flagged.FirstOrDefault(f => f.Kind == "model" && f.Key == model.Key);
        findings.Add(modelRule is null
            ? new("model:" + model.Key, QualityStatus.Pass, $"The model key '{model.Key}' follows the naming rule.")
            : new("model:" + model.Key, QualityStatus.Fail, $"The model key '{model.Key}' does not match the rule {modelRule.Rule}."));
        foreach (var dataset in version.Datasets.Select(d => d.Dataset).Distinct())
        {
            var rule = flagged.FirstOrDefault(f => f.Kind == "dataset" && f.Key == dataset);
            findings.Add(rule is null
                ? new("dataset:" + dataset, QualityStatus.Pass, $"The dataset key '{dataset}' follows the naming rule.")
                : new("dataset:" + dataset, QualityStatus.Fail, $"The dataset key '{dataset}' does not match the rule {rule.Rule}."));
        }

        var broken = findings.Count(f => f.Status == QualityStatus.Fail);
        return CheckOutcome.Of(CheckKind.NamingRules,
            broken == 0 ? $"All {findings.Count} keys follow the naming rules." : $"{broken} of {findings.Count} keys break the naming rules.", findings);
    }

    public static CheckOutcome CodeQuality(VersionDetails version, CheckSuiteSettings settings)
    {
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(settings);
        if (version.LatestCiEvidence is not { } ci)
        {
            return CheckOutcome.CannotEvaluate(CheckKind.CodeQuality,
                $"no CI evidence has been recorded for v{version.Version} (POST /api/v1/models/{{key}}/versions/{version.Version}/ci-evidence).");
        }

        CheckFinding AtMost(string name, string what, double value, double limit) =>
            new(name, value > limit ? QualityStatus.Fail : QualityStatus.Pass, $"{value:0.##} {what} (at most {limit:0.##} allowed).", value, limit);

        var findings = new List<CheckFinding>
        {
            AtMost("failed_tests", "failed tests", ci.TestsFailed, settings.MaxFailedTests),
            new("coverage", ci.CoveragePercent < settings.MinCoveragePercent ? QualityStatus.Fail : QualityStatus.Pass,
                $"{ci.CoveragePercent:0.#} % test coverage (at least {settings.MinCoveragePercent:0.#} % required).", ci.CoveragePercent, settings.MinCoveragePercent),
            new("lint", ci.LintWarnings > settings.MaxLintWarnings ? QualityStatus.Warn : QualityStatus.Pass,
                $"{ci.LintWarnings} lint warnings (at most {settings.MaxLintWarnings} expected).", ci.LintWarnings, settings.MaxLintWarnings),
            AtMost("vulnerabilities_critical", "critical vulnerabilities", ci.Vulnerabilities.Critical, settings.MaxCriticalVulnerabilities),
            AtMost("vulnerabilities_high", "high vulnerabilities", ci.Vulnerabilities.High, settings.MaxHighVulnerabilities),
        };
        var problems = findings.Count(f => f.Status != QualityStatus.Pass);
        return CheckOutcome.Of(CheckKind.CodeQuality,
            problems == 0 ? $"CI evidence of {ci.RecordedAtUtc:yyyy-MM-dd} is within every threshold." : $"CI evidence of {ci.RecordedAtUtc:yyyy-MM-dd}: {problems} threshold{(problems == 1 ? "" : "s")} not met.",
            findings);
    }
}
