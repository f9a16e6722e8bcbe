using System.Collections.Concurrent;
using System.Security.Claims;
using MlOpsPortal.Infrastructure.Architecture;
using MlOpsPortal.Infrastructure.Auth;

namespace MlOpsPortal.Features.Usage;

/// <summary>What a usage counter counts; the value is the <see cref="UsageRollup.Kind"/> stored.</summary>
[FeatureContract]
public static class UsageKinds
{
    /// <summary>Page views, subject the feature (the first segment of the page's address).</summary>
    public const string PageView = "page";

    /// <summary>API calls, subject "client|area" (the key or app, and the first segment after /api/v1/).</summary>
    public const string ApiCall = "api";

    /// <summary>Full page loads by their server time, subject the upper bound of a latency bucket in ms.</summary>
    public const string PageLatency = "latency.page";

    /// <summary>API calls by their server time, subject the upper bound of a latency bucket in ms.</summary>
    public const string ApiLatency = "latency.api";

    /// <summary>Upper bounds (ms) of the latency buckets; the last catches everything slower.</summary>
    public static IReadOnlyList<int> LatencyBucketsMs { get; } = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, int.MaxValue];

    public static string LatencyBucket(double milliseconds) =>
        LatencyBucketsMs.First(bound => milliseconds <= bound).ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Counts usage in memory: a page view or an API call is an interlocked increment, never a database write on the
/// request path. <see cref="UsageFlusher"/> drains the counts into daily rollups every minute and on shutdown.
/// </summary>
[FeatureContract]
public sealed class UsageTracker(TimeProvider clock)
{
    /// <summary>Roles and business unit of a person first seen on a day.</summary>
    internal sealed record ActivePerson(DateOnly Day, string PersonId, string Roles, string BusinessUnit);

    internal sealed record CounterKey(DateOnly Day, string Kind, string Subject);

    public const string NoBusinessUnit = "Unassigned";

    private readonly ConcurrentDictionary<CounterKey, StrongBox> counters = new();
    private readonly ConcurrentDictionary<(DateOnly Day, string PersonId), ActivePerson> active = new();
    private readonly ConcurrentDictionary<(DateOnly Day, string PersonId), byte> flushedActive = new();

    public void Count(string kind, string subject, long by = 1)
    {
        var key = new CounterKey(Today(), kind, subject.Length > 200 ? subject[..200] : subject);
        Interlocked.Add(ref counters.GetOrAdd(key, _ => new StrongBox()).Value, by);
    }

    /// <summary>A page opened at <paramref name="relativePath"/>, counted for its feature; its viewer is active today.</summary>
    public void CountPageView(string relativePath, ClaimsPrincipal user)
    {
        Count(UsageKinds.PageView, FeatureOfPath(relativePath));
        MarkActive(user);
    }

    /// <summary>The feature a page address belongs to: its first segment, "home" for the root.</summary>
    public static string FeatureOfPath(string relativePath)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var path = relativePath.Split('?', '#')[0].Trim('/');
        var first = path.Split('/')[0].ToLowerInvariant();
        return first.Length == 0 ? "home" : first;
    }

    /// <summary>A signed-in person (not an API key or app) is active today.</summary>
    public void MarkActive(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || user.Identity.AuthenticationType == ApiKeyAuthenticationHandler.SchemeName || user.UserId() is not { } id)
        {
            return;
        }

        var key = (Today(), id);
        if (flushedActive.ContainsKey(key) || active.ContainsKey(key))
        {
            return;
        }

        var roles = string.Join(',', user.Roles().Where(r => PortalRoles.UserRoles.Contains(r)).Order(StringComparer.Ordinal));
        var unit = user.FindFirst(PortalClaims.Department)?.Value is { Length: > 0 } department ? department : NoBusinessUnit;
        active.TryAdd(key, new ActivePerson(key.Item1, id, roles, unit.Length > 100 ? unit[..100] : unit));
    }

    /// <summary>Takes the counts gathered since the last drain; <see cref="Restore"/> puts them back if saving fails.</summary>
    internal (IReadOnlyList<(CounterKey Key, long Count)> Counts, IReadOnlyList<ActivePerson> People) Drain()
    {
        var counts = new List<(CounterKey, long)>();
        var today = Today();
        foreach (var (key, box) in counters)
        {
            var count = Interlocked.Exchange(ref box.Value, 0);
            if (count != 0)
            {
                counts.Add((key, count));
            }

            // Days before yesterday get no more counts; their boxes go so memory stays bounded.
            if (key.Day < today.AddDays(-1))
            {
                counters.TryRemove(key, out _);
                var late = Interlocked.Exchange(ref box.Value, 0);
                if (late != 0)
                {
                    counts.Add((key, late));
                }
            }
        }

        var people = new List<ActivePerson>();
        foreach (var (key, person) in active)
        {
            if (active.TryRemove(key, out _))
            {
                people.Add(person);
                flushedActive.TryAdd(key, 0);
            }
        }

        foreach (var key in flushedActive.Keys.Where(k => k.Day < today.AddDays(-1)))
        {
            flushedActive.TryRemove(key, out _);
        }

        return (counts, people);
    }

    internal void Restore(IReadOnlyList<(CounterKey Key, long Count)> counts, IReadOnlyList<ActivePerson> people)
    {
        foreach (var (key, count) in counts)
        {
            Interlocked.Add(ref counters.GetOrAdd(key, _ => new StrongBox()).Value, count);
        }

        foreach (var person in people)
        {
            flushedActive.TryRemove((person.Day, person.PersonId), out _);
            active.TryAdd((person.Day, person.PersonId), person);
        }
    }

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private sealed class StrongBox
    {
#pragma warning disable CA1051 // a field, so Interlocked can take it by reference
        public long Value;
#pragma warning restore CA1051
    }
}
