using System.ComponentModel.DataAnnotations;

namespace MlOpsPortal.Infrastructure.Auth;

/// <summary>
/// The <c>AzureAd</c> settings the portal itself decides on. Microsoft.Identity.Web binds the whole section (audience,
/// callback paths, client secret…) into its own options; it takes the configuration section, not this class.
/// </summary>
public sealed class EntraOptions : IValidatableObject
{
    public const string SectionName = "AzureAd";

    /// <summary>The sign-in authority's host, e.g. https://login.microsoftonline.com/ for the public cloud.</summary>
    public string? Instance { get; set; }

    public string? TenantId { get; set; }

    /// <summary>The portal's application (client) id. Set: Entra ID signs people and pipelines in; empty: the development sign-in (Development only).</summary>
    public string? ClientId { get; set; }

    public bool Configured => !string.IsNullOrWhiteSpace(ClientId);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Configured)
        {
            yield break;
        }

        var missing = new[] { (nameof(Instance), Instance), (nameof(TenantId), TenantId) }
            .Where(setting => string.IsNullOrWhiteSpace(setting.Item2))
            .Select(setting => setting.Item1)
            .ToList();
        if (missing.Count > 0)
        {
            yield return new ValidationResult(
                $"Entra ID sign-in is partly configured. Missing settings: {string.Join(", ", missing.Select(key => $"{SectionName}:{key}"))}.", missing);
        }
    }
}
