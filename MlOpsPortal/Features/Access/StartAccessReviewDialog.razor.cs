using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Features.Access;

/// <summary>The administrator's form for a new review; the service decides what is valid and the form shows it by field.</summary>
public sealed partial class StartAccessReviewDialog
{
    private static readonly string[] Fields =
    [
        nameof(AccessReviewInput.Name), nameof(AccessReviewInput.Roles), nameof(AccessReviewInput.ListedReviewers), nameof(AccessReviewInput.DurationDays),
        nameof(AccessReviewInput.Default), nameof(AccessReviewInput.RepeatEveryMonths),
    ];

    private readonly ServerErrors errors = new(forbidden: AccessReviews.AdminOnly);
    private readonly Dictionary<string, List<string>> listed = new(StringComparer.Ordinal);
    private IReadOnlyList<PersonSummary> people = [];
    private List<string> roles = [];
    private string? name;
    private ReviewerChoice reviewers = ReviewerChoice.Administrators;
    private int durationDays = 14;
    private int? repeatMonths;
    private ReviewDefault unanswered = ReviewDefault.NoChange;
    private bool saving;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    private AccessReviews Reviews { get; set; } = default!;

    [Inject]
    private PeopleDirectory People { get; set; } = default!;

    private IEnumerable<string> ScopeRoles => roles.Count > 0 ? PortalRoles.UserRoles.Where(roles.Contains) : PortalRoles.UserRoles;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        people = (await People.ListAsync(user, new PeopleQuery(PageSize: 200))).Items.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private void OnRolesChanged(IReadOnlyCollection<string> values)
    {
        roles = values.ToList();
        errors.ClearField(nameof(AccessReviewInput.Roles));
    }

    private List<string> ListedFor(string role) => listed.TryGetValue(role, out var ids) ? ids : [];

    private string PersonName(string id) => people.FirstOrDefault(p => p.Id == id)?.Name ?? id;

    private async Task SaveAsync()
    {
        saving = true;
        errors.Clear();
        try
        {
            var user = (await AuthenticationState).User;
            var scope = ScopeRoles.ToList();
            var chosen = reviewers == ReviewerChoice.Listed
                ? listed.Where(l => scope.Contains(l.Key) && l.Value.Count > 0).ToDictionary(l => l.Key, l => (IReadOnlyList<string>)l.Value)
                : null;
            var started = await Reviews.StartAsync(user, new AccessReviewInput(name, [.. roles], reviewers, chosen, durationDays, unanswered, repeatMonths));
            Dialog.Close(DialogResult.Ok(started));
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
