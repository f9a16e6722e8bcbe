using System.Diagnostics;
using System.Text;

namespace MlOpsPortal.Tests.Features.Reports;

/// <summary>
/// Poppler's command-line tools (pdftotext, pdfinfo, pdffonts) run on a PDF, as an independent reader: a PDF they read without
/// complaint opens in ordinary viewers. Missing tools fail the test and say how to install them.
/// </summary>
public static class Poppler
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private static readonly string[] Utf8 = ["-enc", "UTF-8"];

    /// <summary>The page's text as pdftotext lays it out (<c>-layout</c>); all pages when <paramref name="page"/> is null.</summary>
    public static Task<string> TextAsync(byte[] pdf, int? page = null) =>
        RunAsync("pdftotext", pdf, page is { } p ? [.. Utf8, "-layout", "-f", $"{p}", "-l", $"{p}"] : [.. Utf8, "-layout"], output: "-");

    /// <summary>pdffonts' rows, one per font: name, type, encoding, embedded, subset, unicode map, object.</summary>
    public static async Task<IReadOnlyList<string>> FontsAsync(byte[] pdf) =>
        [.. (await RunAsync("pdffonts", pdf, [], output: null)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).Select(Flatten)];

    /// <summary>pdfinfo's "Key: value" lines.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> InfoAsync(byte[] pdf)
    {
        var text = await RunAsync("pdfinfo", pdf, [.. Utf8, "-isodates"], output: null);
        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(':', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0].Trim(), parts => parts[1].Trim(), StringComparer.Ordinal);
    }

    /// <summary>Text with every run of white space (line breaks and layout padding included) made one space.</summary>
    public static string Flatten(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static async Task<string> RunAsync(string tool, byte[] pdf, IReadOnlyList<string> arguments, string? output)
    {
        var path = Find(tool);
        var file = Path.Combine(Path.GetTempPath(), $"mlopsportal-report-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var start = new ProcessStartInfo(path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
                StandardErrorEncoding = Encoding.UTF8,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(file);
            if (output is not null)
            {
                start.ArgumentList.Add(output);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{path} did not start.");
            using var timeout = new CancellationTokenSource(Within);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
            var errors = await stderr;
            Assert.True(process.ExitCode == 0 && errors.Length == 0, $"{tool} could not read the PDF (exit {process.ExitCode}): {errors}");
            return await stdout;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException(
            $"The PDF tests read reports with Poppler's {tool}, which is not on PATH: apt-get install -y poppler-utils (.ci/run installs it).");
}
