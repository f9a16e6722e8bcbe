using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MudBlazor;

namespace MlOpsPortal.Features.Incidents;

public sealed partial class IncidentReviewSection
{
    private readonly ServerErrors errors = new(forbidden: null);
    private List<ItemRow> items = [];
    private string? summary;
    private string? rootCause;
    private string? factors;
    private bool editing;
    private bool saving;

    [Parameter, EditorRequired]
    public IncidentView Incident { get; set; } = default!;

    [Parameter]
    public ReviewView? Review { get; set; }

    [Parameter]
    public bool CanEdit { get; set; }

    /// <summary>Tells the page, which shows whether the incident may close now.</summary>
    [Parameter]
    public EventCallback Saved { get; set; }

    [Inject]
    private IncidentReviews Reviews { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>The service names an action item's fields "actionItems[0].text"; the form shows them on that row.</summary>
    private static string Field(int index, string name) => $"actionItems[{index}].{name}";

    private void Edit()
    {
        errors.Clear();
        summary = Review?.Summary;
        rootCause = Review?.RootCause;
        factors = Review?.ContributingFactors;
        items = [.. (Review?.ActionItems ?? []).Select(i => new ItemRow { Text = i.Text, Owner = i.Owner, Due = i.DueDate.ToDateTime(TimeOnly.MinValue), Done = i.Done })];
        editing = true;
    }

    private async Task SaveAsync()
    {
        saving = true;
        errors.Clear();
        try
        {
            var input = new ReviewInput(summary, rootCause, factors, [.. items.Select(i => i.ToItem())]);
            string[] fields = ["summary", "rootCause", "contributingFactors", .. Enumerable.Range(0, items.Count).SelectMany(i => new[] { Field(i, "text"), Field(i, "owner"), Field(i, "dueDate") })];
            try
            {
                await Reviews.SaveAsync((await AuthenticationState).User, Incident.Number, input);
            }
            catch (Exception ex) when (errors.Capture(ex, fields))
            {
                return;
            }

            editing = false;
            Snackbar.Add("Post-incident review saved.", Severity.Success);
            await Saved.InvokeAsync();
        }
        finally
        {
            saving = false;
        }
    }

    private sealed class ItemRow
    {
        public string? Text { get; set; }
        public string? Owner { get; set; }
        public DateTime? Due { get; set; }
        public bool Done { get; set; }

        // A missing date stays the default, which the service refuses with the row's own message.
        public ReviewActionItem ToItem() => new() { Text = Text ?? string.Empty, Owner = Owner ?? string.Empty, DueDate = Due is { } d ? DateOnly.FromDateTime(d) : default, Done = Done };
    }
}
