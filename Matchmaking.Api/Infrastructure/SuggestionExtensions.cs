using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scoring;
using Matchmaking.Core.Storage;
using Microsoft.Extensions.Options;

namespace Matchmaking.Api.Infrastructure;

public static class SuggestionExtensions
{
    /// <summary>Embeddings (MiniLM on ONNX Runtime, vectors cached in SQLite), the pair scorer and suggestions.</summary>
    public static IServiceCollection AddMatchmakingSuggestions(this IServiceCollection services)
    {
        services.AddSingleton<ITextEmbedder>(_ => new MiniLmEmbedder());
        services.AddSingleton<EmbeddingStore>();
        services.AddSingleton(provider => new EmbeddingIndex(provider.GetRequiredService<ITextEmbedder>(), provider.GetRequiredService<EmbeddingStore>()));
        services.AddSingleton<IPairScorer>(provider =>
        {
            var path = provider.GetRequiredService<IOptions<MatchmakingOptions>>().Value.ScoringModel
                ?? Path.Combine(AppContext.BaseDirectory, "data", "models", "scoring.zip");
            var logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("Matchmaking.Scoring");
            if (ModelScorer.TryLoad(path) is { } model)
            {
                logger.LogInformation("Scoring pairs with the trained model {Path}", path);
                return model;
            }
            logger.LogWarning("No scoring model at {Path}: scoring pairs with the documented weighted fallback", path);
            return new WeightedScorer();
        });
        services.AddSingleton<SuggestionService>();
        services.AddHostedService<EmbeddingBackfill>();
        services.AddSingleton<Participants.EmbeddingJobs>();
        services.AddHostedService(provider => provider.GetRequiredService<Participants.EmbeddingJobs>());
        return services;
    }

    /// <summary>Embeds a profile's texts now, so that suggestion requests do not wait for the model.</summary>
    public static Task IndexAsync(this EmbeddingIndex index, IEnumerable<ParticipantProfile> profiles, CancellationToken cancellationToken) =>
        index.EnsureAsync(profiles.SelectMany(ProfileVectors.Texts), cancellationToken: cancellationToken);
}

/// <summary>
/// At start-up, embeds any stored text without a vector for the current model (a database from before embeddings,
/// or a new model), so the first suggestion requests do not wait for it.
/// </summary>
public sealed class EmbeddingBackfill(EventStore events, ParticipantStore participants, EmbeddingIndex index, ILogger<EmbeddingBackfill> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            foreach (var stored in await events.ListAllAsync(stoppingToken))
            {
                var all = await participants.ListAllAsync(stored.Id, stoppingToken);
                var embedded = await index.EnsureAsync(all.SelectMany(p => ProfileVectors.Texts(p.Profile)).Append(stored.Spec.Topic), cancellationToken: stoppingToken);
                if (embedded > 0)
                {
                    logger.LogInformation("Embedded {Count} sentences of event {EventId}", embedded, stored.Id);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            // Suggestions embed whatever is missing themselves; a failed warm-up only costs time.
            logger.LogWarning(e, "Embedding warm-up stopped");
        }
    }
}
