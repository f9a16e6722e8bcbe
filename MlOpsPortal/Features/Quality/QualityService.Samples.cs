using Microsoft.AspNetCore.Authorization;
using System.Security.Claims;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Quality;

public sealed record SampleUploaded(int Id, int RowCount, string Sha256);

public sealed partial class QualityService
{
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

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (model, modelVersion) = await FindVersionAsync(db, modelKey, version, "version", cancellationToken);
        var json = table.ToCanonicalJson();
        var sample = new DataSample
        {
            ModelId = model.Id,
            ModelVersionId = modelVersion.Id,
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
        return new SampleUploaded(sample.Id, sample.RowCount, sample.Sha256);
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
