using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// Demo registry for a newcomer's first run (Development only, DemoData:Enabled): written through the services as
/// Dana Scientist, so naming rules, numbering and the audit trail behave exactly as for real data.
/// </summary>
public sealed class RegistryDemoData(
    ModelsService models, Datasets datasets, ModelFollowers followers, IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock) : IDemoSeeder
{
    public int Order => DemoSeedOrder.Registry;

    /// <summary>Quick, and what the first page shows.</summary>
    public bool RunsInBackground => false;

    private sealed record DemoModel(string Key, string Name, string BusinessUnit, RiskTier Tier, string Owner, string UseCase, string[] Tags, int Versions, string Framework, string[] Data);

    private static readonly (string Key, string Description, string Owner, (string Name, string Type)[] Schema)[] DatasetsToSeed =
    [
        ("card-events-raw", "Raw card authorisation events from the payment switch", "Payments Platform", [("event_id", "string"), ("card_id", "string"), ("amount_minor", "long"), ("mcc", "string"), ("received_at", "datetime")]),
        ("customer-transactions", "Card and account transactions, daily snapshot", "Data Platform", [("customer_id", "string"), ("amount", "double"), ("merchant_category", "string"), ("timestamp", "datetime")]),
        ("customer-features", "Engineered churn features: 90-day spend, activity trend, tenure", "Retention Analytics", [("customer_id", "string"), ("spend_90d", "double"), ("txn_trend", "double"), ("tenure_months", "int")]),
        ("customer-profiles", "CRM customer attributes", "CRM Team", [("customer_id", "string"), ("age", "int"), ("country", "string"), ("segment", "string")]),
        ("churn-labels", "Customers who closed their account within 90 days", "Retention Analytics", [("customer_id", "string"), ("churned", "bool")]),
        ("loan-applications", "Retail loan applications with outcomes", "Credit Risk", [("application_id", "string"), ("income", "double"), ("loan_amount", "double"), ("defaulted", "bool")]),
        ("claims-history", "Insurance claims with investigator outcomes", "Claims Operations", [("claim_id", "string"), ("amount", "double"), ("channel", "string"), ("fraud", "bool")]),
        ("web-sessions", "Clickstream sessions from the public website", "Digital", [("session_id", "string"), ("pages", "int"), ("duration_s", "double"), ("converted", "bool")]),
        ("product-catalog", "Products with categories and prices", "Merchandising", [("sku", "string"), ("category", "string"), ("price", "double")]),
        ("store-sales", "Daily sales per store and SKU", "Supply Chain", [("store_id", "string"), ("sku", "string"), ("date", "date"), ("units", "int")]),
        ("support-tickets", "Customer support tickets with resolution codes", "Customer Service", [("ticket_id", "string"), ("text", "string"), ("category", "string")]),
        ("sensor-readings", "Turbine sensor telemetry at 1-minute resolution", "Operations Engineering", [("turbine_id", "string"), ("vibration", "double"), ("temperature", "double"), ("failure_48h", "bool")]),
    ];

    /// <summary>Each version of these is derived from the same-labelled version of another: raw events → transactions → features.</summary>
    private static readonly Dictionary<string, string> DerivedFrom = new(StringComparer.Ordinal)
    {
        ["customer-transactions"] = "card-events-raw",
        ["customer-features"] = "customer-transactions",
    };

    private static readonly DemoModel[] ModelsToSeed =
    [
        new("churn-model", "Customer churn", "Retail Banking", RiskTier.Medium, "Dana Scientist", "Flag customers likely to leave so retention can call them", ["retention", "classification"], 4, "xgboost 2.1", ["customer-features", "customer-profiles", "churn-labels"]),
        new("credit-default", "Credit default probability", "Credit Risk", RiskTier.Critical, "Priya Natarajan", "Probability of default for retail loan decisions", ["credit", "regulated", "classification"], 6, "lightgbm 4.5", ["loan-applications", "customer-profiles"]),
        new("fraud-detector", "Card fraud detection", "Payments", RiskTier.High, "Marco Rossi", "Score card transactions for fraud in real time", ["fraud", "real-time"], 5, "pytorch 2.5", ["customer-transactions"]),
        new("claims-triage", "Claims triage", "Insurance", RiskTier.High, "Lena Fischer", "Route suspicious claims to investigators", ["fraud", "insurance"], 3, "scikit-learn 1.5", ["claims-history"]),
        new("next-best-offer", "Next best offer", "Marketing", RiskTier.Low, "Tom Becker", "Recommend one product per customer in the app", ["recommendation"], 2, "tensorflow 2.17", ["customer-profiles", "product-catalog", "web-sessions"]),
        new("demand-forecast", "Store demand forecast", "Supply Chain", RiskTier.Medium, "Aiko Tanaka", "Forecast 14-day demand per store and SKU", ["forecasting", "time-series"], 4, "prophet 1.1", ["store-sales", "product-catalog"]),
        new("ticket-router", "Support ticket router", "Customer Service", RiskTier.Low, "Sam Okafor", "Route tickets to the right queue from their text", ["nlp", "classification"], 3, "transformers 4.46", ["support-tickets"]),
        new("turbine-failure", "Turbine failure warning", "Operations", RiskTier.Critical, "Jonas Berg", "Warn 48 hours before a turbine fails", ["predictive-maintenance", "safety"], 5, "xgboost 2.1", ["sensor-readings"]),
        new("web-conversion", "Web conversion propensity", "Digital", RiskTier.Low, "Nora Lind", "Personalise landing pages by conversion propensity", ["marketing", "classification"], 2, "scikit-learn 1.5", ["web-sessions"]),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Models.AnyAsync(cancellationToken) || await db.Datasets.AnyAsync(cancellationToken))
            {
                return; // demo data goes only into an empty registry
            }
        }

        var contributor = DevelopmentPersonas.ToPrincipal(DevelopmentPersonas.All.Single(p => p.Role == PortalRoles.ModelsContributor));
        var today = clock.GetUtcNow().UtcDateTime.Date;
        foreach (var (key, description, owner, schema) in DatasetsToSeed)
        {
            await datasets.CreateDatasetAsync(contributor, new DatasetInput(key, description, owner), cancellationToken);
            for (var v = 1; v <= 3; v++)
            {
                var label = today.AddDays(-30 * (3 - v)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                await datasets.AddDatasetVersionAsync(contributor, key, new DatasetVersionInput(
                    label, $"s3://contoso-ml-data/{key}/{label}/", Sha($"{key}/{label}"), 50_000L * v + (key.Length * 997),
                    [.. schema.Select(c => new DatasetColumn(c.Name, c.Type))],
                    DerivedFrom.TryGetValue(key, out var upstream) ? new DatasetVersionRef(upstream, label) : null), cancellationToken);
            }
        }

        foreach (var model in ModelsToSeed)
        {
            await models.CreateModelAsync(contributor, new ModelInput(
                model.Key, model.Name, $"{model.Name} model owned by {model.BusinessUnit}.", model.Owner, model.BusinessUnit,
                model.UseCase, model.Tier, model.Tags), cancellationToken);
            for (var n = 1; n <= model.Versions; n++)
            {
                var dataLabel = today.AddDays(-30 * Math.Max(0, 2 - (n * 3 / model.Versions))).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var references = model.Data.Select((d, i) => new DatasetRef(d, dataLabel, i == 0 ? DatasetRole.Training : (i % 2 == 1 ? DatasetRole.Validation : DatasetRole.Test)));
                await models.RegisterVersionAsync(contributor, model.Key, new VersionInput(
                    model.Framework, $"s3://contoso-ml-models/{model.Key}/{n}/model.bin", Sha($"{model.Key}/{n}"),
                    $"https://git.contoso.example/ml/{model.Key}", Sha($"commit {model.Key} {n}")[..40],
                    $"https://ci.contoso.example/ml/{model.Key}/runs/{100 + n}",
                    [.. references],
                    new Dictionary<string, string> { ["learning_rate"] = (0.1 / n).ToString("0.####", CultureInfo.InvariantCulture), ["max_depth"] = (4 + n).ToString(CultureInfo.InvariantCulture), ["seed"] = "42" },
                    new Dictionary<string, double> { ["auc"] = Math.Round(0.78 + (0.02 * n), 3), ["f1"] = Math.Round(0.61 + (0.015 * n), 3) },
                    Card(model, n)), cancellationToken);
                if (n % 2 == 0 || n == model.Versions)
                {
                    await models.RecordCiEvidenceAsync(contributor, model.Key, n, new CiEvidenceInput(
                        180 + (n * 12), n == 1 ? 2 : 0, 70 + (n * 3), 12 - n, new VulnerabilityCounts(0, n == 1 ? 1 : 0, 2, 5),
                        $"https://ci.contoso.example/ml/{model.Key}/runs/{200 + n}"), cancellationToken);
                }
            }
        }

        await BackdateAsync(today, cancellationToken);
        await FollowAsync(cancellationToken);
    }

    /// <summary>The models the business viewer watches on her home page; Dana follows every demo model by registering it.</summary>
    public static IReadOnlyList<string> FollowedByBusiness { get; } = ["churn-model", "claims-triage", "credit-default", "next-best-offer"];

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        var bea = DevelopmentPersonas.All.Single(p => p.Role == PortalRoles.BusinessViewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var modelId in await db.Models.Where(m => FollowedByBusiness.Contains(m.Key)).Select(m => m.Id).ToListAsync(cancellationToken))
        {
            await followers.AddAsync(db, modelId, new AuditActor(bea.Id, bea.Name), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The demo portfolio has a history: models registered over the past year, their versions spread since, so reports of
    /// past months count the models that existed then.
    /// </summary>
    private async Task BackdateAsync(DateTime today, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        foreach (var (model, index) in ModelsToSeed.Select((m, i) => (m, i)))
        {
            var created = today.AddDays(-330 + (index * 12));
            await db.Models.Where(m => m.Key == model.Key).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAtUtc, created), cancellationToken);
            for (var n = 1; n <= model.Versions; n++)
            {
                var registered = created.AddDays((today - created).TotalDays * (n - 1) / model.Versions);
                await db.ModelVersions.Where(v => v.Model!.Key == model.Key && v.Number == n)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.CreatedAtUtc, registered), cancellationToken);
                // CI reports soon after the version is registered: a quality report of a past week cites evidence it had then.
                await db.CiEvidence.Where(e => e.ModelVersionId == db.ModelVersions.Single(v => v.Model!.Key == model.Key && v.Number == n).Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.RecordedAtUtc, registered.AddHours(2)), cancellationToken);
            }
        }
    }

    /// <summary>Later versions document more, so completeness varies from sparse to full across the demo.</summary>
    private static ModelCard Card(DemoModel model, int number)
    {
        var filled = Math.Min(8, 2 + (number * 6 / model.Versions));
        var card = new ModelCard();
        var text = new Dictionary<CardSection, string>
        {
            [CardSection.IntendedUse] = model.UseCase + ".",
            [CardSection.TrainingData] = "Trained on " + string.Join(", ", model.Data) + " (see lineage).",
            [CardSection.Metrics] = "AUC and F1 on the held-out evaluation set; thresholds agreed with the business owner.",
            [CardSection.EvaluationData] = "A time-based hold-out of the most recent 30 days.",
            [CardSection.Limitations] = "Performance degrades for customers with less than 3 months of history.",
            [CardSection.OutOfScopeUse] = "Not for decisions about individuals without human review.",
            [CardSection.EthicalConsiderations] = "Checked for disparate impact across age bands and regions.",
            [CardSection.CaveatsAndRecommendations] = "Re-train quarterly; monitor drift of the top five features.",
        };
        var order = new[] { CardSection.IntendedUse, CardSection.TrainingData, CardSection.Metrics, CardSection.EvaluationData, CardSection.Limitations, CardSection.OutOfScopeUse, CardSection.EthicalConsiderations, CardSection.CaveatsAndRecommendations };
        foreach (var section in order.Take(filled))
        {
            card[section] = text[section];
        }

        return card;
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
