using System.Numerics.Tensors;
using Matchmaking.Core.Profiles;

namespace Matchmaking.Core.Embeddings;

/// <summary>
/// A text as sentences with their vectors, the normalised mean of those vectors, and the vector of the whole text
/// embedded as one input (the model reads its first 256 tokens).
/// </summary>
public sealed record TextVectors(IReadOnlyList<string> Sentences, IReadOnlyList<float[]> Vectors, float[]? Mean, float[]? Whole)
{
    public static readonly TextVectors Empty = new([], [], null, null);

    public bool IsEmpty => Sentences.Count == 0;

    /// <summary>Without a whole-text vector, the mean of the sentences stands in for it.</summary>
    public static TextVectors Of(IReadOnlyList<string> sentences, IReadOnlyList<float[]> vectors, float[]? whole = null)
    {
        if (sentences.Count == 0)
        {
            return Empty;
        }
        var mean = MeanOf(vectors);
        return new(sentences, vectors, mean, whole ?? mean);
    }

    /// <summary>The normalised mean of unit vectors: the direction the sentences share.</summary>
    public static float[]? MeanOf(IEnumerable<float[]> vectors)
    {
        float[]? sum = null;
        foreach (var vector in vectors)
        {
            sum ??= new float[vector.Length];
            TensorPrimitives.Add(sum, vector, sum);
        }
        if (sum is null)
        {
            return null;
        }
        var norm = TensorPrimitives.Norm(sum);
        if (norm > 0)
        {
            TensorPrimitives.Divide(sum, norm, sum);
        }
        return sum;
    }
}

/// <summary>A participant's texts as vectors: what it offers, what it needs, its description, and all of them together.</summary>
public sealed record ProfileVectors(TextVectors Offers, TextVectors Needs, TextVectors Description, float[]? Whole)
{
    public static IEnumerable<string?> Texts(ParticipantProfile profile) => [profile.Offers, profile.Needs, profile.Description];
}
