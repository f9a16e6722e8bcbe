using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Api;

namespace MlOpsPortal.Features.Quality;

/// <summary>The version a sample or a check run is about, as the person named it.</summary>
internal static class RegisteredVersions
{
    /// <summary>One version of a model (the latest when no number is given), or a message naming what is missing.</summary>
    public static async Task<VersionRef> RequireVersionAsync(this RegistryKeys keys, string modelKey, int? number, CancellationToken cancellationToken)
    {
        var model = await keys.ModelAsync(modelKey, cancellationToken)
            ?? throw PortalValidationException.For("model", $"There is no model with the key '{modelKey}'.");
        return await keys.VersionAsync(modelKey, number ?? model.LatestVersion, cancellationToken)
            ?? throw PortalValidationException.For("version", number is null
                ? $"Model '{modelKey}' has no versions yet; register one first."
                : $"Model '{modelKey}' has no version {number}; its latest is {model.LatestVersion}.");
    }
}
