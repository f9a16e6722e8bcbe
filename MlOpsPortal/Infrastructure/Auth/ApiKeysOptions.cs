using System.ComponentModel.DataAnnotations;

namespace MlOpsPortal.Infrastructure.Auth;

public sealed class ApiKeysOptions
{
    public const string SectionName = "ApiKeys";

    /// <summary>
    /// A fixed key with both machine scopes for local pipelines and curl. Honoured only in the Development
    /// environment, so a value that leaks into other configuration opens nothing.
    /// </summary>
    [MinLength(24, ErrorMessage = "ApiKeys:DevelopmentKey must be at least 24 characters.")]
    public string? DevelopmentKey { get; set; }

    /// <summary>Lifetime offered when whoever creates a key does not pick an expiry date.</summary>
    [Range(1, ApiKeysService.MaxLifetimeDays)]
    public int DefaultLifetimeDays { get; set; } = 90;
}
