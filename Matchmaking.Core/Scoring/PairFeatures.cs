namespace Matchmaking.Core.Scoring;

/// <summary>
/// What is known about a pair (seeker S, provider P): S is the side with the need in focus (a traditional SME when one
/// is in the pair). Similarities are cosines of sentence or whole-text vectors; other features are in [0, 1]. The
/// context features place the pair among the asker's other candidates (see <see cref="FeatureExtractor.AddContext"/>):
/// how far below the best candidate's value it is (a gap, at most 0) and its z-score among them.
/// </summary>
public readonly record struct PairFeatures(
    float NeedOfferBest,
    float NeedOfferMean,
    float OfferNeedBest,
    float OfferNeedMean,
    float DescriptionSimilarity,
    float SeekerTopic,
    float ProviderTopic,
    float SharedTags,
    float CommonLanguage,
    float SameCountry,
    float Wish,
    float NeedOfferWhole = 0,
    float OfferNeedWhole = 0,
    float NeedCoverage = 0,
    float NeedOfferBestGap = 0,
    float NeedOfferBestZ = 0,
    float NeedOfferMeanGap = 0,
    float NeedOfferMeanZ = 0,
    float OfferNeedBestGap = 0,
    float OfferNeedBestZ = 0,
    float NeedOfferWholeGap = 0,
    float NeedOfferWholeZ = 0,
    float NeedCoverageGap = 0,
    float NeedCoverageZ = 0)
{
    public const int Count = 24;

    /// <summary>Names in the order of <see cref="ToArray"/>; also the model's feature slots.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        nameof(NeedOfferBest), nameof(NeedOfferMean), nameof(OfferNeedBest), nameof(OfferNeedMean), nameof(DescriptionSimilarity),
        nameof(SeekerTopic), nameof(ProviderTopic), nameof(SharedTags), nameof(CommonLanguage), nameof(SameCountry), nameof(Wish),
        nameof(NeedOfferWhole), nameof(OfferNeedWhole), nameof(NeedCoverage),
        nameof(NeedOfferBestGap), nameof(NeedOfferBestZ), nameof(NeedOfferMeanGap), nameof(NeedOfferMeanZ), nameof(OfferNeedBestGap),
        nameof(OfferNeedBestZ), nameof(NeedOfferWholeGap), nameof(NeedOfferWholeZ), nameof(NeedCoverageGap), nameof(NeedCoverageZ),
    ];

    public float[] ToArray() =>
    [
        NeedOfferBest, NeedOfferMean, OfferNeedBest, OfferNeedMean, DescriptionSimilarity,
        SeekerTopic, ProviderTopic, SharedTags, CommonLanguage, SameCountry, Wish,
        NeedOfferWhole, OfferNeedWhole, NeedCoverage,
        NeedOfferBestGap, NeedOfferBestZ, NeedOfferMeanGap, NeedOfferMeanZ, OfferNeedBestGap,
        OfferNeedBestZ, NeedOfferWholeGap, NeedOfferWholeZ, NeedCoverageGap, NeedCoverageZ,
    ];
}

/// <summary>The sentences behind the two best similarities, for reasons people can read.</summary>
/// <param name="NeedOffer">Seeker's need sentence index, provider's offer sentence index, their similarity.</param>
/// <param name="OfferNeed">Seeker's offer sentence index, provider's need sentence index, their similarity.</param>
public readonly record struct PairEvidence((int Seeker, int Provider, float Similarity)? NeedOffer, (int Seeker, int Provider, float Similarity)? OfferNeed);

/// <summary>
/// A scorer's answer for one pair: a score in [0, 1] and the features that raised it most, each with its share of all
/// the positive contributions (shares of all features sum to 1).
/// </summary>
public sealed record PairScore(float Score, IReadOnlyList<(string Feature, float Weight)> TopFeatures)
{
    /// <summary>The largest positive contributions, as shares of their sum.</summary>
    public static IReadOnlyList<(string Feature, float Weight)> TopShares(IReadOnlyList<float> contributions, int count)
    {
        var total = contributions.Where(c => c > 0).Sum();
        return total <= 0
            ? []
            : contributions.Select((weight, f) => (PairFeatures.Names[f], weight / total))
                .Where(c => c.Item2 > 0).OrderByDescending(c => c.Item2).Take(count).ToList();
    }
}

/// <summary>Turns pair features into scores in [0, 1].</summary>
public interface IPairScorer
{
    /// <summary>Which scorer answered, as shown to callers (e.g. <c>model</c> or <c>weighted</c>).</summary>
    string Name { get; }

    /// <summary>Scores many pairs at once (cheap); no explanations.</summary>
    float[] Score(IReadOnlyList<PairFeatures> pairs);

    /// <summary>Scores pairs and names the features that raised each score most (dearer: use on the few shown).</summary>
    IReadOnlyList<PairScore> Explain(IReadOnlyList<PairFeatures> pairs, int topFeatures = 3);
}
