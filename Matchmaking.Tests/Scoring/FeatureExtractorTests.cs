using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scoring;

namespace Matchmaking.Tests.Scoring;

public sealed class FeatureExtractorTests
{
    // Unit vectors on the axes of a 3-d space make every similarity easy to check by hand.
    private static readonly float[] X = [1, 0, 0];
    private static readonly float[] Y = [0, 1, 0];
    private static readonly float[] Z = [0, 0, 1];

    internal static ScoredProfile Profile(ParticipantRole role, TextVectors offers, TextVectors needs, string[]? tags = null, string[]? languages = null,
        string? country = null, TextVectors? description = null) =>
        new(new ParticipantProfile(null, $"Org {Guid.NewGuid():N}", null, null, role, null, country, languages ?? [], null, null, null, tags ?? [], [], null, null),
            new ProfileVectors(offers, needs, description ?? TextVectors.Empty,
                TextVectors.MeanOf(offers.Vectors.Concat(needs.Vectors).Concat((description ?? TextVectors.Empty).Vectors))));

    internal static TextVectors Text(params (string Sentence, float[] Vector)[] sentences) =>
        TextVectors.Of(sentences.Select(s => s.Sentence).ToList(), sentences.Select(s => s.Vector).ToList());

    [Test]
    public void TheBestSentencePairAndTheMeanAreMeasuredSeparately()
    {
        var seeker = Profile(ParticipantRole.TraditionalSme, TextVectors.Empty, Text(("need x", X), ("need y", Y)));
        var provider = Profile(ParticipantRole.TechProvider, Text(("offer x", X)), TextVectors.Empty);

        var (features, evidence) = FeatureExtractor.Compute(seeker, provider, topic: null);

        Assert.That(features.NeedOfferBest, Is.EqualTo(1f).Within(1e-6f));
        Assert.That(features.NeedOfferMean, Is.EqualTo(1 / MathF.Sqrt(2)).Within(1e-6f));
        Assert.That(evidence.NeedOffer, Is.EqualTo((0, 0, 1f)));
        Assert.That(features.OfferNeedBest, Is.Zero);
        Assert.That(evidence.OfferNeed, Is.Null);
    }

    [Test]
    public void TheReverseDirectionComparesTheSeekersOffersWithTheProvidersNeeds()
    {
        var seeker = Profile(ParticipantRole.TraditionalSme, Text(("pilot farm", Z)), Text(("need", X)));
        var provider = Profile(ParticipantRole.TechProvider, Text(("offer", Y)), Text(("looking for pilot farms", Z)));

        var (features, evidence) = FeatureExtractor.Compute(seeker, provider, topic: null);

        Assert.That(features.NeedOfferBest, Is.Zero);
        Assert.That(features.OfferNeedBest, Is.EqualTo(1f).Within(1e-6f));
        Assert.That(evidence.OfferNeed!.Value.Similarity, Is.EqualTo(1f).Within(1e-6f));
    }

    [Test]
    public void TopicTagsLanguageAndCountryAreScoredFromTheProfiles()
    {
        var seeker = Profile(ParticipantRole.TraditionalSme, TextVectors.Empty, Text(("need", X)), ["Dairy", "cheese", "export"], ["es", "en"], "ES");
        var provider = Profile(ParticipantRole.TechProvider, Text(("offer", X)), TextVectors.Empty, ["dairy", "sensors"], ["en"], "ES");

        var (features, _) = FeatureExtractor.Compute(seeker, provider, topic: X, wished: true);

        Assert.That(features.SeekerTopic, Is.EqualTo(1f).Within(1e-6f));
        Assert.That(features.ProviderTopic, Is.EqualTo(1f).Within(1e-6f));
        Assert.That(features.SharedTags, Is.EqualTo(0.25f).Within(1e-6f));   // dairy of {dairy, cheese, export, sensors}
        Assert.That(features.CommonLanguage, Is.EqualTo(1f));
        Assert.That(features.SameCountry, Is.EqualTo(1f));
        Assert.That(features.Wish, Is.EqualTo(1f));
    }

    [Test]
    public void UnknownLanguagesCountHalfAndDisjointOnesNothing()
    {
        var spanish = Profile(ParticipantRole.TraditionalSme, TextVectors.Empty, Text(("need", X)), languages: ["es"]);
        var finnish = Profile(ParticipantRole.TechProvider, Text(("offer", X)), TextVectors.Empty, languages: ["fi"]);
        var silent = Profile(ParticipantRole.TechProvider, Text(("offer", X)), TextVectors.Empty);

        Assert.That(FeatureExtractor.Compute(spanish, finnish, null).Features.CommonLanguage, Is.Zero);
        Assert.That(FeatureExtractor.Compute(spanish, silent, null).Features.CommonLanguage, Is.EqualTo(0.5f));
    }
}

public sealed class ContextFeatureTests
{
    [Test]
    public void EachPairIsPlacedAmongTheAskersOtherCandidates()
    {
        PairFeatures[] group =
        [
            new(0.2f, 0.1f, 0, 0, 0, 0, 0, 0, 1, 0, 0),
            new(0.6f, 0.5f, 0, 0, 0, 0, 0, 0, 1, 0, 0),
            new(0.4f, 0.3f, 0, 0, 0, 0, 0, 0, 1, 0, 0),
        ];

        FeatureExtractor.AddContext(group);

        Assert.That(group.Select(g => g.NeedOfferBestGap), Is.EqualTo(new[] { -0.4f, 0f, -0.2f }).Within(1e-5f));
        Assert.That(group[1].NeedOfferBestZ, Is.GreaterThan(1f));
        Assert.That(group[2].NeedOfferBestZ, Is.EqualTo(0f).Within(1e-4f));
        Assert.That(group.Select(g => g.NeedOfferMeanGap), Is.EqualTo(new[] { -0.4f, 0f, -0.2f }).Within(1e-5f));
        Assert.That(group.Select(g => g.OfferNeedBestZ), Is.All.EqualTo(0f), "no spread, no signal");
        Assert.That(group[0].NeedOfferBest, Is.EqualTo(0.2f), "the base features stay as they were");
    }

    [Test]
    public void ASingleCandidateHasNoGap()
    {
        PairFeatures[] group = [new(0.5f, 0.4f, 0.3f, 0, 0, 0, 0, 0, 1, 0, 0)];

        FeatureExtractor.AddContext(group);

        Assert.That(group[0].NeedOfferBestGap, Is.Zero);
        Assert.That(group[0].NeedOfferBestZ, Is.Zero);
    }
}
