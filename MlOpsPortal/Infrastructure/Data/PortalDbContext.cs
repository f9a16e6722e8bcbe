using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using MlOpsPortal.Features.Access;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Incidents;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Features.Monitoring;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Features.Quality;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Features.Usage;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Signals;

namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// The one portal model. Provider subclasses exist only so each provider keeps its own migration set.
/// </summary>
public class PortalDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>
    /// The lease of this context that was last disposed. A pooled context is not disposed for good but returned and
    /// leased again, so whoever keeps a context by reference (the audit locks) asks this whether that lease is over.
    /// </summary>
    internal DbContextId? EndedLease { get; private set; }

    public override void Dispose()
    {
        EndedLease = ContextId;
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override async ValueTask DisposeAsync()
    {
        EndedLease = ContextId;
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditVerification> AuditVerifications => Set<AuditVerification>();
    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();
    public DbSet<DeploymentEnvironment> Environments => Set<DeploymentEnvironment>();
    public DbSet<MetricSeries> MetricSeries => Set<MetricSeries>();
    public DbSet<MetricPoint> MetricPoints => Set<MetricPoint>();
    public DbSet<MetricRollup> MetricRollups => Set<MetricRollup>();
    public DbSet<IngestionBatch> IngestionBatches => Set<IngestionBatch>();
    public DbSet<ModelHealthSettings> ModelHealthSettings => Set<ModelHealthSettings>();
    public DbSet<AlertRule> AlertRules => Set<AlertRule>();
    public DbSet<Alert> Alerts => Set<Alert>();
    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<Model> Models => Set<Model>();
    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();
    public DbSet<Dataset> Datasets => Set<Dataset>();
    public DbSet<DatasetVersion> DatasetVersions => Set<DatasetVersion>();
    public DbSet<LineageLink> LineageLinks => Set<LineageLink>();
    public DbSet<ModelFollower> ModelFollowers => Set<ModelFollower>();
    public DbSet<CiEvidence> CiEvidence => Set<CiEvidence>();
    public DbSet<RegistrySettings> RegistrySettings => Set<RegistrySettings>();
    public DbSet<DataSample> DataSamples => Set<DataSample>();
    public DbSet<CheckSuite> CheckSuites => Set<CheckSuite>();
    public DbSet<CheckRun> CheckRuns => Set<CheckRun>();
    public DbSet<QualityReport> QualityReports => Set<QualityReport>();
    public DbSet<QualityReportCheck> QualityReportChecks => Set<QualityReportCheck>();
    public DbSet<EnvironmentPolicy> EnvironmentPolicies => Set<EnvironmentPolicy>();
    public DbSet<DeploymentSettings> DeploymentSettings => Set<DeploymentSettings>();
    public DbSet<DeploymentRequest> DeploymentRequests => Set<DeploymentRequest>();
    public DbSet<DeploymentApproval> DeploymentApprovals => Set<DeploymentApproval>();
    public DbSet<PortalNotification> Notifications => Set<PortalNotification>();
    public DbSet<Signal> Signals => Set<Signal>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentHold> IncidentHolds => Set<IncidentHold>();
    public DbSet<IncidentTimelineEntry> IncidentTimeline => Set<IncidentTimelineEntry>();
    public DbSet<IncidentReview> IncidentReviews => Set<IncidentReview>();
    public DbSet<IncidentSettings> IncidentSettings => Set<IncidentSettings>();
    public DbSet<UsageRollup> UsageRollups => Set<UsageRollup>();
    public DbSet<UsageActivePerson> UsageActivePeople => Set<UsageActivePerson>();
    public DbSet<Report> Reports => Set<Report>();
    public DbSet<ReportFile> ReportFiles => Set<ReportFile>();
    public DbSet<ReportSubscription> ReportSubscriptions => Set<ReportSubscription>();
    public DbSet<PortfolioSnapshot> PortfolioSnapshots => Set<PortfolioSnapshot>();

    /// <summary>The generated id of a raw metric point, its place in the point log (server databases; SQLite has its rowid).</summary>
    public const string PointLogId = "Id";

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
    }

    /// <summary>
    /// The cross-instance feed reads raw points after a high-water mark (DESIGN §12). SQLite has its rowid for that; a
    /// server database gets a generated id (never written by the portal), made by <paramref name="generated"/> in the
    /// provider's way and indexed for the range read.
    /// </summary>
    protected static void AddPointLogIds(ModelBuilder modelBuilder, Action<PropertyBuilder> generated)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        ArgumentNullException.ThrowIfNull(generated);
        // By table, not by type: the provider contexts need not know Monitoring's entity.
        var points = modelBuilder.Entity(modelBuilder.Model.GetEntityTypes().Single(e => e.GetTableName() == "MetricPoints").Name);
        generated(points.Property<long>(PointLogId));
        points.HasIndex(PointLogId).IsUnique();
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        // Storage is UTC; the converter restores DateTimeKind.Utc that providers drop on read.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
