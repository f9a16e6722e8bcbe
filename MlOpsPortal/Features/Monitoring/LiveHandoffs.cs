using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace MlOpsPortal.Features.Monitoring;

/// <summary>
/// A live chart's points between its first read and the moment the browser's live socket takes the chart over
/// (<see cref="LiveSocket"/>). The chart holds it from before its read, so no point falls between the read and the
/// socket: what the feed delivers meanwhile waits here, and the socket sends it before the points it hears itself. The
/// token is what the socket asks for; only the person whose circuit holds it can claim it, and only once.
/// </summary>
public sealed class LiveHandoff : IDisposable
{
    /// <summary>More than a chart draws: a hold the browser never claims (scripts off) does not grow without bound.</summary>
    public const int MaxHeldPoints = MetricSeriesChart.DefaultMaxPoints;

    private readonly LiveHandoffs registry;
    private readonly Lock gate = new();
    private readonly ILiveSubscription subscription;
    private readonly CancellationTokenSource ended = new();
    private List<CommittedPoint> held = [];
    private bool released;

    internal LiveHandoff(LiveHandoffs registry, MetricsFeed feed, string user, IReadOnlyList<LiveSeries> series, Func<IReadOnlyList<CommittedPoint>, Task> whileHeld)
    {
        this.registry = registry;
        User = user;
        Series = series;
        Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Ended = ended.Token;
        subscription = feed.Subscribe(series, async points =>
        {
            lock (gate)
            {
                if (released)
                {
                    return;
                }

                held.AddRange(points);
                if (held.Count > MaxHeldPoints)
                {
                    held.RemoveRange(0, held.Count - MaxHeldPoints);
                }
            }

            await whileHeld(points);
        });
    }

    public string Token { get; }

    /// <summary>The person whose circuit holds the chart (<see cref="LiveSocket"/> compares it with the socket's).</summary>
    public string User { get; }

    public IReadOnlyList<LiveSeries> Series { get; }

    /// <summary>Cancelled when the chart is gone (its circuit closed, the person left the page): the socket stops following it.</summary>
    public CancellationToken Ended { get; }

    /// <summary>Completes once every point committed from now on is held, those of other instances included.</summary>
    public Task Ready => subscription.Ready;

    /// <summary>Points held so far, removed from the hold: the chart drew them already (its first points).</summary>
    public IReadOnlyList<CommittedPoint> TakeHeld()
    {
        lock (gate)
        {
            var points = held;
            held = [];
            return points;
        }
    }

    /// <summary>Stops holding (the socket now hears these series itself) and answers what was held until now.</summary>
    internal IReadOnlyList<CommittedPoint> Release()
    {
        lock (gate)
        {
            released = true;
        }

        subscription.Dispose();
        return TakeHeld();
    }

    public void Dispose()
    {
        registry.Forget(this);
        lock (gate)
        {
            released = true;
            held = [];
        }

        subscription.Dispose();
        // Not disposed: a socket may still register on the token, and a cancelled source holds nothing to free.
        ended.Cancel();
    }
}

/// <summary>The open <see cref="LiveHandoff"/>s of this instance, by token.</summary>
public sealed class LiveHandoffs(MetricsFeed feed)
{
    private readonly ConcurrentDictionary<string, LiveHandoff> open = new(StringComparer.Ordinal);

    /// <summary>
    /// Holds the points of <paramref name="series"/> for the person <paramref name="user"/>; each delivery is also
    /// passed to <paramref name="whileHeld"/> (a chart with nothing drawn yet draws its first points).
    /// </summary>
    public LiveHandoff Hold(string user, IReadOnlyList<LiveSeries> series, Func<IReadOnlyList<CommittedPoint>, Task> whileHeld)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(whileHeld);
        var handoff = new LiveHandoff(this, feed, user, series, whileHeld);
        open[handoff.Token] = handoff;
        return handoff;
    }

    /// <summary>The hold of <paramref name="token"/> if <paramref name="user"/> holds it; it can be claimed once.</summary>
    internal LiveHandoff? Claim(string token, string user) =>
        open.TryGetValue(token, out var handoff) && handoff.User == user && open.TryRemove(new(token, handoff)) ? handoff : null;

    internal void Forget(LiveHandoff handoff) => open.TryRemove(new(handoff.Token, handoff));
}
