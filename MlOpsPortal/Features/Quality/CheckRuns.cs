using System.Security.Claims;
using Hangfire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Quality;

public sealed record CheckRunView(
    int Id, string Model, int Version, CheckRunState State, int Progress, int? ReportId, IReadOnlyList<CheckKind> Checks,
    CheckRunTrigger Trigger, string RequestedBy, DateTime RequestedAtUtc, DateTime? FinishedAtUtc, string? Error);

/// <summary>
/// Check runs asked for by people, the API, schedules and demo history: recorded with their audit event, then queued
/// for <see cref="RunQualityChecksJob"/>, which claims and executes them; and followed while they run.
/// </summary>
public sealed class CheckRuns(
    IDbContextFactory<PortalDbContext> dbFactory,
    IAuthorizationService authorization,
    IBackgroundJobClient jobs,
    RegistryKeys keys,
    TimeProvider clock)
{
    /// <summary>Queues a run of the given checks (the model's suite when none are named) on a version (the latest when none).</summary>
    public async Task<CheckRunView> RequestRunAsync(
        ClaimsPrincipal user, string modelKey, int? version, IReadOnlyList<string>? checks, CheckRunTrigger trigger, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.RunQualityChecks);
        var kinds = new List<CheckKind>();
        foreach (var name in checks ?? [])
        {
            kinds.Add(CheckKinds.Parse(name)
                ?? throw PortalValidationException.For("checks", $"'{name}' is not a check; the checks are {CheckKinds.AllApiNames}."));
        }

        var modelVersion = await keys.RequireVersionAsync(modelKey, version, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (kinds.Count == 0)
        {
            var suite = await db.CheckSuites.AsNoTracking().SingleOrDefaultAsync(s => s.ModelId == modelVersion.ModelId, cancellationToken);
            kinds = suite?.Checks ?? [.. CheckKinds.All];
        }

        var run = await AddRunAsync(db, AuditActor.From(user), modelKey, modelVersion, kinds, trigger, clock.GetUtcNow().UtcDateTime, cancellationToken);
        // Enqueued after commit: the job finds the run in the database, and a lost job store loses nothing (see ResumeRunsAsync).
        jobs.Enqueue<RunQualityChecksJob>(job => job.RunAsync(run.Id, CancellationToken.None));
        return ToView(run, modelKey, modelVersion.Number);
    }

    /// <summary>A run recorded as requested at a past time and not queued: demo history executes it itself.</summary>
    internal async Task<int> AddHistoricalRunAsync(string modelKey, DateTime requestedAtUtc, CancellationToken cancellationToken)
    {
        var version = await keys.RequireVersionAsync(modelKey, null, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await AddRunAsync(db, AuditActor.System, modelKey, version, [.. CheckKinds.All], CheckRunTrigger.Schedule, requestedAtUtc, cancellationToken);
        return run.Id;
    }

    private static async Task<CheckRun> AddRunAsync(
        PortalDbContext db, AuditActor actor, string modelKey, VersionRef version, List<CheckKind> kinds, CheckRunTrigger trigger, DateTime requestedAtUtc,
        CancellationToken cancellationToken)
    {
        var run = new CheckRun
        {
            ModelId = version.ModelId,
            ModelVersionId = version.VersionId,
            Checks = [.. kinds.Distinct().Order()],
            State = CheckRunState.Queued,
            Trigger = trigger,
            RequestedBy = actor.Name,
            RequestedAtUtc = requestedAtUtc,
        };
        return await db.InTransactionAsync(async transaction =>
        {
            run.Id = 0;
            db.CheckRuns.Add(run);
            await db.SaveChangesAsync(cancellationToken);
            db.AddAuditEvent(actor, "quality-run.requested", nameof(CheckRun), run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                new { model = modelKey, version = version.Number, checks = run.Checks.Select(c => c.ApiName()), trigger = run.Trigger });
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return run;
        }, cancellationToken);
    }

    public async Task<CheckRunView?> GetRunAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = await db.CheckRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (run is null)
        {
            return null;
        }

        var version = (await keys.VersionsAsync([run.ModelVersionId], cancellationToken))[run.ModelVersionId];
        return ToView(run, version.ModelKey, version.Number);
    }

    /// <summary>
    /// Runs requested but unfinished when the process stopped are queued again. With the in-memory job store the
    /// jobs are gone after a restart; with SQL Server storage a duplicate finds the run already claimed or done.
    /// </summary>
    public async Task<int> ResumeRunsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var unfinished = await db.CheckRuns.Where(r => r.State == CheckRunState.Queued || r.State == CheckRunState.Running)
            .Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in unfinished)
        {
            jobs.Enqueue<RunQualityChecksJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        return unfinished.Count;
    }

    /// <summary>
    /// The scheduled run of a model's suite for this minute. A schedule that fires twice (two instances, a retry)
    /// finds the run by its key and does nothing more.
    /// </summary>
    internal async Task<int?> CreateScheduledRunAsync(string modelKey, CancellationToken cancellationToken)
    {
        var latest = await keys.VersionAsync(modelKey, null, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var suite = latest is null ? null : await db.CheckSuites.AsNoTracking().SingleOrDefaultAsync(s => s.ModelId == latest.ModelId, cancellationToken);
        if (latest is null || suite is null || !suite.Enabled)
        {
            return null; // no such model, no version yet, or no suite that runs on schedule
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var dedup = $"schedule:{suite.Id}:{now:yyyyMMddHHmm}";
        var existing = await db.CheckRuns.Where(r => r.DedupKey == dedup).Select(r => (int?)r.Id).SingleOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            return existing;
        }

        var run = new CheckRun
        {
            ModelId = latest.ModelId,
            ModelVersionId = latest.VersionId,
            Checks = suite.Checks,
            State = CheckRunState.Queued,
            Trigger = CheckRunTrigger.Schedule,
            DedupKey = dedup,
            RequestedBy = AuditActor.System.Name,
            RequestedAtUtc = now,
        };
        db.CheckRuns.Add(run);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex, "CheckRuns", "DedupKey"))
        {
            return null;
        }

        return run.Id;
    }

    private static CheckRunView ToView(CheckRun run, string modelKey, int version) =>
        new(run.Id, modelKey, version, run.State, run.Progress, run.ReportId, run.Checks, run.Trigger, run.RequestedBy, run.RequestedAtUtc,
            run.FinishedAtUtc, run.Error);
}
