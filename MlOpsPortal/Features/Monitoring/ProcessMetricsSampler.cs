using System.Diagnostics;

namespace MlOpsPortal.Features.Monitoring;

public sealed record ProcessReading(double CpuPercent, double WorkingSetMb, double GcHeapMb, double RequestsPerMinute);

/// <summary>
/// Reads the portal's own process. CPU % and request rate are rates, so the sampler keeps the previous reading;
/// the first reading after start measures from the process start.
/// </summary>
public sealed class ProcessMetricsSampler(TimeProvider clock)
{
    private const double BytesPerMb = 1024d * 1024d;
    private readonly Lock gate = new();
    private long requests;
    private TimeSpan lastCpu;
    private DateTimeOffset? lastAt;

    public void CountRequest() => Interlocked.Increment(ref requests);

    public ProcessReading Read()
    {
        using var process = Process.GetCurrentProcess();
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var since = lastAt ?? new DateTimeOffset(process.StartTime.ToUniversalTime());
            var elapsed = Math.Max((now - since).TotalSeconds, 0.001);
            var cpu = process.TotalProcessorTime;
            var cpuPercent = (cpu - lastCpu).TotalSeconds / elapsed / Environment.ProcessorCount * 100d;
            var requestCount = Interlocked.Exchange(ref requests, 0);
            lastCpu = cpu;
            lastAt = now;
            return new ProcessReading(
                Math.Round(Math.Clamp(cpuPercent, 0, 100), 2),
                Math.Round(process.WorkingSet64 / BytesPerMb, 1),
                Math.Round(GC.GetTotalMemory(forceFullCollection: false) / BytesPerMb, 1),
                Math.Round(requestCount / (elapsed / 60d), 1));
        }
    }
}
