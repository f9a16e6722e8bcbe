using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace MlOpsPortal.Infrastructure.Configuration;

public static class RootDevelopmentSettings
{
    /// <summary>
    /// The development configuration sits at the repository root (product brief) and is copied beside the binaries.
    /// It replaces the content-root appsettings.Development.json source in place, so environment variables and
    /// the command line still override it.
    /// </summary>
    public static WebApplicationBuilder UseRootDevelopmentSettings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!builder.Environment.IsDevelopment())
        {
            return builder;
        }

        var sources = builder.Configuration.Sources;
        var index = sources.ToList().FindIndex(s => s is JsonConfigurationSource { Path: "appsettings.Development.json" });
        var rootCopy = new JsonConfigurationSource
        {
            Path = "appsettings.Development.json",
            Optional = false,
            ReloadOnChange = false,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        if (index >= 0)
        {
            sources[index] = rootCopy;
        }
        else
        {
            sources.Insert(Math.Min(2, sources.Count), rootCopy);
        }

        return builder;
    }
}
