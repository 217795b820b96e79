using System.Diagnostics;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Scoring;

namespace Matchmaking.Benchmarks;

/// <summary>
/// Trains data/models/scoring.zip from the judged pairs in data/: data/training/ and the demo event's
/// data/training/demo-pairs.csv. Deterministic: the same data gives the same model.
/// </summary>
public static class TrainModelCommand
{
    public static IReadOnlyList<LabelledSet> TrainingSets() =>
    [
        LabelledSet.LoadFolder(Repository.Data("training")),
        LabelledSet.Load("demo", Repository.Data("demo-event.json"), Repository.Data("demo-participants.csv"), Repository.Data("training", "demo-pairs.csv")),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var output = args.Length >= 2 && args[0] == "--out" ? args[1] : Repository.Data("models", "scoring.zip");
        var clock = Stopwatch.StartNew();
        using var embedder = new MiniLmEmbedder();
        var index = new EmbeddingIndex(embedder);
        var bySet = new Dictionary<string, List<LabelledPair>>();
        foreach (var set in TrainingSets())
        {
            bySet[set.Name] = await set.LabelledPairsAsync(index);
            Console.WriteLine($"{set.Name,-10} {set.Seekers.Count(),4} SMEs  {bySet[set.Name].Count,6} pairs  {bySet[set.Name].Count(p => p.Grade >= ScoringModelTrainer.PositiveGrade),4} positive (grade 2-3)");
        }

        // How well a model trained on one set ranks pairs of the other: a check that it generalises.
        foreach (var (held, pairs) in bySet)
        {
            var rest = bySet.Where(s => s.Key != held).SelectMany(s => s.Value).ToList();
            var metrics = ScoringModelTrainer.Evaluate(ScoringModelTrainer.Train(rest), pairs);
            Console.WriteLine($"trained without {held,-10} -> on {held}: AUC {metrics.AreaUnderRocCurve:F3}, AUPRC {metrics.AreaUnderPrecisionRecallCurve:F3}");
        }

        var all = bySet.Values.SelectMany(p => p).ToList();
        var model = ScoringModelTrainer.Train(all);
        ScoringModelTrainer.Save(model, output);
        var inSample = ScoringModelTrainer.Evaluate(model, all);
        Console.WriteLine($"final model on all {all.Count} pairs (in sample): AUC {inSample.AreaUnderRocCurve:F3}");
        Console.WriteLine($"saved {output} ({new FileInfo(output).Length / 1024} KB) in {clock.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
}
