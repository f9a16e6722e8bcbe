namespace MlOpsPortal.Infrastructure.Data;

/// <summary>
/// One feature's demo data, added by its <c>AddPortal&lt;Feature&gt;()</c> with <see cref="DemoSeederServiceCollectionExtensions.AddDemoSeeder{T}"/>
/// and run by <see cref="DemoSeeders"/> after migration, in <see cref="Order"/>. A seeder writes only into a portal
/// without its data (so a start after a failure may run it again) and through short transactions of its own: the
/// database is shared with every request and job from the moment the port opens.
/// </summary>
public interface IDemoSeeder
{
    /// <summary>Dependency order, lowest first; see <see cref="DemoSeedOrder"/>.</summary>
    int Order { get; }

    /// <summary>
    /// False: runs before the port opens (quick, and what the first page shows). True: slow, so it runs after the host
    /// has started, supervised. Every seeder that runs before the port opens orders before every background one.
    /// </summary>
    bool RunsInBackground { get; }

    Task SeedAsync(CancellationToken cancellationToken = default);
}

/// <summary>The features' demo data in dependency order: deployments need the registry's models, quality their versions.</summary>
public static class DemoSeedOrder
{
    public const int Registry = 100;
    public const int Deployments = 200;
    public const int Incidents = 250;
    public const int Access = 270;
    public const int Quality = 300;
    public const int Reports = 400;
}

public static class DemoSeederServiceCollectionExtensions
{
    /// <summary>The seeder as itself (tests seed again by hand) and as one of the portal's <see cref="IDemoSeeder"/>s.</summary>
    public static IServiceCollection AddDemoSeeder<T>(this IServiceCollection services)
        where T : class, IDemoSeeder
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddTransient<T>();
        return services.AddTransient<IDemoSeeder>(sp => sp.GetRequiredService<T>());
    }
}
