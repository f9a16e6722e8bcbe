using Microsoft.Extensions.DependencyInjection.Extensions;
using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Outbound;

public static class OutboundHttpClients
{
    /// <summary>
    /// Puts a named client behind the <see cref="OutboundGuard"/>: its connections go only to checked addresses and
    /// redirects come back to the caller instead of being followed (with the signature re-sent to wherever they point);
    /// and no call is made inside a database transaction (<see cref="TransactionRule"/>).
    /// </summary>
    public static IHttpClientBuilder UseOutboundGuard(this IHttpClientBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.SectionName);
        builder.Services.TryAddSingleton<OutboundGuard>();
        builder.Services.TryAddSingleton<TransactionRule>();
        builder.AddHttpMessageHandler(services => new OutsideTransactionHandler(services.GetRequiredService<TransactionRule>()));
        return builder.ConfigurePrimaryHttpMessageHandler(services => services.GetRequiredService<OutboundGuard>().CreateHandler());
    }
}
