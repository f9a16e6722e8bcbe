using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using MlOpsPortal.Infrastructure.Api;
using MlOpsPortal.Infrastructure.Audit;
using MlOpsPortal.Infrastructure.Auth;
using MlOpsPortal.Infrastructure.Data;
using MlOpsPortal.Infrastructure.Hosting;
using MlOpsPortal.Infrastructure.Outbound;

namespace MlOpsPortal.Features.Deployments;

/// <summary>
/// Outbound webhooks on created, approved, rejected, deployed and expired. Published after the change is committed
/// and sent by a background loop, so a slow or broken receiver never holds up a decision. Admins set the one URL and
/// its secret here.
/// </summary>
public sealed class DeploymentWebhooks
{
    public const string SignatureHeader = "X-MlOpsPortal-Signature";
    public const string HttpClientName = "deployment-webhooks";

    private readonly Channel<(string Event, DeploymentRequestView Request, DateTimeOffset At)> queue =
        Channel.CreateBounded<(string, DeploymentRequestView, DateTimeOffset)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest });

    private readonly IDbContextFactory<PortalDbContext> dbFactory;
    private readonly IAuthorizationService authorization;
    private readonly TimeProvider clock;
    private readonly OutboundGuard guard;

    public DeploymentWebhooks(IDbContextFactory<PortalDbContext> dbFactory, IAuthorizationService authorization, TimeProvider clock, OutboundGuard guard)
    {
        this.dbFactory = dbFactory;
        this.authorization = authorization;
        this.clock = clock;
        this.guard = guard;
    }

    public async Task<WebhookSettingsInput> GetWebhookAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        await authorization.EnsureAsync(user, Policies.Admin);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.DeploymentSettings.AsNoTracking().SingleAsync(s => s.Id == DeploymentSettings.SingletonId, cancellationToken);
        return new WebhookSettingsInput(settings.WebhookUrl, settings.WebhookSecret);
    }

    public async Task UpdateWebhookAsync(ClaimsPrincipal user, WebhookSettingsInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await authorization.EnsureAsync(user, Policies.Admin);
        var errors = new FieldErrors();
        errors.AbsoluteUri("url", input.Url, "Webhook URL", FieldErrors.WebSchemes);
        errors.MaxLength("url", input.Url, 2000, "Webhook URL");
        if (!string.IsNullOrWhiteSpace(input.Url) && !errors.Any && ProblemWithUrl(input.Url) is { } unsafeUrl)
        {
            errors.Add("url", unsafeUrl);
        }
        if (!string.IsNullOrWhiteSpace(input.Url) && (input.Secret?.Trim().Length ?? 0) < 16)
        {
            errors.Add("secret", "The webhook secret must have at least 16 characters, so receivers can trust the signature.");
        }

        errors.MaxLength("secret", input.Secret, 200, "Secret");
        errors.ThrowIfAny();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.DeploymentSettings.SingleAsync(s => s.Id == DeploymentSettings.SingletonId, cancellationToken);
        var before = settings.WebhookUrl;
        settings.WebhookUrl = string.IsNullOrWhiteSpace(input.Url) ? null : input.Url.Trim();
        settings.WebhookSecret = string.IsNullOrWhiteSpace(input.Url) ? null : input.Secret!.Trim();
        var actor = AuditActor.From(user);
        settings.UpdatedBy = actor.Name;
        settings.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        // The secret never goes into the audit log.
        db.AddAuditEvent(actor, "deployment-webhook.updated", nameof(DeploymentSettings), null, new { before, after = settings.WebhookUrl });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// Null when the webhook URL may be saved; otherwise what to fix. Delivery checks again, after DNS resolution,
    /// on every connection (see <see cref="OutboundGuard"/>).
    /// </summary>
    public string? ProblemWithUrl(string? url) => guard.ProblemWithUrl(url, "Webhook URL");

    internal ChannelReader<(string Event, DeploymentRequestView Request, DateTimeOffset At)> Reader => queue.Reader;

    public void Publish(string eventName, DeploymentRequestView request) => queue.Writer.TryWrite((eventName, request, clock.GetUtcNow()));

    /// <summary><c>sha256=</c> and the lowercase hex HMAC-SHA256 of the exact body bytes under the shared secret.</summary>
    public static string Sign(string secret, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
    }

    internal static byte[] Body(string eventName, DeploymentRequestView request, DateTimeOffset at)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        PortalApi.ConfigureJson(options);
        return JsonSerializer.SerializeToUtf8Bytes(new { @event = eventName, occurredAt = at, request }, options);
    }
}

/// <summary>Supervised, though every delivery already catches its own failure: the loop must outlive anything else too.</summary>
internal sealed partial class DeploymentWebhookSender(
    DeploymentWebhooks webhooks, IHttpClientFactory httpClients, IDbContextFactory<PortalDbContext> dbFactory,
    BackgroundServiceHealth health, TimeProvider clock, ILogger<DeploymentWebhookSender> logger) : SupervisedBackgroundService(health, clock, logger)
{
    protected override async Task RunAsync(CancellationToken stoppingToken)
    {
        await foreach (var (eventName, request, at) in webhooks.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                var settings = await db.DeploymentSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == DeploymentSettings.SingletonId, stoppingToken);
                if (string.IsNullOrWhiteSpace(settings?.WebhookUrl) || string.IsNullOrEmpty(settings.WebhookSecret))
                {
                    continue;
                }

                // A URL stored before the guard existed, or allowed then and not now, is never called.
                if (webhooks.ProblemWithUrl(settings.WebhookUrl) is { } problem)
                {
                    LogUnsafeUrl(logger, eventName, request.Id, problem);
                    continue;
                }

                var body = DeploymentWebhooks.Body(eventName, request, at);
                using var message = new HttpRequestMessage(HttpMethod.Post, settings.WebhookUrl) { Content = new ByteArrayContent(body) };
                message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                message.Headers.Add(DeploymentWebhooks.SignatureHeader, DeploymentWebhooks.Sign(settings.WebhookSecret, body));
                message.Headers.Add("X-MlOpsPortal-Event", eventName);
                using var response = await httpClients.CreateClient(DeploymentWebhooks.HttpClientName).SendAsync(message, stoppingToken);
                if (!response.IsSuccessStatusCode)
                {
                    LogRefused(Logger, eventName, request.Id, (int)response.StatusCode);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A receiver's failure is logged and never stops later deliveries.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(Logger, ex, eventName, request.Id);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Event} for deployment request {Id} was answered {Status}")]
    private static partial void LogRefused(ILogger logger, string @event, int id, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Event} for deployment request {Id} was not sent: {Problem}")]
    private static partial void LogUnsafeUrl(ILogger logger, string @event, int id, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {Event} for deployment request {Id} could not be delivered")]
    private static partial void LogFailed(ILogger logger, Exception exception, string @event, int id);
}
