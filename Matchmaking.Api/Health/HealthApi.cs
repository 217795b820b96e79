using Dapper;
using Matchmaking.Core.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Matchmaking.Api.Health;

/// <summary>Healthy when the database opens and answers at the schema version this build expects.</summary>
public sealed class DatabaseHealthCheck(MatchmakingDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            var version = await connection.ExecuteScalarAsync<int>("PRAGMA user_version");
            var events = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events");
            var data = new Dictionary<string, object> { ["schemaVersion"] = version, ["events"] = events };
            return version == Migrator.LatestVersion
                ? HealthCheckResult.Healthy("Database reachable.", data)
                : HealthCheckResult.Unhealthy($"Database schema is at version {version}; this build expects {Migrator.LatestVersion}.", data: data);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Database unreachable: " + e.Message);
        }
    }
}

public static class HealthApi
{
    public static IServiceCollection AddMatchmakingHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return services;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health", new()
        {
            ResponseWriter = (context, report) => context.Response.WriteAsJsonAsync(new
            {
                status = report.Status.ToString(),
                checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, e.Value.Data }),
            }),
        }).AllowAnonymous().WithTags("Health");
        return routes;
    }
}
