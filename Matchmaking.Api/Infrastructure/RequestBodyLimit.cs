using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Matchmaking.Api.Infrastructure;

/// <summary>Refuses bodies over <see cref="MatchmakingOptions.MaxRequestBodyBytes"/> with 400 problem+json.</summary>
public static class RequestBodyLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var limit = context.RequestServices.GetRequiredService<IOptions<MatchmakingOptions>>().Value.MaxRequestBodyBytes;
            if (context.Request.ContentLength > limit)
            {
                await TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["body"] = [$"The request body has {context.Request.ContentLength} bytes; at most {limit} are accepted."] })
                    .ExecuteAsync(context);
                return;
            }
            // Bodies without Content-Length (chunked) are cut off by the server while they are read.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit;
            }
            await next(context);
        });
}
