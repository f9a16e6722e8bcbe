using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Quality;

public sealed record SampleUploaded(int Id, int RowCount, string Sha256, int ColumnCount);

/// <summary>
/// Rows a model version was validated on (reference) or scored in production (current), stored compressed with their
/// hash for the checks to compare. Who may upload depends on the role of the rows.
/// </summary>
public sealed class QualitySamples(
    IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization, RegistryKeys keys, TimeProvider clock)
{
    /// <summary>Samples may be up to 50 MB (DESIGN: quality issue), whether sent to the API or picked in the browser.</summary>
    public const long MaxBytes = 50L * 1024 * 1024;

    /// <summary>What a person is told when a sample is over <see cref="MaxBytes"/>, by the API and the Quality tab alike.</summary>
    public static string TooLargeMessage(long bytes) => string.Create(CultureInfo.InvariantCulture,
        $"A sample may be at most {MaxBytes / (1024 * 1024)} MB; this request is {bytes / (1024.0 * 1024):0.#} MB. Upload a random subset of the rows.");

    /// <summary>
    /// A CSV file (header row first) read whole and stored, or refused with the first problem and nothing stored: the API's
    /// multipart upload and the Quality tab both come here, so both say the same thing.
    /// </summary>
    public async Task<SampleUploaded> UploadCsvAsync(
        ClaimsPrincipal user, string modelKey, int? version, SampleRole? role, Stream csv, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var table = await SampleParser.FromCsvAsync(csv, cancellationToken);
        return await UploadSampleAsync(user, modelKey, version, role, table, cancellationToken);
    }

    public async Task<SampleUploaded> UploadSampleAsync(
        ClaimsPrincipal user, string modelKey, int? version, SampleRole? role, SampleTable table, CancellationToken cancellationToken = default) =>
        await UploadSampleAsync(user, modelKey, version, role, table, null, cancellationToken);

    internal async Task<SampleUploaded> UploadSampleAsync(
        ClaimsPrincipal user, string modelKey, int? version, SampleRole? role, SampleTable table, DateTime? uploadedAtUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(user);
        if (!(await authorization.AuthorizeAsync(user, Policies.RunQualityChecks)).Succeeded)
        {
            await authorization.EnsureAsync(user, Policies.UploadReferenceSamples);
        }

        if (version is null)
        {
            throw Infrastructure.Api.PortalValidationException.For("version", "version is required: the model version the rows were scored by.");
        }

        if (role is null)
        {
            throw Infrastructure.Api.PortalValidationException.For("role", "role is required: \"reference\" (the data the version was validated on) or \"current\" (recent production data).");
        }

        await EnsureMayUploadAsync(user, role.Value);

        var modelVersion = await keys.RequireVersionAsync(modelKey, version, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var json = table.ToCanonicalJson();
        var sample = new DataSample
        {
            ModelId = modelVersion.ModelId,
            ModelVersionId = modelVersion.VersionId,
            Role = role.Value,
            RowCount = table.RowCount,
            ColumnCount = table.Names.Count,
            Sha256 = SampleTable.Sha256Of(json),
            Content = SampleTable.Compress(json),
            UploadedBy = AuditActor.From(user).Name,
            UploadedAtUtc = uploadedAtUtc ?? clock.GetUtcNow().UtcDateTime,
        };
        db.DataSamples.Add(sample);
        db.AddAuditEvent(AuditActor.From(user), "quality-sample.uploaded", nameof(DataSample), $"{modelKey}/{modelVersion.Number}",
            new { role = sample.Role, sample.RowCount, sample.ColumnCount, columns = table.Names, sample.Sha256 });
        await db.SaveChangesAsync(cancellationToken);
        return new SampleUploaded(sample.Id, sample.RowCount, sample.Sha256, sample.ColumnCount);
    }

    /// <summary>The newest sample of a role uploaded by <paramref name="asOf"/> (demo history checks as of past times), or null when there is none.</summary>
    internal async Task<(SampleTable Table, DateTime UploadedAtUtc)?> LatestAsync(int versionId, SampleRole role, DateTime asOf, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sample = await db.DataSamples.AsNoTracking()
            .Where(s => s.ModelVersionId == versionId && s.Role == role && s.UploadedAtUtc <= asOf)
            .OrderByDescending(s => s.UploadedAtUtc).ThenByDescending(s => s.Id)
            .Select(s => new { s.Content, s.UploadedAtUtc })
            .FirstOrDefaultAsync(cancellationToken);
        return sample is null ? null : (SampleTable.Decompress(sample.Content), sample.UploadedAtUtc);
    }

    private async Task EnsureMayUploadAsync(ClaimsPrincipal user, SampleRole role)
    {
        var (policy, who) = role == SampleRole.Reference
            ? (Policies.UploadReferenceSamples, "Reference samples (the rows a version was validated on) are uploaded by contributors, support engineers or a pipeline with Registry.Write")
            : (Policies.RunQualityChecks, "Current samples (recent production rows) are uploaded by contributors, support engineers or a pipeline with Metrics.Write");
        if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            throw new UnauthorizedAccessException(who + "; your roles do not include one of them.");
        }
    }
}
