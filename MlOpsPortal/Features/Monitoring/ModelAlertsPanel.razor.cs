using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MlOpsPortal.Components.Shared;
using MlOpsPortal.Features.Models;
using MudBlazor;

namespace MlOpsPortal.Features.Monitoring;

public sealed partial class ModelAlertsPanel
{
    private static readonly string[] StandardMetrics =
    [
        MetricNames.Accuracy, MetricNames.Precision, MetricNames.Recall, MetricNames.F1, MetricNames.Auc, MetricNames.Rmse,
        MetricNames.Predictions, MetricNames.LatencyP50, MetricNames.LatencyP95, MetricNames.ErrorRate, MetricNames.DataLoadDuration,
        MetricNames.DataRowCount, MetricNames.DataCompleteness,
    ];

    private static readonly string[] Fields = [nameof(AlertRuleInput.Metric), nameof(AlertRuleInput.Threshold), nameof(AlertRuleInput.ForMinutes)];

    private readonly ServerErrors errors = new();
    private IReadOnlyList<AlertRuleView> rules = [];
    private IReadOnlyList<AlertView> alerts = [];
    private IReadOnlyList<EnvironmentRef> environments = [];
    private string? metric = MetricNames.Auc;
    private AlertCondition condition = AlertCondition.Below;
    private double? threshold;
    private int? forMinutes = 10;
    private AlertSeverity severity = AlertSeverity.Warning;
    private string environment = "production";
    private bool saving;

    [Parameter, EditorRequired]
    public string ModelKey { get; set; } = string.Empty;

    [Parameter]
    public bool CanWrite { get; set; }

    [Inject]
    private AlertRules Rules { get; set; } = default!;

    [Inject]
    private AlertsService Alerts { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private RegistryKeys Keys { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync() => environments = await Keys.EnvironmentsAsync();

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        rules = await Rules.ListRulesAsync(ModelKey);
        alerts = await Alerts.ListAlertsAsync(ModelKey);
    }

    private static Task<IEnumerable<string>> SearchMetrics(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(StandardMetrics.Where(m => string.IsNullOrWhiteSpace(text) || m.Contains(text, StringComparison.OrdinalIgnoreCase)));

    private async Task AddAsync()
    {
        errors.Clear();
        saving = true;
        try
        {
            var user = (await AuthenticationState).User;
            await Rules.CreateRuleAsync(user, ModelKey, new AlertRuleInput(environment, metric, condition, threshold, forMinutes, severity));
            threshold = null;
            await LoadAsync();
        }
        catch (Exception ex) when (errors.Capture(ex, Fields))
        {
        }
        finally
        {
            saving = false;
        }
    }

    private async Task DeleteAsync(AlertRuleView rule)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete this rule?",
            $"\"{rule.Description}\" in {rule.Environment} stops raising alerts. Alerts it raised stay in the history.",
            yesText: "Delete rule", cancelText: "Keep it");
        if (confirmed == true)
        {
            await Rules.DeleteRuleAsync((await AuthenticationState).User, rule.Id);
            await LoadAsync();
        }
    }
}
