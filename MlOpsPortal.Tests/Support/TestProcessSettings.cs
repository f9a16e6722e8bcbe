using System.Runtime.CompilerServices;

namespace MlOpsPortal.Tests.Support;

/// <summary>Settings for every host the tests build in this process, applied before the first one starts.</summary>
internal static class TestProcessSettings
{
    /// <summary>
    /// Tests start hundreds of portal hosts, many at once. Each would watch its appsettings files for changes with an
    /// inotify instance, and Linux allows a user 128 of them by default: past that, hosts fail to start. No test edits
    /// configuration files while a host runs, so none needs the watch.
    /// </summary>
    [ModuleInitializer]
    internal static void Apply() => Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
}
