namespace Matchmaking.Core.Scoring;

/// <summary>
/// What is known about a pair (seeker S, provider P): S is the side with the need in focus (a traditional SME when one
/// is in the pair). Similarities are cosines of sentence vectors; other features are in [0, 1]. The last six place the
/// pair among the asker's other candidates (see <see cref="FeatureExtractor.AddContext"/>): how far below the best
/// candidate's similarity it is (a gap, at most 0), and its z-score among them.
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
    float NeedOfferBestGap = 0,
    float NeedOfferBestZ = 0,
    float NeedOfferMeanGap = 0,
    float NeedOfferMeanZ = 0,
    float OfferNeedBestGap = 0,
    float OfferNeedBestZ = 0)
{
    public const int Count = 17;

    /// <summary>Names in the order of <see cref="ToArray"/>; also the model's feature slots.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        nameof(NeedOfferBest), nameof(NeedOfferMean), nameof(OfferNeedBest), nameof(OfferNeedMean), nameof(DescriptionSimilarity),
        nameof(SeekerTopic), nameof(ProviderTopic), nameof(SharedTags), nameof(CommonLanguage), nameof(SameCountry), nameof(Wish),
        nameof(NeedOfferBestGap), nameof(NeedOfferBestZ), nameof(NeedOfferMeanGap), nameof(NeedOfferMeanZ), nameof(OfferNeedBestGap), nameof(OfferNeedBestZ),
    ];

    public float[] ToArray() =>
    [
        NeedOfferBest, NeedOfferMean, OfferNeedBest, OfferNeedMean, DescriptionSimilarity,
        SeekerTopic, ProviderTopic, SharedTags, CommonLanguage, SameCountry, Wish,
        NeedOfferBestGap, NeedOfferBestZ, NeedOfferMeanGap, NeedOfferMeanZ, OfferNeedBestGap, OfferNeedBestZ,
    ];
}

/// <summary>The sentences behind the two best similarities, for reasons people can read.</summary>
/// <param name="NeedOffer">Seeker's need sentence index, provider's offer sentence index, their similarity.</param>
/// <param name="OfferNeed">Seeker's offer sentence index, provider's need sentence index, their similarity.</param>
public readonly record struct PairEvidence((int Seeker, int Provider, float Similarity)? NeedOffer, (int Seeker, int Provider, float Similarity)? OfferNeed);

/// <summary>A scorer's answer for one pair: a score in [0, 1] and the features that weighed most for it.</summary>
public sealed record PairScore(float Score, IReadOnlyList<(string Feature, float Weight)> TopFeatures);

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
