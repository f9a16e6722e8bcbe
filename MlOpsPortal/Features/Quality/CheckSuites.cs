using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Quality;

public sealed record CheckSuiteInput(bool? Enabled, string? Cron, IReadOnlyList<CheckKind>? Checks, CheckSuiteSettings? Settings);

public sealed record CheckSuiteView(
    string Model, bool Configured, bool Enabled, string Cron, string Schedule, IReadOnlyList<CheckKind> Checks, CheckSuiteSettings Settings,
    string? UpdatedBy, DateTime? UpdatedAtUtc);

/// <summary>
/// A model's check suite: which checks run, against which thresholds, and on which schedule. Saving one keeps its
/// recurring job (<see cref="QualitySchedules"/>) in step.
/// </summary>
public sealed class CheckSuites(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    RegistryKeys keys,
    QualitySchedules schedules,
    TimeProvider clock)
{
    /// <summary>The model's suite, or the portal's default one (not yet saved) when nobody configured it.</summary>
    public async Task<CheckSuiteView> GetSuiteAsync(string modelKey, CancellationToken cancellationToken = default)
    {
        var modelId = await ModelIdAsync(modelKey, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var suite = await db.CheckSuites.AsNoTracking().SingleOrDefaultAsync(s => s.ModelId == modelId, cancellationToken);
        return ToView(modelKey, suite);
    }

    public async Task<CheckSuiteView> SaveSuiteAsync(ClaimsPrincipal user, string modelKey, CheckSuiteInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.ContributeModels);
        var errors = Validate(input);
        // The environment the performance check judges in: one the registry has, as the dialog offers.
        if (input.Settings is { } settings && await keys.EnvironmentAsync(settings.Environment ?? string.Empty, cancellationToken) is null)
        {
            errors.Add("settings.environment", await keys.UnknownEnvironmentMessageAsync(settings.Environment, cancellationToken));
        }

        errors.ThrowIfAny();
        var modelId = await ModelIdAsync(modelKey, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var suite = await db.CheckSuites.SingleOrDefaultAsync(s => s.ModelId == modelId, cancellationToken);
        var before = suite is null ? null : ToView(modelKey, suite);
        var actor = AuditActor.From(user);
        if (suite is null)
        {
            suite = new CheckSuite { ModelId = modelId, UpdatedBy = actor.Name };
            db.CheckSuites.Add(suite);
        }

        suite.Enabled = input.Enabled ?? true;
        suite.Cron = input.Cron!.Trim();
        suite.Checks = [.. input.Checks!.Distinct().Order()];
        suite.Settings = input.Settings ?? new CheckSuiteSettings();
        suite.UpdatedBy = actor.Name;
        suite.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        var after = ToView(modelKey, suite, configured: true);
        db.AddAuditEvent(actor, "quality-suite.saved", nameof(CheckSuite), modelKey, new { before, after });
        try
        {
            // Before the save: a schedule the job store refuses is refused as input. A job left behind by a failed
            // save finds the suite unchanged in the database and does only what that suite says.
            schedules.Apply(modelKey, suite);
        }
        catch (ArgumentException ex)
        {
            throw PortalValidationException.For("cron", $"The scheduler cannot read '{suite.Cron}': {ex.Message}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return after;
    }

    /// <summary>Every saved suite, for registering the recurring jobs at start-up.</summary>
    public async Task<IReadOnlyList<(string ModelKey, CheckSuite Suite)>> ListSuitesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var suites = await db.CheckSuites.AsNoTracking().ToListAsync(cancellationToken);
        var modelKeys = await keys.ModelKeysAsync(suites.Select(s => s.ModelId), cancellationToken);
        return [.. suites.Select(s => (modelKeys[s.ModelId], s))];
    }

    private static FieldErrors Validate(CheckSuiteInput input)
    {
        var errors = new FieldErrors();
        if (CronText.Problem(input.Cron) is { } cronProblem)
        {
            errors.Add("cron", cronProblem);
        }

        if (input.Checks is null || input.Checks.Count == 0)
        {
            errors.Add("checks", $"Choose at least one check: {CheckKinds.AllApiNames}.");
        }

        var s = input.Settings ?? new CheckSuiteSettings();
        if (s.DatasetDriftShare is <= 0 or > 1)
        {
            errors.Add("settings.datasetDriftShare", "The share of drifted features that makes the dataset drift is between 0 (exclusive) and 1, e.g. 0.5.");
        }

        if (s.MaxMissingShare is < 0 or > 1 || s.MaxDuplicateShare is < 0 or > 1)
        {
            errors.Add("settings", "Shares of missing values and duplicates are between 0 and 1, e.g. 0.05 for 5 %.");
        }

        if (s.ExpectedMinRows < 0 || s.ExpectedMaxRows < 0 || (s.ExpectedMinRows is { } min && s.ExpectedMaxRows is { } max && min > max))
        {
            errors.Add("settings.expectedMinRows", "Expected rows: the minimum cannot be negative or above the maximum.");
        }

        if (s.MaxSampleAgeHours <= 0)
        {
            errors.Add("settings.maxSampleAgeHours", "The maximum age of the current sample is at least 1 hour.");
        }

        if (s.MinDocumentationPercent is < 0 or > 100 || s.MinCoveragePercent is < 0 or > 100)
        {
            errors.Add("settings", "Percentages (documentation, coverage) are between 0 and 100.");
        }

        if (s.MaxFailedTests < 0 || s.MaxLintWarnings < 0 || s.MaxCriticalVulnerabilities < 0 || s.MaxHighVulnerabilities < 0)
        {
            errors.Add("settings", "Allowed counts (failed tests, lint warnings, vulnerabilities) cannot be negative.");
        }

        foreach (var (name, feature) in s.Features)
        {
            if (feature.Min is { } fmin && feature.Max is { } fmax && fmin > fmax)
            {
                errors.Add($"settings.features.{name}", $"Feature '{name}': the minimum {fmin} is above the maximum {fmax}.");
            }

            if (feature.DriftThreshold is < 0)
            {
                errors.Add($"settings.features.{name}", $"Feature '{name}': a drift threshold cannot be negative.");
            }
        }

        return errors;
    }

    private async Task<int> ModelIdAsync(string modelKey, CancellationToken cancellationToken) =>
        await keys.ModelIdAsync(modelKey, cancellationToken)
            ?? throw new PortalNotFoundException($"There is no model with the key '{modelKey}'.");

    private static CheckSuiteView ToView(string modelKey, CheckSuite? suite, bool? configured = null)
    {
        configured ??= suite is not null;
        suite ??= new CheckSuite { UpdatedBy = string.Empty };
        return new CheckSuiteView(modelKey, configured.Value, suite.Enabled, suite.Cron, CronText.Describe(suite.Cron), suite.Checks, suite.Settings,
            configured.Value ? suite.UpdatedBy : null, configured.Value ? suite.UpdatedAtUtc : null);
    }
}
