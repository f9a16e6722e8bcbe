using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MlOpsPortal.Features.Deployments;
using MlOpsPortal.Features.Models;
using MlOpsPortal.Tests.Support;

namespace MlOpsPortal.Tests.Infrastructure.Api;

/// <summary>
/// The portal with a small registry that API inputs can land on (churn-model and fraud-model v1, the dataset
/// customer-profiles v1, a pending deployment request), the development key, and no ingestion limit to trip over.
/// </summary>
public sealed class SeededPortal : PortalAppFactory, IAsyncLifetime
{
    public const string DevelopmentKey = "mlp_dev_fuzz-only-not-a-secret-00000000000";

    public SeededPortal()
    {
        Settings["ApiKeys:DevelopmentKey"] = DevelopmentKey;
        Settings["Monitoring:Ingestion:RequestsPerMinutePerClient"] = "1000000";
        ConfigureServices = services => services.AddSingleton<ILoggerProvider>(new ErrorLog(Errors));
    }

    /// <summary>The exceptions the portal logged, so a 5xx comes with its cause.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    public async Task InitializeAsync()
    {
        var dana = Personas.Contributor.Principal;
        var models = Services.GetRequiredService<ModelsService>();
        var datasets = Services.GetRequiredService<Datasets>();
        await datasets.CreateDatasetAsync(dana, new DatasetInput("customer-profiles", "Profiles", "Data team"));
        await datasets.AddDatasetVersionAsync(dana, "customer-profiles", new DatasetVersionInput("v1", "s3://d/profiles", new string('b', 64), 10, [new DatasetColumn("age", "int")]));
        foreach (var key in new[] { "churn-model", "fraud-model" })
        {
            await models.CreateModelAsync(dana, new ModelInput(key, key, "", "Owner", "Retail", "", RiskTier.Medium, []));
            await models.RegisterVersionAsync(dana, key, new VersionInput("xgboost", "s3://m/model.bin", new string('a', 64), null, null, null,
                [new DatasetRef("customer-profiles", "v1", DatasetRole.Training)], null, null, null));
        }

        await Services.GetRequiredService<DeploymentRequests>().CreateRequestAsync(dana, new DeploymentRequestInput("churn-model", 1, "staging", "Fuzzing.", null));
    }

    Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;

    private sealed class ErrorLog(ConcurrentQueue<string> errors) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error && exception is not null)
            {
                var frame = exception.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("MlOpsPortal", StringComparison.Ordinal))?.Trim();
                errors.Enqueue($"{exception.GetType().Name}: {exception.Message} {frame}");
            }
        }

        public void Dispose()
        {
        }
    }
}
