using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

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
            options.OperationFilter<TextResponsesFilter>();
        });
        return services;
    }

    /// <summary>Documents that the route's 200 answer also comes as these text formats (CSV, iCalendar, HTML).</summary>
    public static RouteHandlerBuilder ProducesText(this RouteHandlerBuilder builder, params string[] contentTypes) =>
        builder.WithMetadata(new TextResponseMetadata(contentTypes));

    private sealed record TextResponseMetadata(IReadOnlyList<string> ContentTypes);

    // ApiExplorer keeps one schema per status code, so a 200 in JSON and text would lose one of them: the text formats are added here.
    private sealed class TextResponsesFilter : IOperationFilter
    {
        public void Apply(OpenApiOperation operation, OperationFilterContext context)
        {
            var contentTypes = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<TextResponseMetadata>().SelectMany(m => m.ContentTypes).ToList();
            if (contentTypes.Count == 0)
            {
                return;
            }
            operation.Responses ??= [];
            operation.Responses.TryGetValue("200", out var ok);
            var content = ok?.Content ?? new Dictionary<string, IOpenApiMediaType>();
            if (ok?.Content is null)
            {
                operation.Responses["200"] = new OpenApiResponse { Description = ok?.Description ?? "OK", Content = content };
            }
            foreach (var contentType in contentTypes)
            {
                content[contentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
            }
        }
    }
}
