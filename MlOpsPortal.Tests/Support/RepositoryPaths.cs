namespace MlOpsPortal.Tests.Support;

public static class RepositoryPaths
{
    /// <summary>The repository root, found from the test binaries by walking up to the solution file.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MlOpsPortal.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("MlOpsPortal.sln not found above " + AppContext.BaseDirectory);
    }
}
