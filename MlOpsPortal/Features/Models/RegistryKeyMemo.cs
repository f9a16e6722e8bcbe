using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components.Endpoints;

namespace MlOpsPortal.Features.Models;

/// <summary>
/// The registry's keys (and rules) as one page render has read them. A page's parts (the inbox's cards, their gates and
/// health scores, a dashboard's charts and score) each turn the same model keys into ids through <see cref="RegistryKeys"/>;
/// while a page is prerendered for a GET they are read once. Only there: a GET writes nothing, so what was read stays
/// true until the response is sent. A circuit's events, jobs, API calls and tests have no memo and read every time.
/// </summary>
internal sealed class RegistryKeyMemo
{
    private static readonly AsyncLocal<RegistryKeyMemo?> Open = new();

    /// <summary>Models by key, null for a key the registry does not know.</summary>
    public ConcurrentDictionary<string, ModelRef?> ModelsByKey { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<int, ModelRef> ModelsById { get; } = new();

    public ConcurrentDictionary<int, VersionRef> VersionsById { get; } = new();

    /// <summary>
    /// Each model's latest version with its details as the page read it (null: the model has none), by model key: a
    /// dashboard reads its model with every version, then its health score asks for the latest again.
    /// </summary>
    public ConcurrentDictionary<string, VersionDetails?> LatestVersionsByKey { get; } = new(StringComparer.Ordinal);

    /// <summary>The registry's rules (naming patterns, required card sections) as the page read them first.</summary>
    public RegistrySettings? Settings { get; set; }

    /// <summary>The registry's stamp as the page read it first: every snapshot the page asks for checks against the same one.</summary>
    public RegistryStamp? Stamp { get; set; }

    // A flow that outlives the request (a timer or task a page's GET happened to start) still carries the memo; once the
    // page is done it must read the database again rather than answers that are only true for that one response.
    private volatile bool ended;

    public static RegistryKeyMemo? Current => Open.Value is { ended: false } memo ? memo : null;

    public void Remember(ModelRef model)
    {
        ModelsByKey[model.Key] = model;
        ModelsById[model.Id] = model;
    }

    /// <summary>Until disposed, lookups in this flow of execution (and the tasks it starts) share one memo.</summary>
    public static IDisposable Begin()
    {
        var memo = new RegistryKeyMemo();
        Open.Value = memo;
        return new Scope(memo);
    }

    /// <summary>Reads the keys once per GET of a page (a Razor component endpoint), for the length of its prerender.</summary>
    public static IApplicationBuilder UseFor(IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.WebSockets.IsWebSocketRequest
            || context.GetEndpoint()?.Metadata.GetMetadata<RootComponentMetadata>() is null)
        {
            await next(context);
            return;
        }

        using (Begin())
        {
            await next(context);
        }
    });

    private sealed class Scope(RegistryKeyMemo memo) : IDisposable
    {
        public void Dispose()
        {
            memo.ended = true;
            Open.Value = null;
        }
    }
}
