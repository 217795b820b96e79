namespace Matchmaking.Core.Scoring;

/// <summary>
/// The transparent fallback when no trained model is present: a fixed weighted sum. Similarities are rescaled from
/// [0.15, 0.65] (unrelated to clearly related for MiniLM) to [0, 1] before weighting; weights sum to 1.
/// </summary>
public sealed class WeightedScorer : IPairScorer
{
    public const string ScorerName = "weighted";

    public static readonly IReadOnlyDictionary<string, float> Weights = new Dictionary<string, float>
    {
        [nameof(PairFeatures.NeedOfferBest)] = 0.35f,
        [nameof(PairFeatures.NeedOfferMean)] = 0.15f,
        [nameof(PairFeatures.OfferNeedBest)] = 0.12f,
        [nameof(PairFeatures.OfferNeedMean)] = 0.05f,
        [nameof(PairFeatures.DescriptionSimilarity)] = 0.05f,
        [nameof(PairFeatures.SeekerTopic)] = 0.05f,
        [nameof(PairFeatures.ProviderTopic)] = 0.05f,
        [nameof(PairFeatures.SharedTags)] = 0.05f,
        [nameof(PairFeatures.CommonLanguage)] = 0.06f,
        [nameof(PairFeatures.SameCountry)] = 0.02f,
        [nameof(PairFeatures.Wish)] = 0.05f,
        // The fallback keeps to the features above; the model learns what the rest add.
        [nameof(PairFeatures.NeedOfferWhole)] = 0,
        [nameof(PairFeatures.OfferNeedWhole)] = 0,
        [nameof(PairFeatures.NeedCoverage)] = 0,
        [nameof(PairFeatures.NeedOfferWholeGap)] = 0,
        [nameof(PairFeatures.NeedOfferWholeZ)] = 0,
        [nameof(PairFeatures.NeedCoverageGap)] = 0,
        [nameof(PairFeatures.NeedCoverageZ)] = 0,
        [nameof(PairFeatures.NeedOfferBestGap)] = 0,
        [nameof(PairFeatures.NeedOfferBestZ)] = 0,
        [nameof(PairFeatures.NeedOfferMeanGap)] = 0,
        [nameof(PairFeatures.NeedOfferMeanZ)] = 0,
        [nameof(PairFeatures.OfferNeedBestGap)] = 0,
        [nameof(PairFeatures.OfferNeedBestZ)] = 0,
    };

    private static readonly float[] WeightVector = PairFeatures.Names.Select(n => Weights[n]).ToArray();
    private static readonly bool[] IsSimilarity = PairFeatures.Names.Select((_, i) => i <= 6).ToArray();

    public string Name => ScorerName;

    public float[] Score(IReadOnlyList<PairFeatures> pairs) => pairs.Select(p => Contributions(p).Sum()).ToArray();

    public IReadOnlyList<PairScore> Explain(IReadOnlyList<PairFeatures> pairs, int topFeatures = 3) =>
        pairs.Select(p =>
        {
            var contributions = Contributions(p);
            return new PairScore(contributions.Sum(), PairScore.TopShares(contributions, topFeatures));
        }).ToList();

    private static float[] Contributions(PairFeatures pair)
    {
        var values = pair.ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            var value = IsSimilarity[i] ? Math.Clamp((values[i] - 0.15f) / 0.5f, 0, 1) : values[i];
            values[i] = value * WeightVector[i];
        }
        return values;
    }
}
