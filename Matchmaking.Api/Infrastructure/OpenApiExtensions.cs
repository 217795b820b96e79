using Microsoft.OpenApi;

namespace Matchmaking.Api.Infrastructure;

public static class OpenApiExtensions
{
    /// <summary>Swashbuckle document with the API key scheme, so Swagger UI's Authorize button sends X-Api-Key.</summary>
    public static IServiceCollection AddMatchmakingOpenApi(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(options =>
        {
            options.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Matchmaking API",
                Version = "v1",
                Description = "B2B matchmaking: events, participants, suggestions and meeting schedules.",
            });
            options.AddSecurityDefinition(ApiKeyAuthenticationHandler.SchemeName, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = ApiKeyAuthenticationHandler.HeaderName,
                Description = "The organiser's API key (development: demo-key).",
            });
            options.AddSecurityRequirement(document => new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiKeyAuthenticationHandler.SchemeName, document)] = [],
            });
        });
        return services;
    }
}
