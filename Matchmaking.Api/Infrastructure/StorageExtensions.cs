using Matchmaking.Core.Storage;
using Microsoft.Extensions.Options;

namespace Matchmaking.Api.Infrastructure;

public static class StorageExtensions
{
    /// <summary>Registers the SQLite database (ConnectionStrings:Matchmaking, default App_Data/matchmaking.db) and the stores.</summary>
    public static IServiceCollection AddMatchmakingStorage(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            var environment = provider.GetRequiredService<IHostEnvironment>();
            return new MatchmakingDatabase(configuration.GetConnectionString("Matchmaking")
                ?? $"Data Source={Path.Combine(environment.ContentRootPath, "App_Data", "matchmaking.db")}");
        });
        services.AddSingleton<EventStore>();
        services.AddSingleton<ParticipantStore>();
        services.AddSingleton<RequestStore>();
        services.AddSingleton<ScheduleStore>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<ExpertVisitStore>();
        services.AddSingleton<TeamStore>();
        return services;
    }

    /// <summary>Migrates the database and, on a brand-new database, loads the demo event for the configured demo tenant.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var database = app.Services.GetRequiredService<MatchmakingDatabase>();
        var previousVersion = await database.InitializeAsync();
        var demoTenant = app.Services.GetRequiredService<IOptions<MatchmakingOptions>>().Value.DemoTenant;
        if (previousVersion == 0 && !string.IsNullOrWhiteSpace(demoTenant))
        {
            var demo = await DemoEventLoader.LoadAsync(Path.Combine(AppContext.BaseDirectory, "data"), demoTenant,
                app.Services.GetRequiredService<EventStore>(), app.Services.GetRequiredService<ParticipantStore>(),
                app.Services.GetRequiredService<Matchmaking.Core.Embeddings.EmbeddingIndex>());
            app.Logger.LogInformation("Loaded the demo event {EventId} ({Name}) for tenant {Tenant}", demo.Id, demo.Spec.Name, demoTenant);
        }
    }
}
