using System.Numerics.Tensors;
using System.Text.RegularExpressions;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scoring;

namespace Matchmaking.Benchmarks;

/// <summary>
/// Suggestion quality on a labelled set (default data/evaluation): for each traditional SME, its partners are ranked
/// and compared with its known right partners. recall@k = share of an SME's right partners in its top k, averaged over
/// SMEs; MRR = mean of 1 / rank of the first right partner.
/// </summary>
public static partial class QualityBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var folder = args.Length >= 2 && args[0] == "--set" ? args[1] : Repository.Data("evaluation");
        var set = LabelledSet.LoadFolder(folder);
        using var embedder = new MiniLmEmbedder();
        var index = new EmbeddingIndex(embedder);
        var (profiles, topic) = await set.EmbedAsync(index);
        var seekers = set.Seekers.Where(s => set.ProvidersFor(s).Any(p => set.Grade(s, p) >= 2)).ToList();
        Console.WriteLine($"{set.Name}: {seekers.Count} SMEs with known right partners, {set.Participants.Count - set.Seekers.Count()} others");
        Console.WriteLine($"{"ranking",-34} {"recall@1",9} {"recall@5",9} {"MRR",7}");

        var tfidf = new TfIdf(set.Participants.SelectMany(p => new[] { p.Needs, p.Offers }).OfType<string>());
        Report("TF-IDF keyword cosine (needs/offers)", seekers, set, (s, p) => tfidf.Cosine(s.Needs, p.Offers));

        var whole = await WholeTextVectorsAsync(embedder, set.Participants);
        Report("embedding cosine (needs/offers)", seekers, set, (s, p) => Cosine(whole[(s, "needs")], whole[(p, "offers")]));

        foreach (var scorer in Scorers())
        {
            Report($"suggestions, {scorer.Name} scorer", seekers, set, Rank(set, profiles, topic, scorer, seekers));
        }
        return 0;
    }

    /// <summary>Each seeker's partners as the suggestion code ranks them.</summary>
    public static Dictionary<string, List<ParticipantProfile>> Rank(LabelledSet set, Dictionary<ParticipantProfile, ScoredProfile> profiles, float[]? topic,
        IPairScorer scorer, IEnumerable<ParticipantProfile> seekers)
    {
        var candidates = set.Participants.Select((p, i) => new Candidate(i, profiles[p])).ToList();
        var ids = candidates.ToDictionary(c => c.Profile.Profile.ExternalId!, c => c.Id);
        return seekers.ToDictionary(s => s.ExternalId!, s => SuggestionRanker.Rank(ids[s.ExternalId!], profiles[s], candidates, topic, set.Event.Rules, scorer, candidates.Count)
            .Select(x => x.Profile).ToList());
    }

    private static IEnumerable<IPairScorer> Scorers()
    {
        yield return new WeightedScorer();
        if (ModelScorer.TryLoad(Repository.Data("models", "scoring.zip")) is { } model)
        {
            yield return model;
        }
        else
        {
            Console.WriteLine("(no data/models/scoring.zip: run train-model first)");
        }
    }

    private static void Report(string name, List<ParticipantProfile> seekers, LabelledSet set, Func<ParticipantProfile, ParticipantProfile, float> score) =>
        Report(name, seekers, set, seekers.ToDictionary(s => s.ExternalId!, s => set.ProvidersFor(s).OrderByDescending(p => score(s, p)).ToList()));

    private static void Report(string name, List<ParticipantProfile> seekers, LabelledSet set, Dictionary<string, List<ParticipantProfile>> rankings)
    {
        var (recall1, recall5, mrr) = Metrics(seekers, set, rankings);
        Console.WriteLine($"{name,-34} {recall1,9:F3} {recall5,9:F3} {mrr,7:F3}");
    }

    /// <summary>recall@1, recall@5 and MRR of rankings, counting grades 2-3 as right partners.</summary>
    public static (double Recall1, double Recall5, double Mrr) Metrics(IReadOnlyCollection<ParticipantProfile> seekers, LabelledSet set, Dictionary<string, List<ParticipantProfile>> rankings)
    {
        double recall1 = 0, recall5 = 0, mrr = 0;
        foreach (var seeker in seekers)
        {
            var ranking = rankings[seeker.ExternalId!];
            var relevant = set.ProvidersFor(seeker).Count(p => set.Grade(seeker, p) >= 2);
            recall1 += ranking.Take(1).Count(p => set.Grade(seeker, p) >= 2) / (double)relevant;
            recall5 += ranking.Take(5).Count(p => set.Grade(seeker, p) >= 2) / (double)relevant;
            var first = ranking.FindIndex(p => set.Grade(seeker, p) >= 2);
            mrr += first < 0 ? 0 : 1.0 / (first + 1);
        }
        return (recall1 / seekers.Count, recall5 / seekers.Count, mrr / seekers.Count);
    }

    /// <summary>The baseline's vectors: each needs/offers text embedded whole, as one input.</summary>
    private static async Task<Dictionary<(ParticipantProfile, string), float[]?>> WholeTextVectorsAsync(ITextEmbedder embedder, IReadOnlyList<ParticipantProfile> participants)
    {
        var texts = participants.SelectMany(p => new[] { (p, "needs", p.Needs), (p, "offers", p.Offers) }).ToList();
        var present = texts.Where(t => t.Item3 is not null).ToList();
        var vectors = await Task.Run(() => embedder.Embed(present.Select(t => t.Item3!).ToList()));
        var result = texts.ToDictionary(t => (t.p, t.Item2), _ => (float[]?)null);
        for (var i = 0; i < present.Count; i++)
        {
            result[(present[i].p, present[i].Item2)] = vectors[i];
        }
        return result;
    }

    private static float Cosine(float[]? a, float[]? b) => a is null || b is null ? 0 : TensorPrimitives.Dot(a, b);

    /// <summary>Classic TF-IDF over lower-cased words of three letters or more, without common English stop words.</summary>
    private sealed partial class TfIdf
    {
        private static readonly HashSet<string> StopWords =
        [
            "the", "and", "for", "with", "that", "this", "from", "our", "are", "was", "were", "has", "have", "had", "not", "but",
            "they", "their", "them", "you", "your", "its", "into", "than", "then", "when", "which", "who", "what", "all", "any",
            "can", "will", "would", "could", "should", "more", "most", "some", "such", "only", "also", "very", "too", "out",
            "per", "each", "every", "over", "under", "about", "after", "before", "because", "while", "where", "there", "these",
            "those", "been", "being", "does", "did", "doing", "just", "like", "get", "gets", "we", "us", "how", "why", "one", "two",
        ];

        private readonly Dictionary<string, double> _idf = new();

        public TfIdf(IEnumerable<string> documents)
        {
            var docs = documents.Select(Terms).ToList();
            foreach (var term in docs.SelectMany(d => d.Distinct()))
            {
                _idf[term] = _idf.GetValueOrDefault(term) + 1;
            }
            foreach (var term in _idf.Keys.ToList())
            {
                _idf[term] = Math.Log((1.0 + docs.Count) / (1.0 + _idf[term])) + 1;
            }
        }

        public float Cosine(string? a, string? b)
        {
            if (a is null || b is null)
            {
                return 0;
            }
            var va = Vector(a);
            var vb = Vector(b);
            var dot = va.Where(t => vb.ContainsKey(t.Key)).Sum(t => t.Value * vb[t.Key]);
            var norm = Math.Sqrt(va.Values.Sum(v => v * v)) * Math.Sqrt(vb.Values.Sum(v => v * v));
            return norm == 0 ? 0 : (float)(dot / norm);
        }

        private Dictionary<string, double> Vector(string text) =>
            Terms(text).GroupBy(t => t).ToDictionary(g => g.Key, g => g.Count() * _idf.GetValueOrDefault(g.Key, 1));

        private static List<string> Terms(string text) =>
            Word().Matches(text.ToLowerInvariant()).Select(m => m.Value).Where(w => w.Length >= 3 && !StopWords.Contains(w)).ToList();

        [GeneratedRegex(@"\p{L}+")]
        private static partial Regex Word();
    }
}
