namespace MlOpsPortal.Features.Models;

public static class PortalModels
{
    public static WebApplicationBuilder AddPortalModels(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ModelsService>();
        builder.Services.AddTransient<RegistryDemoData>();
        return builder;
    }

    /// <summary>Fills an empty registry with demo models and datasets when DemoData:Enabled is set in Development.</summary>
    public static async Task SeedRegistryDemoDataAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Environment.IsDevelopment() && app.Configuration.GetValue<bool>("DemoData:Enabled"))
        {
            await app.Services.GetRequiredService<RegistryDemoData>().SeedAsync();
        }
    }
}
