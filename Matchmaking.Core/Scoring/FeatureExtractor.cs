using System.Numerics.Tensors;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Profiles;

namespace Matchmaking.Core.Scoring;

/// <summary>A participant as the scorer sees it: its profile and its texts' vectors.</summary>
public sealed record ScoredProfile(ParticipantProfile Profile, ProfileVectors Vectors);

/// <summary>Computes <see cref="PairFeatures"/> and the evidence behind them. Pure and thread-safe.</summary>
public static class FeatureExtractor
{
    public static (PairFeatures Features, PairEvidence Evidence) Compute(ScoredProfile seeker, ScoredProfile provider, float[]? topic, bool wished = false)
    {
        var needOffer = Best(seeker.Vectors.Needs, provider.Vectors.Offers);
        var offerNeed = Best(seeker.Vectors.Offers, provider.Vectors.Needs);
        var features = new PairFeatures(
            needOffer?.Similarity ?? 0,
            Dot(seeker.Vectors.Needs.Mean, provider.Vectors.Offers.Mean),
            offerNeed?.Similarity ?? 0,
            Dot(seeker.Vectors.Offers.Mean, provider.Vectors.Needs.Mean),
            Dot(seeker.Vectors.Description.Mean, provider.Vectors.Description.Mean),
            Dot(seeker.Vectors.Whole, topic),
            Dot(provider.Vectors.Whole, topic),
            Jaccard(seeker.Profile.Tags, provider.Profile.Tags),
            CommonLanguage(seeker.Profile.Languages, provider.Profile.Languages),
            seeker.Profile.Country is not null && seeker.Profile.Country == provider.Profile.Country ? 1 : 0,
            wished ? 1 : 0,
            Dot(seeker.Vectors.Needs.Whole, provider.Vectors.Offers.Whole),
            Dot(seeker.Vectors.Offers.Whole, provider.Vectors.Needs.Whole),
            Coverage(seeker.Vectors.Needs, provider.Vectors.Offers));
        return (features, new PairEvidence(needOffer, offerNeed));
    }

    /// <summary>
    /// Fills in the context features of one asker's candidate pairs: each main similarity's gap to the best candidate
    /// and its z-score among all of them. Absolute similarity levels vary with how a text is written; its place among
    /// the alternatives ranks better (checked across the training sets by train-model).
    /// </summary>
    public static void AddContext(Span<PairFeatures> group)
    {
        if (group.IsEmpty)
        {
            return;
        }
        var needOfferBest = Spread(group, f => f.NeedOfferBest);
        var needOfferMean = Spread(group, f => f.NeedOfferMean);
        var offerNeedBest = Spread(group, f => f.OfferNeedBest);
        var needOfferWhole = Spread(group, f => f.NeedOfferWhole);
        var needCoverage = Spread(group, f => f.NeedCoverage);
        foreach (ref var f in group)
        {
            f = f with
            {
                NeedOfferBestGap = f.NeedOfferBest - needOfferBest.Max,
                NeedOfferBestZ = (f.NeedOfferBest - needOfferBest.Mean) / needOfferBest.Deviation,
                NeedOfferMeanGap = f.NeedOfferMean - needOfferMean.Max,
                NeedOfferMeanZ = (f.NeedOfferMean - needOfferMean.Mean) / needOfferMean.Deviation,
                OfferNeedBestGap = f.OfferNeedBest - offerNeedBest.Max,
                OfferNeedBestZ = (f.OfferNeedBest - offerNeedBest.Mean) / offerNeedBest.Deviation,
                NeedOfferWholeGap = f.NeedOfferWhole - needOfferWhole.Max,
                NeedOfferWholeZ = (f.NeedOfferWhole - needOfferWhole.Mean) / needOfferWhole.Deviation,
                NeedCoverageGap = f.NeedCoverage - needCoverage.Max,
                NeedCoverageZ = (f.NeedCoverage - needCoverage.Mean) / needCoverage.Deviation,
            };
        }
    }

    private static (float Max, float Mean, float Deviation) Spread(Span<PairFeatures> group, Func<PairFeatures, float> value)
    {
        float max = float.MinValue, sum = 0, squares = 0;
        foreach (var f in group)
        {
            var v = value(f);
            max = Math.Max(max, v);
            sum += v;
            squares += v * v;
        }
        var mean = sum / group.Length;
        var variance = Math.Max(0, squares / group.Length - mean * mean);
        return (max, mean, MathF.Sqrt(variance) + 1e-6f);
    }

    /// <summary>The most similar sentence pair of two texts.</summary>
    public static (int Seeker, int Provider, float Similarity)? Best(TextVectors seeker, TextVectors provider)
    {
        if (seeker.IsEmpty || provider.IsEmpty)
        {
            return null;
        }
        (int, int, float) best = (0, 0, float.MinValue);
        for (var i = 0; i < seeker.Vectors.Count; i++)
        {
            for (var j = 0; j < provider.Vectors.Count; j++)
            {
                var similarity = TensorPrimitives.Dot(seeker.Vectors[i], provider.Vectors[j]);
                if (similarity > best.Item3)
                {
                    best = (i, j, similarity);
                }
            }
        }
        return best;
    }

    /// <summary>How well the offer covers every need sentence: the mean, over need sentences, of the best offer sentence.</summary>
    private static float Coverage(TextVectors needs, TextVectors offers)
    {
        if (needs.IsEmpty || offers.IsEmpty)
        {
            return 0;
        }
        var sum = 0f;
        foreach (var need in needs.Vectors)
        {
            var best = float.MinValue;
            foreach (var offer in offers.Vectors)
            {
                best = Math.Max(best, TensorPrimitives.Dot(need, offer));
            }
            sum += best;
        }
        return sum / needs.Vectors.Count;
    }

    private static float Dot(float[]? a, float[]? b) => a is null || b is null ? 0 : TensorPrimitives.Dot(a, b);

    private static float Jaccard(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0)
        {
            return 0;
        }
        var left = new HashSet<string>(a, StringComparer.OrdinalIgnoreCase);
        var shared = b.Count(left.Contains);
        return shared == 0 ? 0 : (float)shared / (left.Count + b.Count - shared);
    }

    /// <summary>1 when they share a language, 0 when both list languages and share none, 0.5 when unknown.</summary>
    private static float CommonLanguage(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0.5f : a.Intersect(b).Any() ? 1 : 0;
}
