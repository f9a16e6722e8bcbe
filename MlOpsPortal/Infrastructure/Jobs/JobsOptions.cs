using System.ComponentModel.DataAnnotations;

namespace MlOpsPortal.Infrastructure.Jobs;

public sealed class JobsOptions
{
    public const string SectionName = "Jobs";

    /// <summary>Runs the Hangfire server in this process. Web-only instances of a scaled-out install may turn it off.</summary>
    public bool ServerEnabled { get; set; } = true;

    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;
}
