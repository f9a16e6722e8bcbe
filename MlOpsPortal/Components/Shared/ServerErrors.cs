using MlOpsPortal.Infrastructure.Api;

namespace MlOpsPortal.Components.Shared;

/// <summary>
/// What a service refused, kept for a form or dialog: field messages go next to their field, the rest into one alert.
/// Only the exceptions a person can act on are caught; anything else reaches the error boundary.
/// Field names compare ignoring case, so pages can name them with nameof(Input.Property) while the service sends camelCase.
/// A null <c>forbidden</c> shows the service's own refusal, for services whose refusals say why (maker-checker).
/// </summary>
public sealed class ServerErrors(string? forbidden = "Your roles do not allow this change. Ask a Portal.Admin for the Models.Contributor role.")
{
    private readonly Dictionary<string, string> fields = new(StringComparer.OrdinalIgnoreCase);

    public string? General { get; private set; }

    public bool Any => General is not null || fields.Count > 0;

    /// <summary>Fields the form does not show get their message into <see cref="General"/>, so nothing is lost.</summary>
    public bool Capture(Exception exception, IReadOnlyCollection<string> shownFields)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(shownFields);
        Clear();
        switch (exception)
        {
            case PortalValidationException validation:
                var unshown = new List<string>();
                foreach (var (field, messages) in validation.Errors)
                {
                    var text = string.Join(" ", messages);
                    if (shownFields.Contains(field, StringComparer.OrdinalIgnoreCase))
                    {
                        fields[field] = text;
                    }
                    else
                    {
                        unshown.Add(text);
                    }
                }

                General = unshown.Count > 0 ? string.Join(" ", unshown) : null;
                return true;
            case PortalConflictException or PortalNotFoundException:
                General = exception.Message;
                return true;
            case UnauthorizedAccessException:
                General = forbidden ?? exception.Message;
                return true;
            default:
                return false;
        }
    }

    public string? For(string field) => fields.GetValueOrDefault(field);

    public bool Has(string field) => fields.ContainsKey(field);

    /// <summary>Once the person edits a field, its old message no longer describes what they see.</summary>
    public void ClearField(string field) => fields.Remove(field);

    public void Clear()
    {
        fields.Clear();
        General = null;
    }
}
