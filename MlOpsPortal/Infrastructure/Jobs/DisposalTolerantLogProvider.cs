using Hangfire.Logging;

namespace MlOpsPortal.Infrastructure.Jobs;

/// <summary>
/// Hangfire's log provider is process-wide: the last app to configure Hangfire supplies it. When that app is disposed
/// while another still runs (test hosts, an in-process restart), asking its logger factory for a logger throws and
/// would fail job creation; a silent logger is the lesser harm.
/// </summary>
internal sealed class DisposalTolerantLogProvider(ILogProvider inner) : ILogProvider
{
    public ILog GetLogger(string name)
    {
        try
        {
            return inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string> messageFunc, Exception exception) => false;
    }
}
