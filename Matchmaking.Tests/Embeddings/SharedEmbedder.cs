using Matchmaking.Core.Embeddings;

namespace Matchmaking.Tests.Embeddings;

/// <summary>One real MiniLM model for the unit tests that need it (loading it takes about a second).</summary>
public static class SharedEmbedder
{
    private static readonly Lazy<MiniLmEmbedder> Model = new(() => new MiniLmEmbedder());

    public static MiniLmEmbedder Instance => Model.Value;
}

/// <summary>Counts the texts that reach the model, to prove what the caches spare it.</summary>
public sealed class CountingEmbedder(ITextEmbedder inner) : ITextEmbedder
{
    public int TextsEmbedded { get; private set; }

    public string ModelId => inner.ModelId;

    public int Dimensions => inner.Dimensions;

    public float[][] Embed(IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        TextsEmbedded += texts.Count;
        return inner.Embed(texts, cancellationToken);
    }
}
