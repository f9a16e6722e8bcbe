using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Notifications;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Data;

/// <summary>
/// Work inside a transaction stays on the transaction's context and calls nothing outside the database: a second context
/// took a second pooled connection while the transaction held its rows (50 racing approvals on PostgreSQL stalled 30 s on
/// a full pool), and an approval waiting for Graph held SQLite's one writer. <see cref="TransactionRule"/> refuses both, so
/// every test that runs a transaction also checks them.
/// </summary>
public sealed class TransactionRuleTests
{
    [Fact]
    public async Task In_development_a_second_context_inside_a_transaction_is_refused_and_the_transaction_saves_nothing()
    {
        await using var portal = await PortalServices.StartAsync();
        var factory = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => db.InTransactionAsync(async transaction =>
        {
            db.Notifications.Add(Notice("inside"));
            await db.SaveChangesAsync();
            await using var second = await factory.CreateDbContextAsync();
            await transaction.CommitAsync();
        }, CancellationToken.None));

        Assert.StartsWith("A second database context was opened inside a database transaction.", refused.Message, StringComparison.Ordinal);
        // Outside the unit of work contexts open as before, and the refused unit left nothing behind.
        Assert.False(await portal.QueryAsync(second => second.Notifications.AnyAsync(n => n.RecipientId == "inside")));
    }

    [Fact]
    public async Task Work_a_transaction_started_that_runs_after_it_ends_is_not_inside_it()
    {
        await using var portal = await PortalServices.StartAsync();
        var factory = portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var transactionEnded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<int>? later = null;

        await db.InTransactionAsync(async transaction =>
        {
            // A task started here (a cache filled on first use, a delivery queued) carries this flow's state along.
            later = Task.Run(async () =>
            {
                await transactionEnded.Task;
                await using var other = await factory.CreateDbContextAsync();
                return await other.Notifications.CountAsync();
            });
            await transaction.CommitAsync();
        }, CancellationToken.None);
        transactionEnded.SetResult();

        Assert.Equal(0, await later!);
    }

    [Fact]
    public async Task An_outbound_call_inside_a_transaction_is_refused_before_it_leaves()
    {
        await using var portal = await PortalServices.StartAsync();
        using var webhooks = portal.Services.GetRequiredService<IHttpClientFactory>().CreateClient(DeploymentWebhooks.HttpClientName);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            db.InTransactionAsync(_ => webhooks.GetAsync(new Uri("http://receiver.example/hook")), CancellationToken.None));

        Assert.StartsWith("An outbound call to receiver.example was made inside a database transaction.", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_production_it_is_a_warning_with_the_callers_stack_and_the_work_goes_on()
    {
        await using var portal = await PortalServices.StartAsync();
        var log = new RecordingLoggerProvider();
        using var loggers = new LoggerFactory([log]);
        var rule = new TransactionRule(new HostingEnvironment { EnvironmentName = Environments.Production }, loggers.CreateLogger<TransactionRule>());
        // The portal's context factory for its provider, with this rule in place of the portal's own.
        IDbContextFactory<PortalDbContext> production = PortalAppFactory.RunsOnPostgreSql
            ? new PortalDbContextFactory<PostgreSqlPortalDbContext>(portal.Services.GetRequiredService<IDbContextFactory<PostgreSqlPortalDbContext>>(), rule)
            : new PortalDbContextFactory<SqlitePortalDbContext>(portal.Services.GetRequiredService<IDbContextFactory<SqlitePortalDbContext>>(), rule);
        await using var db = await production.CreateDbContextAsync();

        await db.InTransactionAsync(async transaction =>
        {
            await using var second = await production.CreateDbContextAsync();
            Assert.Equal(0, await second.Notifications.CountAsync());
            await transaction.CommitAsync();
        }, CancellationToken.None);
        await using var after = await production.CreateDbContextAsync();

        var warning = Assert.Single(log.Entries);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(nameof(In_production_it_is_a_warning_with_the_callers_stack_and_the_work_goes_on), warning.Message, StringComparison.Ordinal);
    }

    private static PortalNotification Notice(string recipient) => new()
    {
        RecipientId = recipient, DedupKey = $"test:{recipient}", Title = "A test notice", Link = "/", CreatedAtUtc = DateTime.UtcNow,
    };
}
