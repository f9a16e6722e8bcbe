using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>
/// The portal's managed heap, through dotnet-gcdump (a local tool of this bench): collecting a dump makes the runtime
/// run a full blocking GC first, so the report is what is live, grouped by type.
/// </summary>
internal static partial class HeapDump
{
    /// <summary>Live bytes on the managed heap after a full GC, and bytes and objects by type.</summary>
    public static async Task<(long Bytes, IReadOnlyDictionary<string, (double Bytes, double Count)> Types)> CollectAsync(int pid)
    {
        var file = Path.Combine(Path.GetTempPath(), $"circuit-bench-{Guid.NewGuid():N}.gcdump");
        try
        {
            await ToolAsync($"collect -p {pid.ToString(CultureInfo.InvariantCulture)} -o {file}");
            var report = await ToolAsync($"report {file}");
            var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var total = lines.Select(l => Total().Match(l)).FirstOrDefault(m => m.Success)
                ?? throw new InvalidOperationException("dotnet-gcdump report printed no total:\n" + report);
            var types = new Dictionary<string, (double Bytes, double Count)>();
            foreach (var row in lines.Select(l => Row().Match(l)).Where(m => m.Success))
            {
                // The report splits a type by size class ("(Bytes > 1K)"); its size column is per object.
                var type = row.Groups["type"].Value;
                var (size, count) = (Number(row.Groups["size"].Value), Number(row.Groups["count"].Value));
                var sum = types.GetValueOrDefault(type);
                types[type] = (sum.Bytes + (size * count), sum.Count + count);
            }

            return ((long)Number(total.Groups["bytes"].Value), types);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// What <paramref name="circuits"/> circuits added, by type (after − before, per circuit), largest first: the text
    /// file the bench leaves beside itself. Per-type sizes are dotnet-gcdump's (approximate for big heaps, which it
    /// samples); the total is the heap's.
    /// </summary>
    public static async Task WriteGroupedAsync(string path, string title, int circuits, long heapAdded,
        IReadOnlyDictionary<string, (double Bytes, double Count)> before, IReadOnlyDictionary<string, (double Bytes, double Count)> after)
    {
        var rows = after.Select(a => (Type: a.Key, Bytes: (a.Value.Bytes - before.GetValueOrDefault(a.Key).Bytes) / circuits, Count: (a.Value.Count - before.GetValueOrDefault(a.Key).Count) / circuits))
            .OrderByDescending(r => r.Bytes).Take(60);
        var text = new System.Text.StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"{title}: what one idle circuit adds to the portal's managed heap ({circuits} circuits, after a full GC)")
            .AppendLine(CultureInfo.InvariantCulture, $"total {heapAdded / 1024.0 / circuits:N0} KB per circuit; top types (dotnet-gcdump, per circuit):")
            .AppendLine(CultureInfo.InvariantCulture, $"{"KB",9} {"objects",9}  type");
        foreach (var (type, bytes, count) in rows)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{bytes / 1024,9:N1} {count,9:N1}  {type}");
        }

        await File.WriteAllTextAsync(path, text.ToString());
    }

    private static double Number(string text) => double.Parse(text.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);

    private static async Task<string> ToolAsync(string arguments)
    {
        var start = new ProcessStartInfo("dotnet", "dotnet-gcdump " + arguments)
        {
            // The tool manifest lives beside this bench's sources.
            WorkingDirectory = BenchDirectory(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var tool = Process.Start(start)!;
        var output = tool.StandardOutput.ReadToEndAsync();
        var error = tool.StandardError.ReadToEndAsync();
        await tool.WaitForExitAsync();
        return tool.ExitCode == 0
            ? await output
            : throw new InvalidOperationException($"dotnet-gcdump {arguments} failed ({tool.ExitCode}); run `dotnet tool restore` in bench/CircuitBench.\n{await output}\n{await error}");
    }

    public static string BenchDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CircuitBench.csproj")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CircuitBench.csproj not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex("^(?<bytes>[0-9,]+)\\s+GC Heap bytes", RegexOptions.IgnoreCase)]
    private static partial Regex Total();

    [GeneratedRegex("^(?<size>[0-9,]+)\\s+(?<count>[0-9,]+)\\s+(?<type>.+?)(\\s+\\(Bytes > [^)]*\\))?\\s+\\[[^]]*\\]$")]
    private static partial Regex Row();
}
