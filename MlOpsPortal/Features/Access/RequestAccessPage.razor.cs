using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Access;

/// <summary>
/// The request form (issue 13 §2): any signed-in person, with a role or none, asks for one. The service validates;
/// its field messages go under the fields and anything else (a pending request for the same role) into one alert.
/// </summary>
public sealed partial class RequestAccessPage
{
    private const int UntilRevoked = 0;
    private const int JustificationMaxLength = 2000;
    private const string RoleField = "role";
    private const string JustificationField = "justification";
    private const string DurationField = "durationDays";
    private static readonly string[] Fields = [RoleField, JustificationField, DurationField];

    private readonly ServerErrors errors = new(forbidden: null);
    private IReadOnlySet<string> held = new HashSet<string>();
    private AccessRequestView? submitted;
    private string? role;
    private string? justification;
    private string? returnUrl;
    private int duration = 90;
    private bool saving;

    /// <summary>The role to preselect, from the access-denied page's link.</summary>
    [SupplyParameterFromQuery(Name = "role")]
    public string? Role { get; set; }

    /// <summary>Where the person was refused; offered as the way back once they asked, if it is a path on this site.</summary>
    [SupplyParameterFromQuery(Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    [Inject]
    private AccessRequests Requests { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private bool Privileged => role is not null && AccessGrants.IsPrivileged(role);

    protected override async Task OnParametersSetAsync()
    {
        held = (await AuthenticationState).User.Roles().ToHashSet(StringComparer.Ordinal);
        role = Role is { } r && PortalRoles.UserRoles.Contains(r) ? r : null;
        returnUrl = AccountEndpoints.IsSafeLocalPath(ReturnUrl) && !IsThisForm(ReturnUrl!) ? ReturnUrl : null;
        if (Privileged && duration == UntilRevoked)
        {
            duration = 90;
        }
    }

    /// <summary>Coming back to the form itself would only ask again.</summary>
    private static bool IsThisForm(string url) =>
        string.Equals(url.Split('?', '#')[0].TrimEnd('/'), RoleToRequest.RequestPath, StringComparison.OrdinalIgnoreCase);

    private void OnRoleChanged(string? value)
    {
        role = value;
        errors.ClearField(RoleField);
        if (Privileged && duration == UntilRevoked)
        {
            duration = 90;
        }
    }

    private void OnJustificationChanged(string? value)
    {
        justification = value;
        errors.ClearField(JustificationField);
    }

    private void OnDurationChanged(int value)
    {
        duration = value;
        errors.ClearField(DurationField);
    }

    private async Task SubmitAsync()
    {
        saving = true;
        errors.Clear();
        try
        {
            var user = (await AuthenticationState).User;
            submitted = await Requests.SubmitAsync(user, new AccessRequestInput(role, justification, duration == UntilRevoked ? null : duration));
        }
        catch (Exception ex) when (errors.Capture(ex, Fields))
        {
        }
        finally
        {
            saving = false;
        }
    }
}
