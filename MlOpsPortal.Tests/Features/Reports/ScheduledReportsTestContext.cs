using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Features.Reports;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Outbound;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>
/// Subscriptions and the schedule job on a temporary SQLite file with a fake clock. Reports are built by
/// <see cref="StubReportBuilder"/> (the figures are not what these tests are about) and rendered and archived by the real
/// <see cref="GenerateReportJob"/>; mail goes to a <see cref="LoopbackSmtpServer"/> when a test configures it.
/// </summary>
public abstract class ScheduledReportsTestContext : IAsyncLifetime
{
    private PortalServices? portal;

    /// <summary>Wednesday 24 February 2027, 10:00 UTC.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2027, 2, 24, 10, 0, 0, TimeSpan.Zero));

    public IServiceProvider Services => portal?.Services ?? throw new InvalidOperationException("Not initialised yet.");

    public ReportSubscriptions Subscriptions => Services.GetRequiredService<ReportSubscriptions>();

    public virtual async Task InitializeAsync()
    {
        portal = await PortalServices.StartAsync(Clock);
        await Services.RecordSignInsAsync(Personas.Executive, Personas.Auditor, Personas.Admin, Personas.Business);
    }

    public virtual async Task DisposeAsync()
    {
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }
    }

    protected DateTime Now => Clock.GetUtcNow().UtcDateTime;

    /// <summary>A job as Hangfire would build it, with the stub builders and, when given, SMTP settings and the outbound allow-list.</summary>
    protected SendScheduledReportsJob Job(MailOptions? mail = null, params string[] allowedHosts)
    {
        var generator = ActivatorUtilities.CreateInstance<GenerateReportJob>(Services, (IEnumerable<IReportBuilder>)StubReportBuilder.All);
        var outbound = new OutboundOptions();
        foreach (var host in allowedHosts)
        {
            outbound.AllowedHosts.Add(host);
        }

        var mailer = new ReportMailer(new PortalMailer(Options.Create(mail ?? new MailOptions()),
            new OutboundGuard(Options.Create(outbound), Services.GetRequiredService<IHostEnvironment>()), Services.GetRequiredService<TransactionRule>()));
        return ActivatorUtilities.CreateInstance<SendScheduledReportsJob>(Services, generator, mailer);
    }

    protected void At(string instant) => Clock.SetUtcNow(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture));

    protected Task<T> DbAsync<T>(Func<PortalDbContext, Task<T>> query) => portal!.QueryAsync(query);

    protected Task<List<Report>> ReportsAsync() => DbAsync(db => db.Reports.AsNoTracking().OrderBy(r => r.Id).ToListAsync());

    protected Task<ReportSubscription> SubscriptionAsync(int id) => DbAsync(db => db.ReportSubscriptions.AsNoTracking().SingleAsync(s => s.Id == id));

    protected Task<int> AuditCountAsync(string action) => DbAsync(db => db.AuditEvents.CountAsync(e => e.Action == action));
}

/// <summary>A report of a fixed shape that names its period, so a test can tell which run made it.</summary>
public sealed class StubReportBuilder(ReportKind kind) : IReportBuilder
{
    public static IReadOnlyList<IReportBuilder> All { get; } = [.. ReportKinds.All.Select(k => new StubReportBuilder(k))];

    public ReportKind Kind => kind;

    public async Task<ReportBody> BuildAsync(ReportScope scope, Func<int, Task> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(progress);
        await progress(100);
        var days = new ReportFigure("Days covered", scope.Days, $"{scope.Days} days");
        return new ReportBody(
            $"{scope.Days} days from {scope.FirstDay:yyyy-MM-dd} to {scope.LastDay:yyyy-MM-dd}",
            [new ReportSection("period", "Period", $"The report covers {scope.Days} days.", [days], [], [])],
            [new ReportDefinition("Days covered", "The days of the period, both ends included.")]);
    }
}
