using System.Diagnostics;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Scoring;

namespace Matchmaking.Benchmarks;

/// <summary>
/// Trains data/models/scoring.zip from the judged pairs in data/: every data/training*/ folder and the demo event's
/// data/training/demo-pairs.csv. Never data/evaluation/. Deterministic: the same data gives the same model.
/// </summary>
public static class TrainModelCommand
{
    public static IReadOnlyList<LabelledSet> TrainingSets() =>
    [
        .. Directory.GetDirectories(Repository.Data(), "training*").Order(StringComparer.Ordinal)
            .Where(folder => File.Exists(Path.Combine(folder, "participants.csv")))
            .Select(LabelledSet.LoadFolder),
        LabelledSet.Load("demo", Repository.Data("demo-event.json"), Repository.Data("demo-participants.csv"), Repository.Data("training", "demo-pairs.csv")),
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var output = args.Length >= 2 && args[0] == "--out" ? args[1] : Repository.Data("models", "scoring.zip");
        var clock = Stopwatch.StartNew();
        using var embedder = new MiniLmEmbedder();
        var index = new EmbeddingIndex(embedder);
        var bySet = new Dictionary<string, List<LabelledPair>>();
        var sets = TrainingSets();
        foreach (var set in sets)
        {
            bySet[set.Name] = await set.LabelledPairsAsync(index);
            Console.WriteLine($"{set.Name,-10} {set.Seekers.Count(),4} SMEs  {bySet[set.Name].Count,6} pairs  {bySet[set.Name].Count(p => p.Grade >= ScoringModelTrainer.PositiveGrade),4} positive (grade 2-3)");
        }

        // How well a model trained on one set ranks the partners of the other: a check that it generalises,
        // next to the weighted fallback on the same held-out set.
        foreach (var held in sets)
        {
            var rest = bySet.Where(s => s.Key != held.Name).SelectMany(s => s.Value).ToList();
            var heldOutModel = ScoringModelTrainer.Train(rest);
            var metrics = ScoringModelTrainer.Evaluate(heldOutModel, bySet[held.Name]);
            var (profiles, topic) = await held.EmbedAsync(index);
            var seekers = held.Seekers.Where(s => held.ProvidersFor(s).Any(p => held.Grade(s, p) >= ScoringModelTrainer.PositiveGrade)).ToList();
            foreach (var scorer in new IPairScorer[] { new ModelScorer(heldOutModel), new WeightedScorer() })
            {
                var (r1, r5, mrr) = QualityBenchmark.Metrics(seekers, held, QualityBenchmark.Rank(held, profiles, topic, scorer, seekers));
                Console.WriteLine($"held-out {held.Name,-9} {scorer.Name,-8}: recall@1 {r1:F3}  recall@5 {r5:F3}  MRR {mrr:F3}" +
                    (scorer is ModelScorer ? $"  (pair AUC {metrics.AreaUnderRocCurve:F3})" : ""));
            }
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
