using System.Globalization;
using System.Text;

namespace MlOpsPortal.Infrastructure.Audit;

/// <summary>A chain head recorded outside the database.</summary>
/// <param name="Source"><see cref="AuditAnchor.Written"/> or <see cref="AuditAnchor.Verified"/>.</param>
public sealed record AuditAnchorEntry(long Sequence, string Hash, DateTime AtUtc, string Source);

/// <summary>
/// An append-only text file outside the database, one line <c>{sequence} {hash} {utc} {source}</c> per audit
/// write and per verification. Someone who can edit the database but not this file cannot delete events from
/// the end of the chain, or rewrite it, without the next verification noticing the head is gone.
/// </summary>
public sealed class AuditAnchor
{
    public const string Written = "written";
    public const string Verified = "verified";

    // Only the tail is read: the entry with the highest sequence is always among the last lines, except when
    // several portal instances append to one file, where a slightly older line may end up last.
    private const int TailBytes = 16 * 1024;

    private readonly Lock _writeLock = new();

    public AuditAnchor(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FilePath = Path.GetFullPath(path);
    }

    public string FilePath { get; }

    /// <summary>Why the last append failed, or null when it succeeded; readiness reports it.</summary>
    public string? LastError { get; private set; }

    /// <summary>Appends and flushes to disk. Never throws: a failed anchor must not fail the audited change.</summary>
    public bool TryAppend(AuditAnchorEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = string.Create(CultureInfo.InvariantCulture,
            $"{entry.Sequence} {entry.Hash} {AuditHasher.FormatTimestamp(entry.AtUtc)} {entry.Source}\n");
        try
        {
            lock (_writeLock)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
                using var file = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
                file.Write(Encoding.UTF8.GetBytes(line));
                file.Flush(flushToDisk: true);
            }

            LastError = null;
            return true;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            LastError = $"The audit anchor file {FilePath} cannot be written: {exception.Message}";
            return false;
        }
    }

    /// <summary>The recorded head with the highest sequence (the latest line on a tie), or null if none.</summary>
    public async Task<AuditAnchorEntry?> ReadLatestAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(FilePath))
        {
            return null;
        }

        await using var file = new FileStream(FilePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var start = Math.Max(0, file.Length - TailBytes);
        file.Seek(start, SeekOrigin.Begin);
        using var reader = new StreamReader(file, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        var lines = text.Split('\n');

        // A partial first line (cut by the tail) or last line (a write in progress) does not parse.
        AuditAnchorEntry? latest = null;
        foreach (var line in lines.Skip(start > 0 ? 1 : 0))
        {
            if (Parse(line) is { } entry && (latest is null || entry.Sequence >= latest.Sequence))
            {
                latest = entry;
            }
        }

        return latest;
    }

    private static AuditAnchorEntry? Parse(string line)
    {
        var parts = line.Split(' ');
        return parts.Length == 4
            && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            && parts[1].Length == AuditEvent.HashLength
            && DateTime.TryParseExact(parts[2], AuditHasher.TimestampFormat, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at)
            && parts[3] is Written or Verified
                ? new AuditAnchorEntry(sequence, parts[1], DateTime.SpecifyKind(at, DateTimeKind.Utc), parts[3])
                : null;
    }
}
