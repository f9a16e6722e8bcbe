using MlOpsPortal.Infrastructure.Audit;
using Xunit;

namespace MlOpsPortal.Tests.Infrastructure.Audit;

public sealed class AuditAnchorTests : IDisposable
{
    private static readonly DateTime At = new(2025, 3, 1, 9, 30, 0, DateTimeKind.Utc);
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mlops-anchor-{Guid.NewGuid():N}", "anchor.log");

    [Fact]
    public async Task Latest_is_the_highest_sequence_and_the_last_line_on_a_tie()
    {
        var anchor = new AuditAnchor(_path);
        Assert.Null(await anchor.ReadLatestAsync(CancellationToken.None));

        Assert.True(anchor.TryAppend(new AuditAnchorEntry(5, new string('a', 64), At, AuditAnchor.Written)));
        anchor.TryAppend(new AuditAnchorEntry(5, new string('b', 64), At.AddSeconds(1), AuditAnchor.Verified));
        anchor.TryAppend(new AuditAnchorEntry(4, new string('c', 64), At.AddSeconds(2), AuditAnchor.Written));

        var latest = await anchor.ReadLatestAsync(CancellationToken.None);
        Assert.Equal(new AuditAnchorEntry(5, new string('b', 64), At.AddSeconds(1), AuditAnchor.Verified), latest);
    }

    [Fact]
    public async Task A_line_cut_short_by_a_crash_is_ignored()
    {
        var anchor = new AuditAnchor(_path);
        anchor.TryAppend(new AuditAnchorEntry(3, new string('a', 64), At, AuditAnchor.Written));
        await File.AppendAllTextAsync(_path, "9 abc");

        Assert.Equal(3, (await anchor.ReadLatestAsync(CancellationToken.None))!.Sequence);
    }

    [Fact]
    public void An_unwritable_file_is_reported_instead_of_thrown()
    {
        Directory.CreateDirectory(_path);
        var anchor = new AuditAnchor(_path);

        Assert.False(anchor.TryAppend(new AuditAnchorEntry(1, new string('a', 64), At, AuditAnchor.Written)));
        Assert.Contains("cannot be written", anchor.LastError, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(Path.GetDirectoryName(_path)))
        {
            Directory.Delete(Path.GetDirectoryName(_path)!, recursive: true);
        }
    }
}
