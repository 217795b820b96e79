using Microsoft.ML;
using Microsoft.ML.Calibrators;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Matchmaking.Core.Scoring;

/// <summary>
/// The trained ML.NET model (FastTree, Platt-calibrated): its probability is the score. Batches go through
/// <c>Transform</c>, which is thread-safe, instead of a PredictionEngine, which is not.
/// </summary>
public sealed class ModelScorer : IPairScorer
{
    public const string ScorerName = "model";

    private readonly MLContext _ml = new(seed: 1);
    private readonly ITransformer _model;
    private readonly ITransformer _explainer;

    public ModelScorer(ITransformer model)
    {
        _model = model;
        var predictor = model as ISingleFeaturePredictionTransformer<CalibratedModelParametersBase<FastTreeBinaryModelParameters, PlattCalibrator>>
            ?? throw new ArgumentException($"Expected a calibrated FastTree binary model, got {model.GetType().Name}.", nameof(model));
        _explainer = _ml.Transforms.CalculateFeatureContribution(predictor, numberOfPositiveContributions: PairFeatures.Count, numberOfNegativeContributions: 0, normalize: false)
            .Fit(_ml.Data.LoadFromEnumerable(Array.Empty<PairRow>()));
    }

    public string Name => ScorerName;

    /// <summary>Loads a model saved by <see cref="ScoringModelTrainer"/>; null when the file does not exist.</summary>
    public static ModelScorer? TryLoad(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }
        var ml = new MLContext(seed: 1);
        return new ModelScorer(ml.Model.Load(path, out _));
    }

    public float[] Score(IReadOnlyList<PairFeatures> pairs)
    {
        if (pairs.Count == 0)
        {
            return [];
        }
        var scored = _model.Transform(_ml.Data.LoadFromEnumerable(PairRow.From(pairs)));
        return scored.GetColumn<float>(nameof(PairPrediction.Probability)).ToArray();
    }

    public IReadOnlyList<PairScore> Explain(IReadOnlyList<PairFeatures> pairs, int topFeatures = 3)
    {
        if (pairs.Count == 0)
        {
            return [];
        }
        var data = _ml.Data.LoadFromEnumerable(PairRow.From(pairs));
        var scored = _explainer.Transform(_model.Transform(data));
        var probabilities = scored.GetColumn<float>(nameof(PairPrediction.Probability)).ToArray();
        var contributions = scored.GetColumn<float[]>("FeatureContributions").ToArray();
        return probabilities.Select((probability, i) => new PairScore(probability, PairScore.TopShares(contributions[i], topFeatures))).ToList();
    }
}

/// <summary>One pair as ML.NET reads it.</summary>
public sealed class PairRow
{
    [VectorType(PairFeatures.Count)]
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }

    public static IEnumerable<PairRow> From(IEnumerable<PairFeatures> pairs) => pairs.Select(p => new PairRow { Features = p.ToArray() });
}

internal sealed class PairPrediction
{
    public float Probability { get; set; }
}
