using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace Matchmaking.Core.Scoring;

/// <summary>A judged pair: its features and a grade 0-3 (3 = they should meet about a stated need).</summary>
public sealed record LabelledPair(PairFeatures Features, int Grade);

/// <summary>Trains the pair-scoring model: FastTree binary classification of "grade 2 or 3", Platt-calibrated.</summary>
public static class ScoringModelTrainer
{
    public const int PositiveGrade = 2;

    /// <summary>Deterministic for the same pairs in the same order (fixed seed, single-threaded trainer).</summary>
    public static ITransformer Train(IReadOnlyList<LabelledPair> pairs)
    {
        var ml = new MLContext(seed: 1);
        // Materialised first: LoadFromEnumerable re-enumerates lazy sequences.
        var rows = pairs.Select(p => new PairRow { Features = p.Features.ToArray(), Label = p.Grade >= PositiveGrade }).ToList();
        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            // Chosen by the held-out figures train-model prints (each training set ranked by a model trained on the others).
            NumberOfTrees = 300,
            NumberOfLeaves = 4,
            MinimumExampleCountPerLeaf = 20,
            LearningRate = 0.05,
            FeatureFraction = 0.8,
            Seed = 1,
            NumberOfThreads = 1,
        });
        return trainer.Fit(ml.Data.LoadFromEnumerable(rows));
    }

    public static void Save(ITransformer model, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var ml = new MLContext(seed: 1);
        ml.Model.Save(model, ml.Data.LoadFromEnumerable(Array.Empty<PairRow>()).Schema, path);
    }

    /// <summary>Area under the ROC curve and similar figures of a model on judged pairs.</summary>
    public static CalibratedBinaryClassificationMetrics Evaluate(ITransformer model, IReadOnlyList<LabelledPair> pairs)
    {
        var ml = new MLContext(seed: 1);
        var rows = pairs.Select(p => new PairRow { Features = p.Features.ToArray(), Label = p.Grade >= PositiveGrade }).ToList();
        return ml.BinaryClassification.Evaluate(model.Transform(ml.Data.LoadFromEnumerable(rows)));
    }
}
