using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Routing;

namespace Matchmaking.Api.Infrastructure;

public static class JsonExtensions
{
    /// <summary>camelCase JSON, kebab-case enum values, and bad bodies raised as exceptions so they become per-field 400s.</summary>
    public static IServiceCollection AddMatchmakingJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower));
            options.SerializerOptions.MaxDepth = 16;
        });
        // Without this, a body that does not bind is answered with an empty 400 outside Development.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }
}
