using Matchmaking.Core.Scoring;

namespace Matchmaking.Tests.Scoring;

public sealed class ScorerTests
{
    private static PairFeatures Pair(float needOffer, float topic = 0.3f, float language = 1) =>
        new(needOffer, needOffer * 0.8f, 0.1f, 0.1f, 0.2f, topic, topic, 0, language, 0, 0);

    [Test]
    public void TheWeightedScoreRisesWithTheNeedOfferSimilarityAndStaysWithinZeroAndOne()
    {
        var scorer = new WeightedScorer();

        var scores = scorer.Score([Pair(-0.2f), Pair(0.2f), Pair(0.5f), Pair(0.9f), new PairFeatures(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)]);

        Assert.That(scores, Is.Ordered.Ascending);
        Assert.That(scores, Is.All.InRange(0f, 1f));
        Assert.That(scores[^1], Is.EqualTo(1f).Within(1e-5f));
    }

    [Test]
    public void TheWeightedScorerNamesTheFeaturesThatWeighedMost()
    {
        var explained = new WeightedScorer().Explain([Pair(0.8f, topic: 0, language: 0)], topFeatures: 2).Single();

        Assert.That(explained.TopFeatures.Select(f => f.Feature), Is.EqualTo(new[] { nameof(PairFeatures.NeedOfferBest), nameof(PairFeatures.NeedOfferMean) }));
        Assert.That(explained.Score, Is.EqualTo(new WeightedScorer().Score([Pair(0.8f, topic: 0, language: 0)])[0]));
    }

    [Test]
    public void TheWeightsSumToOne()
    {
        Assert.That(WeightedScorer.Weights.Values.Sum(), Is.EqualTo(1f).Within(1e-5f));
        Assert.That(WeightedScorer.Weights.Keys, Is.EquivalentTo(PairFeatures.Names));
    }

    [Test]
    public void ATrainedModelSavesLoadsScoresInZeroToOneAndExplainsItself()
    {
        // Synthetic judgements: a pair is good when its need-offer similarity is high; the rest is noise.
        var random = new Random(5);
        var pairs = Enumerable.Range(0, 600).Select(_ =>
        {
            var similarity = (float)random.NextDouble();
            var features = new PairFeatures(similarity, similarity * 0.9f, (float)random.NextDouble() * 0.3f, 0.1f, (float)random.NextDouble(),
                (float)random.NextDouble(), (float)random.NextDouble(), 0, 1, random.Next(2), 0);
            return new LabelledPair(features, similarity > 0.55 ? 3 : 0);
        }).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"scoring-{Guid.NewGuid():N}.zip");
        try
        {
            ScoringModelTrainer.Save(ScoringModelTrainer.Train(pairs), path);

            var scorer = ModelScorer.TryLoad(path)!;
            var scores = scorer.Score([Pair(0.1f), Pair(0.9f)]);
            var explained = scorer.Explain([Pair(0.9f)]).Single();

            Assert.That(scorer.Name, Is.EqualTo("model"));
            Assert.That(scores, Is.All.InRange(0f, 1f));
            Assert.That(scores[1], Is.GreaterThan(scores[0] + 0.5f));
            Assert.That(explained.Score, Is.EqualTo(scores[1]).Within(1e-6f));
            Assert.That(explained.TopFeatures.First().Feature, Is.EqualTo(nameof(PairFeatures.NeedOfferBest)).Or.EqualTo(nameof(PairFeatures.NeedOfferMean)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void AMissingModelFileLoadsNothing() => Assert.That(ModelScorer.TryLoad("/nonexistent/scoring.zip"), Is.Null);

    [Test]
    public void TrainingIsReproducible()
    {
        var pairs = Enumerable.Range(0, 300).Select(i => new LabelledPair(Pair(i / 300f), i > 200 ? 3 : i % 7 == 0 ? 2 : 0)).ToList();

        var first = new ModelScorer(ScoringModelTrainer.Train(pairs)).Score([Pair(0.3f), Pair(0.7f)]);
        var second = new ModelScorer(ScoringModelTrainer.Train(pairs)).Score([Pair(0.3f), Pair(0.7f)]);

        Assert.That(second, Is.EqualTo(first));
    }
}
