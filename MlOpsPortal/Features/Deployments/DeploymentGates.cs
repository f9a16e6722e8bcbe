using System.Collections.Frozen;
using System.Globalization;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Quality;

namespace MlOpsPortal.Features.Deployments;

/// <summary>The evidence an environment's policy asks for before a version may be deployed there, checked at each request and decision.</summary>
public sealed class DeploymentGates(ModelsService models, RegistryRules rules, QualityReports quality, AlertsService alerts, TimeProvider clock)
{
    public const string QualityGateName = "quality";
    public const string DocumentationGateName = "documentation";
    public const string NamingGateName = "naming";
    public const string CiGateName = "ciEvidence";
    public const string AlertsGateName = "noCriticalAlert";

    /// <summary>Every gate, in the order they are evaluated and listed.</summary>
    internal static readonly FrozenSet<GateName> All = [GateName.Quality, GateName.Documentation, GateName.Naming, GateName.CiEvidence, GateName.Alerts];

    /// <summary>
    /// The gates that judge what was recorded (quality reports, the card, the registry's keys and rules, CI evidence):
    /// every change to it is audited. Alerts fire and resolve as points arrive, unaudited, and their gate comes last.
    /// </summary>
    internal static readonly FrozenSet<GateName> Recorded = [GateName.Quality, GateName.Documentation, GateName.Naming, GateName.CiEvidence];

    internal static readonly FrozenSet<GateName> Live = [GateName.Alerts];

    /// <summary>
    /// Every gate the environment's policy switches on, each passed or failed with its reason. A gate that cannot be
    /// evaluated (its data cannot be read) fails and says why: nothing reaches production on missing evidence.
    /// </summary>
    internal async Task<IReadOnlyList<GateResult>> EvaluateAsync(
        string modelKey, int number, int modelVersionId, string environmentKey, EnvironmentPolicy policy, CancellationToken cancellationToken) =>
        (await EvaluateAsync([new GatedVersion(modelKey, number, modelVersionId, environmentKey, policy)], All, cancellationToken))[0];

    /// <summary>
    /// The gates of many requests (the approvals inbox) in the order given, with each kind of evidence read once for all
    /// of them rather than once per request; the one-request form is this with one. Only the gates in <paramref name="which"/>
    /// are evaluated, and only their evidence is read.
    /// </summary>
    internal async Task<IReadOnlyList<IReadOnlyList<GateResult>>> EvaluateAsync(
        IReadOnlyList<GatedVersion> subjects, IReadOnlySet<GateName> which, CancellationToken cancellationToken)
    {
        // Each read is started by the first gate that needs it, so a read that fails fails those gates with its reason.
        var versionIds = subjects.Select(s => s.ModelVersionId).ToList();
        var versions = new Lazy<Task<IReadOnlyDictionary<int, VersionDetails>>>(() => models.VersionDetailsAsync(versionIds, cancellationToken));
        var evidence = new GateEvidence(
            versions,
            new(() => quality.LatestReportsForVersionsAsync(versionIds, cancellationToken)),
            // Only the keys these versions carry: their models' and their datasets'.
            new(async () => await rules.FlaggedAmongAsync(subjects.Select(s => s.ModelKey),
                (await versions.Value).Values.SelectMany(v => v.Datasets.Select(d => d.Dataset)), cancellationToken)),
            new(() => alerts.FiringCriticalAlertsAsync([.. subjects.Select(s => (s.ModelKey, s.EnvironmentKey)).Distinct()], cancellationToken)));
        var all = new List<IReadOnlyList<GateResult>>(subjects.Count);
        foreach (var subject in subjects)
        {
            all.Add(await EvaluateAsync(subject, which, evidence));
        }

        return all;
    }

    private async Task<IReadOnlyList<GateResult>> EvaluateAsync(GatedVersion subject, IReadOnlySet<GateName> which, GateEvidence evidence)
    {
        var (modelKey, number, modelVersionId, environmentKey, policy) = subject;
        var results = new List<GateResult>();
        var now = clock.GetUtcNow().UtcDateTime;
        async Task<VersionDetails?> VersionAsync() => (await evidence.Versions.Value).GetValueOrDefault(modelVersionId);

        async Task Gate(GateName gate, string name, Func<Task<(bool Passed, string Reason)>> evaluate)
        {
            var mode = policy.ModeOf(gate);
            if (mode == GateMode.Off || !which.Contains(gate))
            {
                return;
            }

            (bool Passed, string Reason) verdict;
            try
            {
                verdict = await evaluate();
            }
#pragma warning disable CA1031 // A gate that cannot be evaluated fails with the reason; it must never pass silently or break the request.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                verdict = (false, $"Could not be evaluated: {FirstLine(ex.Message)}");
            }

            results.Add(new GateResult(name, verdict.Passed, mode == GateMode.Blocking, verdict.Reason));
        }

        await Gate(GateName.Quality, QualityGateName, async () =>
        {
            var report = (await evidence.Reports.Value).GetValueOrDefault(modelVersionId);
            if (report is null)
            {
                return (false, $"No quality report exists for v{number}; run the version's checks first.");
            }

            var age = now - report.CreatedAtUtc;
            var when = report.CreatedAtUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            if (report.Status != QualityStatus.Pass)
            {
                return (false, $"The latest quality report (#{report.Id}, {when} UTC) is {report.Status}, not Pass.");
            }

            return age > TimeSpan.FromDays(policy.QualityMaxAgeDays)
                ? (false, $"The latest passing quality report (#{report.Id}) is from {when} UTC, older than {policy.QualityMaxAgeDays} days.")
                : (true, $"Quality report #{report.Id} passed on {when} UTC (within {policy.QualityMaxAgeDays} days).");
        });

        await Gate(GateName.Documentation, DocumentationGateName, async () =>
        {
            var version = await VersionAsync();
            return version is null
                ? (false, $"Version {number} could not be read.")
                : version.DocumentationPercent >= policy.DocumentationThreshold
                    ? (true, $"Documentation {version.DocumentationPercent} % complete (at least {policy.DocumentationThreshold} % required).")
                    : (false, $"Documentation {version.DocumentationPercent} % complete, below {policy.DocumentationThreshold} %; missing {string.Join(", ", version.MissingSections.Select(ModelCard.Title))}.");
        });

        await Gate(GateName.Naming, NamingGateName, async () =>
        {
            var everyFlagged = await evidence.Flagged.Value;
            var datasets = (await VersionAsync())?.Datasets.Select(d => d.Dataset).ToHashSet(StringComparer.Ordinal) ?? [];
            var broken = everyFlagged.Where(f => (f.Kind == "model" && f.Key == modelKey) || (f.Kind == "dataset" && datasets.Contains(f.Key))).ToList();
            return broken.Count == 0
                ? (true, "The model key and its datasets' keys follow the naming rules.")
                : (false, string.Join(" ", broken.Select(b => $"The {b.Kind} key '{b.Key}' does not follow {b.Rule}.")));
        });

        await Gate(GateName.CiEvidence, CiGateName, async () =>
        {
            var ci = (await VersionAsync())?.LatestCiEvidence;
            if (ci is null)
            {
                return (false, $"No CI evidence is recorded for v{number}.");
            }

            var problems = new List<string>();
            if (ci.TestsFailed > policy.CiMaxFailedTests)
            {
                problems.Add($"{ci.TestsFailed} failed tests (at most {policy.CiMaxFailedTests})");
            }

            if (ci.CoveragePercent < policy.CiMinCoveragePercent)
            {
                problems.Add($"coverage {ci.CoveragePercent:0.#} % (at least {policy.CiMinCoveragePercent:0.#} %)");
            }

            if (ci.Vulnerabilities.Critical > policy.CiMaxCriticalVulnerabilities)
            {
                problems.Add($"{ci.Vulnerabilities.Critical} critical vulnerabilities (at most {policy.CiMaxCriticalVulnerabilities})");
            }

            if (ci.Vulnerabilities.High > policy.CiMaxHighVulnerabilities)
            {
                problems.Add($"{ci.Vulnerabilities.High} high vulnerabilities (at most {policy.CiMaxHighVulnerabilities})");
            }

            return problems.Count == 0
                ? (true, $"CI: {ci.TestsPassed} tests passed, {ci.TestsFailed} failed, coverage {ci.CoveragePercent:0.#} %, vulnerabilities within limits.")
                : (false, "CI evidence over its thresholds: " + string.Join("; ", problems) + ".");
        });

        await Gate(GateName.Alerts, AlertsGateName, async () =>
        {
            var firing = (await evidence.Alerts.Value).GetValueOrDefault((modelKey, environmentKey)) ?? [];
            return firing.Count == 0
                ? (true, $"No critical alert is firing for {modelKey} in {environmentKey}.")
                : (false, $"{firing.Count} critical alert(s) firing in {environmentKey}: {firing[0].Message}");
        });

        return results;
    }

    /// <summary>An exception's message can run to pages (a whole LINQ tree); the gate shows its first line.</summary>
    private static string FirstLine(string message)
    {
        var line = message.Split('\n', 2)[0].Trim();
        return line.Length <= 300 ? line : line[..300] + "…";
    }
}

/// <summary>What a request's gates are evaluated for: this version of this model in this environment, under its policy.</summary>
internal sealed record GatedVersion(string ModelKey, int Number, int ModelVersionId, string EnvironmentKey, EnvironmentPolicy Policy);

/// <summary>The evidence gates read, each read once for every request evaluated together.</summary>
internal sealed record GateEvidence(
    Lazy<Task<IReadOnlyDictionary<int, VersionDetails>>> Versions,
    Lazy<Task<IReadOnlyDictionary<int, QualityReportSummary>>> Reports,
    Lazy<Task<IReadOnlyList<FlaggedKey>>> Flagged,
    Lazy<Task<IReadOnlyDictionary<(string Model, string Environment), IReadOnlyList<AlertView>>>> Alerts);
