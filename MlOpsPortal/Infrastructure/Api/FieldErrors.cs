namespace MlOpsPortal.Infrastructure.Api;

/// <summary>Collects field errors of one request so all of them are reported at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
    }

    public void Required(string field, string? value, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{label} is required.");
        }
    }

    public void MaxLength(string field, string? value, int max, string label)
    {
        if (value is not null && value.Length > max)
        {
            Add(field, $"{label} must be at most {max} characters (it has {value.Length}).");
        }
    }

    /// <summary>Storage locations pipelines really use; javascript:, data: and file: never become links on a page.</summary>
    public static readonly IReadOnlySet<string> StorageSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "http", "https", "s3", "s3a", "gs", "abfs", "abfss", "wasbs", "adl", "hdfs", "dbfs", "runs", "models", "oci",
    };

    public static readonly IReadOnlySet<string> WebSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https" };

    public void AbsoluteUri(string field, string? value, string label, IReadOnlySet<string>? schemes = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        schemes ??= StorageSchemes;
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme))
        {
            Add(field, $"{label} must be an absolute URI with one of the schemes {string.Join(", ", schemes.Order())} (e.g. s3://bucket/path or https://host/path).");
        }
    }

    public void Sha256(string field, string? value, string label)
    {
        if (!string.IsNullOrWhiteSpace(value) && !(value.Length == 64 && value.All(Uri.IsHexDigit)))
        {
            Add(field, $"{label} must be 64 hexadecimal characters (a SHA-256 digest).");
        }
    }

    public void ThrowIfAny()
    {
        if (Any)
        {
            throw new PortalValidationException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }
    }
}
