using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MudBlazor;

namespace MlOpsPortal.Features.Incidents;

public sealed partial class IncidentsPage
{
    /// <summary>Clocks are re-read this often; between readings the countdowns tick on their own.</summary>
    internal static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(30);

    private MudDataGrid<IncidentView>? grid;

    // The grid says it is loading until its first page arrives: in the prerender, which loads nothing, and on the first
    // live render, before the grid starts its load, it would otherwise show its empty text over a list that has rows.
    private bool firstPageLoaded;
    private ITimer? refresh;
    private IReadOnlyList<RosterMember> roster = [];
    private QueueView view = QueueView.All;
    private QueueView defaultView = QueueView.All;
    private string? search;
    private IncidentPriority? priority;
    private string stateFilter = QueueStates.Open;
    private SupportLevel? level;
    private string? assignee;
    private string me = string.Empty;
    private bool canOpen;

    // The grid loads as soon as it renders: not before the person's default view is known.
    private bool initialised;
    private DateTime readAtUtc;

    /// <summary>The model filter; <see cref="IncidentLinks.ForModel"/> links here with it.</summary>
    [SupplyParameterFromQuery(Name = "model")]
    public string? Model { get; set; }

    // The rest of the view lives in the address too, so a reload or a shared link shows the same queue.
    [SupplyParameterFromQuery(Name = "view")]
    public string? ViewQuery { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? SearchQuery { get; set; }

    [SupplyParameterFromQuery(Name = "priority")]
    public string? PriorityQuery { get; set; }

    [SupplyParameterFromQuery(Name = "state")]
    public string? StateQuery { get; set; }

    [SupplyParameterFromQuery(Name = "level")]
    public string? LevelQuery { get; set; }

    [SupplyParameterFromQuery(Name = "assignee")]
    public string? AssigneeQuery { get; set; }

    [Inject]
    private IncidentsService Incidents { get; set; } = default!;

    [Inject]
    private IncidentPolicies IncidentPolicies { get; set; } = default!;

    [Inject]
    private RegistryKeys Keys { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    // With a filter chosen, an empty view says so rather than "nothing is assigned to you", which may not be true.
    private string EmptyTitle => view switch
    {
        _ when HasFilters => "No incidents match these filters.",
        QueueView.Mine => "Nothing is assigned to you.",
        QueueView.Unassigned => "Every open incident has someone on it.",
        QueueView.BreachingSoon => "No incident is close to breaching its SLA.",
        _ => "No incidents yet.",
    };

    private string EmptyHint => view switch
    {
        _ when HasFilters => "Clear a filter, or choose another view, to see more.",
        QueueView.Mine => "Take one from Unassigned, or look at All.",
        QueueView.BreachingSoon => "Incidents appear here once 75 % of a response or resolution target is used.",
        _ => canOpen ? "Alerts, failing quality reports and failed deployments open incidents by themselves; open one by hand with the button above."
            : "Alerts, failing quality reports and failed deployments open incidents by themselves; they will appear here.",
    };

    /// <summary>Filters narrow the view; under Mine and Unassigned the view itself decides the assignee.</summary>
    private bool HasFilters => !string.IsNullOrWhiteSpace(search) || priority is not null || level is not null || Model is not null
        || stateFilter != QueueStates.Open || (assignee is not null && view is not (QueueView.Mine or QueueView.Unassigned));

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        me = AuditActor.From(user).Id;
        canOpen = await Incidents.CanOpenAsync(user);
        // Support engineers come to work their own incidents; everyone else to look at all of them.
        defaultView = (await Authorization.AuthorizeAsync(user, Infrastructure.Auth.Policies.WorkIncidents)).Succeeded ? QueueView.Mine : QueueView.All;
        roster = [.. (await IncidentPolicies.CurrentAsync()).Roster.Everyone.OrderBy(m => m.Name, StringComparer.CurrentCulture)];
        initialised = true;
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            refresh = Clock.CreateTimer(_ => _ = InvokeAsync(ReloadAsync), null, RefreshInterval, RefreshInterval);
        }
    }

    public void Dispose() => refresh?.Dispose();

    internal IncidentQuery QueryFor(GridState<IncidentView> state)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        return new IncidentQuery(
            Search: search,
            States: QueueStates.Parse(stateFilter),
            Priority: priority,
            Model: Model,
            AssigneeId: view == QueueView.Mine ? me : view == QueueView.Unassigned ? null : assignee,
            Unassigned: view == QueueView.Unassigned,
            Level: level,
            BreachingSoon: view == QueueView.BreachingSoon,
            SortBy: SortFor(sort?.SortBy),
            Descending: sort?.Descending ?? true,
            PageIndex: state.Page,
            PageSize: state.PageSize);
    }

    private async Task<GridData<IncidentView>> LoadAsync(GridState<IncidentView> state, CancellationToken cancellationToken)
    {
        var page = await Incidents.ListAsync(QueryFor(state), cancellationToken);
        readAtUtc = Clock.GetUtcNow().UtcDateTime;
        firstPageLoaded = true;
        return new GridData<IncidentView> { Items = page.Items, TotalItems = page.TotalCount };
    }

    /// <summary>Column names are the view's property names; the service sorts by the matching field in the database.</summary>
    private static string? SortFor(string? column) => column switch
    {
        nameof(IncidentView.Number) => "number",
        nameof(IncidentView.Priority) => "priority",
        nameof(IncidentView.State) => "state",
        nameof(IncidentView.Title) => "title",
        _ => null,
    };

    private async Task<IEnumerable<string>> SearchModelsAsync(string? text, CancellationToken cancellationToken) =>
        await Keys.SearchModelKeysAsync(text, cancellationToken: cancellationToken);

    private void OnViewChanged(QueueView value) => Show("view", value.ToString().ToLowerInvariant());

    private void OnSearchChanged(string? value) => Show("q", string.IsNullOrWhiteSpace(value) ? null : value);

    private static readonly IReadOnlyList<(string Value, string Label)> PriorityChoices = NativeSelect.EnumChoices<IncidentPriority>("Any priority");

    private static readonly IReadOnlyList<(string Value, string Label)> LevelChoices = NativeSelect.EnumChoices<SupportLevel>("Any level");

    private static readonly IReadOnlyList<(string Value, string Label)> StateChoices =
        [(QueueStates.Open, "Open"), .. Enum.GetValues<IncidentState>().Select(s => (s.ToString(), IncidentTransitions.Label(s))), (QueueStates.Any, "Any state")];

    private IEnumerable<(string Value, string Label)> AssigneeChoices => NativeSelect.WithAll("Anyone", roster.Select(m => (m.Id, m.Name)), assignee);

    private void OnStateChanged(string value) => Show("state", value == QueueStates.Open ? null : value);

    private void OnModelChanged(string? value) => Show("model", string.IsNullOrWhiteSpace(value) ? null : value);

    /// <summary>Changes one filter in the address (replaced: no history entry, no reload); the new parameters reload the queue.</summary>
    private void Show(string name, string? value) => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter(name, value), replace: true);

    protected override Task OnParametersSetAsync()
    {
        view = Enum.TryParse<QueueView>(ViewQuery, ignoreCase: true, out var chosen) && Enum.IsDefined(chosen) ? chosen : defaultView;
        search = string.IsNullOrWhiteSpace(SearchQuery) ? null : SearchQuery;
        priority = Enum.TryParse<IncidentPriority>(PriorityQuery, ignoreCase: true, out var p) && Enum.IsDefined(p) ? p : null;
        stateFilter = string.IsNullOrEmpty(StateQuery) ? QueueStates.Open : StateQuery;
        level = Enum.TryParse<SupportLevel>(LevelQuery, ignoreCase: true, out var l) && Enum.IsDefined(l) ? l : null;
        assignee = string.IsNullOrEmpty(AssigneeQuery) ? null : AssigneeQuery;
        return ReloadAsync();
    }

    private Task ReloadAsync() => grid?.ReloadServerData() ?? Task.CompletedTask;

    private async Task OpenIncidentAsync()
    {
        if (await OpenIncidentDialog.ShowAsync(Dialogs, Model) is { } created)
        {
            Navigation.NavigateTo(IncidentLinks.Incident(created.Number));
        }
    }
}
