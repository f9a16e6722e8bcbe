using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MlOpsPortal.Tests.Support;

/// <summary>
/// An SMTP server on 127.0.0.1 (a free port) that speaks just enough plain SMTP for MailKit: greeting, EHLO (without
/// STARTTLS, so a client must be told not to require it), MAIL FROM, RCPT TO, DATA, RSET, NOOP, QUIT. It accepts every
/// message and keeps each one's raw bytes (dot-unstuffed) for the test to parse with MimeKit.
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> sessions = [];
    private readonly List<ReceivedMail> received = [];
    private readonly Task accepting;

    public LoopbackSmtpServer()
    {
        listener.Start();
        accepting = AcceptAsync();
    }

    public string Host { get; } = IPAddress.Loopback.ToString();

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public IReadOnlyList<ReceivedMail> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            lock (sessions)
            {
                sessions.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new SmtpLineReader(stream);
        string? from = null;
        var to = new List<string>();
        await WriteAsync(stream, "220 loopback ESMTP ready");
        while (!stopping.IsCancellationRequested && await reader.ReadLineAsync(stopping.Token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    await WriteAsync(stream, "250-loopback greets you\r\n250 HELP");
                    break;
                case "HELO":
                    await WriteAsync(stream, "250 loopback");
                    break;
                case "MAIL":
                    from = Address(line);
                    to.Clear();
                    await WriteAsync(stream, "250 OK");
                    break;
                case "RCPT":
                    to.Add(Address(line));
                    await WriteAsync(stream, "250 OK");
                    break;
                case "DATA":
                    await WriteAsync(stream, "354 End data with <CR><LF>.<CR><LF>");
                    var data = await reader.ReadDataAsync(stopping.Token);
                    lock (received)
                    {
                        received.Add(new ReceivedMail(from ?? string.Empty, [.. to], data));
                    }

                    await WriteAsync(stream, "250 OK queued");
                    break;
                case "RSET":
                    from = null;
                    to.Clear();
                    await WriteAsync(stream, "250 OK");
                    break;
                case "NOOP":
                    await WriteAsync(stream, "250 OK");
                    break;
                case "QUIT":
                    await WriteAsync(stream, "221 Bye");
                    return;
                default:
                    await WriteAsync(stream, "502 Command not implemented");
                    break;
            }
        }
    }

    /// <summary>The address between the angle brackets of "MAIL FROM:&lt;a@b&gt;" or "RCPT TO:&lt;a@b&gt;".</summary>
    private static string Address(string line)
    {
        var start = line.IndexOf('<', StringComparison.Ordinal);
        var end = line.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? line[(start + 1)..end] : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    private static Task WriteAsync(NetworkStream stream, string reply) => stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n")).AsTask();

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        Task[] running;
        lock (sessions)
        {
            running = [.. sessions];
        }

        try
        {
            await Task.WhenAll(running);
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException)
        {
            // A session cut short by the stop: the test has what it needed.
        }

        stopping.Dispose();
    }

    /// <summary>Reads CRLF lines and the DATA section byte-exact from the stream.</summary>
    private sealed class SmtpLineReader(NetworkStream stream)
    {
        private readonly byte[] buffer = new byte[8192];
        private readonly List<byte> pending = [];

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken) =>
            await ReadRawLineAsync(cancellationToken) is { } line ? Encoding.ASCII.GetString(line) : null;

        /// <summary>Lines until a lone ".", with the leading dot of stuffed lines removed (RFC 5321 §4.5.2).</summary>
        public async Task<byte[]> ReadDataAsync(CancellationToken cancellationToken)
        {
            var message = new MemoryStream();
            while (await ReadRawLineAsync(cancellationToken) is { } line)
            {
                if (line is [(byte)'.'])
                {
                    break;
                }

                var content = line.Length > 0 && line[0] == '.' ? line.AsSpan(1) : line.AsSpan();
                message.Write(content);
                message.Write("\r\n"u8);
            }

            return message.ToArray();
        }

        /// <summary>One line without its CRLF, or null when the client closed the connection.</summary>
        private async Task<byte[]?> ReadRawLineAsync(CancellationToken cancellationToken)
        {
            while (true)
            {
                for (var i = 1; i < pending.Count; i++)
                {
                    if (pending[i - 1] == '\r' && pending[i] == '\n')
                    {
                        var line = pending.GetRange(0, i - 1).ToArray();
                        pending.RemoveRange(0, i + 1);
                        return line;
                    }
                }

                var read = await stream.ReadAsync(buffer, cancellationToken);
                if (read == 0)
                {
                    return null;
                }

                pending.AddRange(buffer.AsSpan(0, read));
            }
        }
    }
}

/// <summary>One message the loopback server accepted: the envelope and the raw message as sent.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, byte[] Raw);
