using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>
/// The portal's managed heap, through dotnet-gcdump (a local tool of this bench): collecting a dump makes the runtime
/// run a full blocking GC first, so the report is what is live, grouped by type.
/// </summary>
internal static partial class HeapDump
{
    /// <summary>Live bytes on the managed heap after a full GC, and the report's lines (largest types first).</summary>
    public static async Task<(long Bytes, IReadOnlyList<string> Report)> CollectAsync(int pid, string keepAs)
    {
        var file = Path.Combine(Path.GetTempPath(), $"circuit-bench-{Guid.NewGuid():N}.gcdump");
        try
        {
            await ToolAsync($"collect -p {pid.ToString(CultureInfo.InvariantCulture)} -o {file}");
            var report = await ToolAsync($"report {file}");
            var lines = report.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var total = lines.Select(l => Total().Match(l)).FirstOrDefault(m => m.Success)
                ?? throw new InvalidOperationException("dotnet-gcdump report printed no total:\n" + report);
            if (keepAs.Length > 0)
            {
                await File.WriteAllTextAsync(keepAs, report);
            }

            return (long.Parse(total.Groups["bytes"].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture), lines);
        }
        finally
        {
            File.Delete(file);
        }
    }

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
}
