using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Infrastructure.Audit;

namespace MlOpsPortal.Tests.Features.Access;

/// <summary>Each audit event reads as "who did what to which thing", the thing linked to its page.</summary>
public sealed class AuditSentencesTests
{
    private static readonly AuditSentences Sentences = new([new PortalAuditVocabulary(), new ReportsAuditVocabulary()]);

    private static AuditSentence Say(string actor, string action, string entityType, string? entityId, object? details = null, DeploymentRequestSubject? request = null) =>
        Sentences.Describe(new AuditFacts(AuditEvent.Create(new AuditActor("id-" + actor, actor), action, entityType, entityId, details), request));

    [Fact]
    public void An_approval_names_the_request_its_model_version_and_environment_and_links_to_the_request()
    {
        var sentence = Say("Arun Approver", "deployment-request.approved", "DeploymentRequest", "14",
            new { before = "Pending", after = "Approved" }, new DeploymentRequestSubject(14, "churn-model", 4, "production"));

        Assert.Equal("Arun Approver approved deployment request #14 of churn-model v4 to production", sentence.Text);
        Assert.Equal(DeploymentLinks.Request(14), sentence.Thing!.Link);
    }

    [Theory]
    [InlineData("auth.sign-in", "User", "dev-auditor", null, "Aldo Auditor signed in", null)]
    [InlineData("auth.access-denied", "Resource", "/audit", null, "Aldo Auditor was refused /audit", null)]
    [InlineData("model-version.registered", "ModelVersion", "churn-model/3", null, "Aldo Auditor registered churn-model v3", "/models/churn-model/versions/3")]
    [InlineData("dataset-version.registered", "DatasetVersion", "customers/2026-01", null, "Aldo Auditor registered dataset customers @ 2026-01", "/datasets/customers/versions/2026-01")]
    [InlineData("quality-report.created", "QualityReport", "7", """{"model":"churn-model","version":3}""", "Aldo Auditor produced quality report #7 of churn-model v3", "/quality/reports/7")]
    [InlineData("alert-rule.created", "AlertRule", "churn-model", """{"after":{"metric":"model.auc"}}""", "Aldo Auditor created an alert rule of churn-model on model.auc", "/models/churn-model?tab=alerts")]
    [InlineData("incident.escalated", "Incident", "INC-0003", """{"before":"L1","after":"L2"}""", "Aldo Auditor escalated incident INC-0003 to L2", "/incidents/INC-0003")]
    [InlineData("access.granted", "User", "dev-business", """{"person":"Bea Business","role":"Support.Engineer"}""", "Aldo Auditor granted Support.Engineer to Bea Business", "/access/people/dev-business")]
    [InlineData("access.request-approved", "User", "dev-newcomer", """{"requestId":5,"role":"Business.Viewer"}""", "Aldo Auditor approved access request #5 for Business.Viewer", "/access/requests/5")]
    [InlineData("report.downloaded", "Report", "12", """{"format":"pdf"}""", "Aldo Auditor downloaded report #12 as pdf", "/reports/12")]
    [InlineData("audit.exported", "AuditLog", null, """{"rows":40}""", "Aldo Auditor exported 40 events of the audit log as CSV", "/audit")]
    public void Each_family_reads_as_a_sentence_with_its_link(string action, string entityType, string? entityId, string? details, string text, string? link)
    {
        var sentence = Say("Aldo Auditor", action, entityType, entityId, details is null ? null : System.Text.Json.JsonDocument.Parse(details).RootElement);

        Assert.Equal(text, sentence.Text);
        Assert.Equal(link, sentence.Thing?.Link);
        Assert.True(Sentences.IsKnown(action));
    }

    [Fact]
    public void An_action_no_feature_describes_still_reads_as_a_sentence_naming_the_action_and_its_thing()
    {
        var known = Say("Dana Scientist", "model.starred", "Model", "churn-model");
        var unknownType = Say("Dana Scientist", "gizmo.tweaked", "Gizmo", "g-1");

        Assert.Equal("Dana Scientist recorded “model.starred” on model churn-model", known.Text);
        Assert.Equal("/models/churn-model", known.Thing!.Link);
        Assert.Equal("Dana Scientist recorded “gizmo.tweaked” on Gizmo g-1", unknownType.Text);
        Assert.Null(unknownType.Thing!.Link);
    }

    [Fact]
    public void Without_its_details_a_sentence_says_what_it_knows_rather_than_failing()
    {
        Assert.Equal("System recorded “x.y” on Thing", Sentences.Describe(new AuditFacts(AuditEvent.Create(AuditActor.System, "x.y", "Thing", null))).Text);
        Assert.Equal("Arun Approver approved deployment request #9", Say("Arun Approver", "deployment-request.approved", "DeploymentRequest", "9").Text);
        Assert.Equal("Ada Admin granted ? to Bea", Say("Ada Admin", "access.granted", "User", "Bea").Text);
    }

    [Fact]
    public void The_filter_offers_every_family_and_every_known_action_belongs_to_one()
    {
        Assert.Equal(["sign-in", "registry", "deployments", "quality", "monitoring", "incidents", "access", "audit", "reports"], Sentences.Families.Select(f => f.Key));
        Assert.All(Sentences.Actions, action => Assert.Single(Sentences.Families, f => f.Contains(action)));
        Assert.Equal(Sentences.Actions.Count, Sentences.Actions.Distinct().Count());
        Assert.Contains("deployment-request.approved", Sentences.Actions.Where(Sentences.Families.Single(f => f.Key == "deployments").Contains));
        Assert.False(Sentences.Families.Single(f => f.Key == "registry").Contains("modelx.created"));
    }

    [Fact]
    public void Every_action_the_usage_report_counts_has_a_sentence()
    {
        // The usage report lists the actions people take; each must read as a sentence in the log, not the generic one.
        var labels = typeof(UsageActionsSection).GetField("Labels", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .GetValue(null) as IReadOnlyDictionary<string, string>;

        Assert.All(labels!.Keys, action => Assert.True(Sentences.IsKnown(action), action));
    }

    [Fact]
    public void A_family_filter_becomes_prefixes_and_a_single_action_an_exact_match()
    {
        var family = new AuditFilter("dana", "deployments", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2)).ToQuery(Sentences);
        var one = new AuditFilter(null, "auth.sign-in", null, null).ToQuery(Sentences);

        Assert.Equal(["deployment-request.", "deployment-webhook.", "environment-policy."], family.ActionPrefixes!);
        Assert.Null(family.Actions);
        Assert.Equal(new DateTime(2026, 11, 3, 0, 0, 0, DateTimeKind.Utc), family.ToUtc);
        Assert.Equal(["auth.sign-in"], one.Actions!);
        Assert.Null(one.ActionPrefixes);
        Assert.Equal("/api/v1/audit/events.csv?q=dana&action=deployments&from=2026-11-01&to=2026-11-02",
            new AuditFilter("dana", "deployments", new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 2)).CsvLink());
    }
}
