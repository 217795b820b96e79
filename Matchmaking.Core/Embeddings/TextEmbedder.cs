namespace Matchmaking.Core.Embeddings;

/// <summary>Turns texts into L2-normalised vectors whose dot product is their cosine similarity.</summary>
public interface ITextEmbedder
{
    /// <summary>Names the model and its pooling; cached vectors are keyed by it.</summary>
    string ModelId { get; }

    int Dimensions { get; }

    /// <summary>One normalised vector per text, in order.</summary>
    float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default);
}
