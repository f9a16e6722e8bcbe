using MlOpsPortal.Infrastructure.Data;

namespace MlOpsPortal.Infrastructure.Outbound;

/// <summary>Refuses an outbound HTTP call made inside a database transaction (<see cref="TransactionRule"/>).</summary>
internal sealed class OutsideTransactionHandler(TransactionRule rule) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        rule.Refuse($"An outbound call to {request.RequestUri?.Host} was made");
        return base.SendAsync(request, cancellationToken);
    }
}
