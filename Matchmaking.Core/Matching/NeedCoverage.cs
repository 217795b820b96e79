using System.Numerics.Tensors;
using Matchmaking.Core.Embeddings;

namespace Matchmaking.Core.Matching;

/// <summary>One distinct need of a participant: its sentence and the index of that sentence in the needs text.</summary>
public sealed record DistinctNeed(int Sentence, string Text, float[] Vector);

/// <summary>
/// Facility-location coverage of a participant's needs by a set of providers: the value of a set is the sum, over the
/// needs, of the best similarity any member of the set has to that need. Submodular, so adding providers greedily by
/// marginal gain reaches at least (1 - 1/e) of the best set, and a near-duplicate of a chosen provider adds almost nothing.
/// Pure.
/// </summary>
public static class NeedCoverage
{
    /// <summary>Two need sentences at least this similar are one need said twice.</summary>
    public const float SameNeedSimilarity = 0.9f;

    /// <summary>Below this best similarity to any chosen provider a need counts as uncovered ("relates to" in reasons).</summary>
    public const float CoveredThreshold = SuggestionRanker.ReverseReasonThreshold;

    private const float Epsilon = 1e-5f;

    /// <summary>The needs' sentences, without those that repeat an earlier one in other words.</summary>
    public static IReadOnlyList<DistinctNeed> Distinct(TextVectors needs)
    {
        var distinct = new List<DistinctNeed>();
        for (var i = 0; i < needs.Sentences.Count; i++)
        {
            var vector = needs.Vectors[i];
            if (distinct.All(d => TensorPrimitives.Dot(d.Vector, vector) < SameNeedSimilarity))
            {
                distinct.Add(new DistinctNeed(i, needs.Sentences[i], vector));
            }
        }
        return distinct;
    }

    /// <summary>
    /// A provider's similarity to each need: its closest offer sentence, with the index of that sentence; negative
    /// similarities count as zero (an unrelated offer covers nothing).
    /// </summary>
    public static (float Similarity, int Offer)[] Similarities(IReadOnlyList<DistinctNeed> needs, TextVectors offers)
    {
        var result = new (float, int)[needs.Count];
        for (var n = 0; n < needs.Count; n++)
        {
            var best = (0f, -1);
            for (var o = 0; o < offers.Vectors.Count; o++)
            {
                var similarity = TensorPrimitives.Dot(needs[n].Vector, offers.Vectors[o]);
                if (similarity > best.Item1)
                {
                    best = (similarity, o);
                }
            }
            result[n] = best;
        }
        return result;
    }

    /// <summary>
    /// Chooses up to <paramref name="count"/> providers greedily: each next one adds the most coverage; ties (e.g. once every
    /// need is covered as well as any provider can) go to the one most similar to all needs, then to the lower index.
    /// </summary>
    /// <param name="similarity">similarity[provider][need].</param>
    /// <param name="allowed">Whether a provider may join the providers already chosen (e.g. a slot is left for it).</param>
    /// <returns>The chosen provider indexes, in order of choice, and the coverage value of the set.</returns>
    public static (List<int> Chosen, double Value) Greedy(IReadOnlyList<float[]> similarity, int needCount, int count, Func<IReadOnlyList<int>, int, bool>? allowed = null)
    {
        var cover = new float[needCount];
        var chosen = new List<int>();
        var taken = new bool[similarity.Count];
        while (chosen.Count < count)
        {
            var best = -1;
            var bestGain = 0f;
            var bestRelevance = 0f;
            for (var p = 0; p < similarity.Count; p++)
            {
                if (taken[p])
                {
                    continue;
                }
                var gain = 0f;
                var relevance = 0f;
                for (var n = 0; n < needCount; n++)
                {
                    gain += Math.Max(0, similarity[p][n] - cover[n]);
                    relevance += similarity[p][n];
                }
                if (best >= 0 && (gain < bestGain - Epsilon || (gain <= bestGain + Epsilon && relevance <= bestRelevance)))
                {
                    continue;
                }
                if (allowed is not null && !allowed(chosen, p))
                {
                    continue;
                }
                (best, bestGain, bestRelevance) = (p, gain, relevance);
            }
            if (best < 0)
            {
                break;
            }
            chosen.Add(best);
            taken[best] = true;
            for (var n = 0; n < needCount; n++)
            {
                cover[n] = Math.Max(cover[n], similarity[best][n]);
            }
        }
        return (chosen, cover.Sum(c => (double)c));
    }

    /// <summary>The coverage value of a set: for each need, the best similarity of any member.</summary>
    public static double Value(IReadOnlyList<float[]> similarity, int needCount, IEnumerable<int> set)
    {
        var cover = new float[needCount];
        foreach (var p in set)
        {
            for (var n = 0; n < needCount; n++)
            {
                cover[n] = Math.Max(cover[n], similarity[p][n]);
            }
        }
        return cover.Sum(c => (double)c);
    }
}
